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

The nightly `reconcile_rollups` corrects whatever a lost call left behind."""

from common import coalesced_tasks

from .tasks import refresh_commune_rollups


def commune_changed(*, commune_id: int | None) -> None:
    """Rows counted in this commune changed (or will, when the transaction commits). Rows
    without a commune are counted nowhere: nothing to do. Nothing is queued on rollback."""
    if commune_id:
        coalesced_tasks.request_on_commit(refresh_commune_rollups, commune_id)
