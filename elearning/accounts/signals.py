from django.dispatch import Signal

# Sent when a guest signs up (or signs in) on a device that has a visitor key, so that apps
# keeping guest activity can move it to the new account. Arguments: visitor_key, user.
guest_became_learner = Signal()

# Sent inside the deletion transaction, just before a learner's account is deleted. Apps that
# keep rows about the learner replace the link to the user with `anonymous_key` (one random
# key per deleted person, shared by every app, so a person is still counted once) and keep
# the anonymous snapshot (commune, audience, age_band), so coverage counts stay right.
# Arguments: user, anonymous_key.
learner_deleting = Signal()
