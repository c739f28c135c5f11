"""The one road from a counted row to the coverage figures.

Every write that changes a row coverage counts (an attempt or completion, a read receipt, a
certificate, a guest's rows moved to an account, an account's rows anonymised) calls
`commune_changed()` for each commune whose rows changed, inside its transaction. From there:

1. `commune_changed(commune_id=...)` (this module): after commit, queue one refresh of the
   commune, coalesced (common.coalesced_tasks: while a refresh of the commune waits in the
   queue, further changes queue nothing, because the waiting refresh will read them);
2. `tasks.refresh_commune_rollups(commune_id)` (a worker, or in-process without a broker);
3. `services.refresh_commune_rollups(commune_id=...)`: one transaction that recounts the
   commune's cells from the raw rows, then its province's sums, under the province's lock.

A commune profile saved or deleted changes which communes are key areas, so their province's
sums of the reach of key communes: `profile_changed()` queues one recount of the province the
same way (`tasks.refresh_key_commune_rollups` → `services.refresh_key_commune_rollups`). It is
connected to the profile's own signals (`connect()`), since Wagtail's snippet views write
profiles as well as the import does.

The nightly `reconcile_rollups` corrects whatever a lost call left behind."""

from django.db.models.signals import post_delete, post_save

from common import coalesced_tasks
from elearning.geo.selectors import province_ids_of

from .models import CommuneProfile
from .tasks import refresh_commune_rollups, refresh_key_commune_rollups


def commune_changed(*, commune_id: int | None) -> None:
    """Rows counted in this commune changed (or will, when the transaction commits). Rows
    without a commune are counted nowhere: nothing to do. Nothing is queued on rollback."""
    if commune_id:
        coalesced_tasks.request_on_commit(refresh_commune_rollups, commune_id)


def profile_changed(*, commune_ids) -> None:
    """These communes' profiles changed (or will, when the transaction commits)."""
    for province_id in province_ids_of(commune_ids):
        coalesced_tasks.request_on_commit(refresh_key_commune_rollups, province_id)


def _on_profile_written(sender, instance, **kwargs):
    # A profile moved to another commune changes the key communes of both; once written, the
    # instance's commune is the one a later move starts from.
    profile_changed(commune_ids={instance.unit_id, instance.loaded_unit_id})
    instance.loaded_unit_id = instance.unit_id


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            _on_profile_written,
            sender=CommuneProfile,
            dispatch_uid=f"coverage_profile_changed_{signal is post_save}",
        )
