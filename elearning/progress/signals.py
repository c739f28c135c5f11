from django.dispatch import Signal

# Sent by the `progress_changed_in_commune` task after learners' progress rows counted in a commune (their
# snapshot commune) changed and were committed: a new attempt, a completion, a guest's rows
# moved to an account. Argument: commune_id. One signal may stand for many changes (requests
# are coalesced per commune) and may be sent more than once: receivers must recount, not add.
progress_changed = Signal()
