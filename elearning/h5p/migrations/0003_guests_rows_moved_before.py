"""Before guests' H5P rows moved with them at sign-up (learner_data.move_guest_rows), a guest
who signed up left their H5P results and saved states under their visitor key: out of their
data export and kept after their account was deleted. Their attempts did move (and kept the
visitor key), so the owner is known: give those rows to that account."""

from django.db import migrations


def give_rows_to_their_accounts(apps, schema_editor):
    H5PResult = apps.get_model("h5p", "H5PResult")
    H5PUserData = apps.get_model("h5p", "H5PUserData")
    Attempt = apps.get_model("progress", "Attempt")

    for result in H5PResult.objects.filter(
        learner__isnull=True, attempt__learner__isnull=False
    ).select_related("attempt"):
        result.learner_id = result.attempt.learner_id
        result.save(update_fields=["learner"])

    # A visitor key whose attempts belong to exactly one account is that account's.
    owners = {}
    for key, learner_id in (
        Attempt.objects.filter(learner__isnull=False, visitor_key__isnull=False)
        .values_list("visitor_key", "learner_id")
        .distinct()
    ):
        owners.setdefault(key, set()).add(learner_id)
    for state in H5PUserData.objects.filter(learner__isnull=True, visitor_key__in=list(owners)):
        (learner_id, *others) = owners[state.visitor_key]
        if others:
            continue
        own = H5PUserData.objects.filter(learner_id=learner_id, content_id=state.content_id)
        if own.exists():
            continue  # the account saved its own state since: it stays
        state.learner_id = learner_id
        state.save(update_fields=["learner"])


class Migration(migrations.Migration):
    dependencies = [
        ("h5p", "0002_learner_owned"),
        ("progress", "0002_learner_owned"),
    ]

    operations = [migrations.RunPython(give_rows_to_their_accounts, migrations.RunPython.noop)]
