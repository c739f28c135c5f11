"""The synthetic country-scale generator, run small (COPY on PostgreSQL, INSERTs here)."""

from io import StringIO

from django.core.management import call_command

from elearning.coverage.models import CommuneProfile, ReconciliationRun, Rollup, RollupTotal
from elearning.progress.models import ContentProgress


def test_generator_writes_learners_and_builds_rollups(communes):
    out = StringIO()
    call_command(
        "generate_coverage_data",
        communes=5,
        learners=60,
        progress=240,
        documents=2,
        stdout=out,
    )
    assert "Wrote 60 learners" in out.getvalue()
    assert 200 <= ContentProgress.objects.count() <= 280
    # Three real communes plus two made up, each with a sample profile.
    assert CommuneProfile.objects.filter(is_sample=True).count() == 5
    assert Rollup.objects.filter(level="commune").exists()
    assert Rollup.objects.filter(level="province").exists()
    assert RollupTotal.objects.filter(level="province").exists()
    built = Rollup.objects.count() + RollupTotal.objects.count()
    assert ReconciliationRun.objects.get().corrected == built
    # The rollups it built are exactly what a reconciliation would build.
    call_command("generate_coverage_data", learners=0, progress=0, communes=5, stdout=out)
    assert ReconciliationRun.objects.order_by("-started_at").first().corrected == 0
