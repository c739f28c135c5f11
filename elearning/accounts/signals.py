from django.dispatch import Signal

# Sent when a guest signs up (or signs in) on a device that has a visitor key, so that apps
# keeping guest activity can move it to the new account. Arguments: visitor_key, user.
guest_became_learner = Signal()
