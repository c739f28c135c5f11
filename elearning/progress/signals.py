from django.dispatch import Signal

# Sent by the `progress_changed` task after a ContentProgress row changed and was committed
# (a new attempt, a completion, a guest's rows moved to an account). Argument: progress
# (a ContentProgress). Coverage rollups listen to it; receivers must be idempotent, as a
# task may run more than once.
progress_changed = Signal()
