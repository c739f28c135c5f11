"""The registry of every model that keeps rows about a learner, and the three walks over it:

- `move_guest_rows`: a guest signed up (or in) on this device: their rows become the
  account's, merged where the account already has one (`LearnerOwned.merge_guest_row`);
- `forget_learner`: the account is being deleted: rows stay under an anonymous key (what
  coverage counts keeps its snapshot) or are deleted, as each model registered;
- `export_for`: "Download my data": every registered model's rows of the learner.

Each app registers its models in its AppConfig.ready():

    learner_data.register("read_receipts", ReadReceipt, counted_by=commune_changed)

`counted_by` is the function told which communes' rows changed (coverage's one road to its
figures): accounts must not import the apps above it, so they hand it over. A test fails when
a model with a learner or visitor key is not registered."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction

from .owned import LearnerOwned

ANONYMISE, DELETE = "anonymise", "delete"


@dataclass(frozen=True)
class LearnerData:
    name: str  # the section of the data export
    model: type[models.Model]
    on_account_deleted: str  # ANONYMISE or DELETE
    counted_by: Callable | None
    # Columns that are the server's, not the learner's (replay keys, session tokens): never
    # exported, whatever else the model gains.
    not_exported: tuple[str, ...] = ()
    commune_field: str = "commune"  # where the row's counted commune is

    @property
    def rows(self):
        return self.model._default_manager

    def export(self, rows) -> list[dict]:
        """Every field but the owner's; pages (content, course, document) with their title."""
        names = []
        for field in self.model._meta.concrete_fields:
            if field.name in ("id", "learner", "visitor_key", *self.not_exported):
                continue
            names.append(field.attname)
            if field.is_relation and field.related_model._meta.label == "wagtailcore.Page":
                names.append(f"{field.name}__title")
        return list(rows.order_by("pk").values(*names))

    def communes(self, rows) -> set[int]:
        if self.counted_by is None:
            return set()
        field = self.commune_field
        return set(rows.exclude(**{field: None}).values_list(field, flat=True))


_registry: dict[str, LearnerData] = {}


def register(
    name: str,
    model: type[models.Model],
    *,
    on_account_deleted: str = ANONYMISE,
    counted_by: Callable | None = None,
    not_exported: tuple[str, ...] = (),
    commune_field: str = "commune",
) -> None:
    assert on_account_deleted in (ANONYMISE, DELETE)
    assert on_account_deleted == DELETE or issubclass(model, LearnerOwned), model
    _registry[name] = LearnerData(
        name, model, on_account_deleted, counted_by, not_exported, commune_field
    )


def registered() -> list[LearnerData]:
    return list(_registry.values())


def _announce(part: LearnerData, communes: set) -> None:
    for commune_id in sorted(c for c in communes if c):
        part.counted_by(commune_id=commune_id)


@transaction.atomic
def move_guest_rows(*, visitor_key: str, user) -> int:
    """The guest's rows of every registered model become the account's. Returns how many
    guest rows there were (moved or merged)."""
    if not visitor_key:
        return 0
    handled = 0
    for part in registered():
        if not issubclass(part.model, LearnerOwned):
            continue  # only accounts own these (certificates)
        guest_rows = part.rows.select_for_update().filter(
            learner__isnull=True, visitor_key=visitor_key
        )
        # The communes the guest's rows leave, and those the merged rows may move to.
        communes = part.communes(guest_rows)
        if part.model.owner_unique:
            for guest in guest_rows:
                own = _own_row_like(part, guest, user)
                if own is not None:
                    merged = part.rows.filter(pk=own.pk)
                    communes |= part.communes(merged)
                    part.model.merge_guest_row(own=own, guest=guest)
                    communes |= part.communes(merged)
                    handled += 1
        handled += guest_rows.update(learner=user)  # the rows not merged
        if part.counted_by:
            _announce(part, communes)
    return handled


def _own_row_like(part: LearnerData, guest, user):
    meta = part.model._meta
    same = {name: getattr(guest, meta.get_field(name).attname) for name in part.model.owner_unique}
    return part.rows.select_for_update().filter(learner=user, **same).first()


@transaction.atomic
def forget_learner(*, user, anonymous_key: str) -> None:
    """Before the account is deleted: each registered model's rows of the learner are kept
    under `anonymous_key` (one random key per deleted person, shared by every model, so a
    person is still counted once, with the commune, audience and age band of the snapshot)
    or deleted."""
    for part in registered():
        rows = part.rows.filter(learner=user)
        communes = part.communes(rows)
        if part.on_account_deleted == ANONYMISE:
            rows.update(learner=None, visitor_key=anonymous_key)
        else:
            rows.delete()
        if part.counted_by:
            _announce(part, communes)


def export_for(*, user) -> dict[str, list[dict]]:
    return {
        part.name: part.export(part.rows.filter(learner=user))
        for part in sorted(registered(), key=lambda part: part.name)
    }
