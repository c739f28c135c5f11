"""The synthetic country-scale generator, run small (COPY on PostgreSQL, INSERTs here)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from elearning.coverage import selectors, services
from elearning.coverage.choices import IndicatorCode
from elearning.coverage.models import CommuneProfile, ReconciliationRun, Rollup, RollupYear
from elearning.progress.models import ContentProgress
from tests.factories.coverage import PlanFactory, complete


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
    assert RollupYear.objects.filter(level="province").exists()
    built = Rollup.objects.count() + RollupYear.objects.count()
    assert ReconciliationRun.objects.get().corrected == built
    # The rollups it built are exactly what a reconciliation would build.
    assert services.reconcile_rollups().corrected == 0


def test_every_indicator_has_a_value(communes):
    call_command(
        "generate_coverage_data",
        communes=20,
        learners=400,
        progress=1600,
        documents=2,
        stdout=StringIO(),
    )
    plan = PlanFactory()
    area = selectors.area_for(plan=plan, scope=selectors.ReaderScope(unit=None))
    figures = {f.code: f for f in selectors.overview(area=area).figures if not f.is_detail}
    assert set(figures) == set(IndicatorCode.values)
    # The generator makes online learning only: community sessions are counts without a rate,
    # and none are generated yet.
    for code, figure in figures.items():
        if IndicatorCode(code).is_count:
            assert figure.numerator == 0 and figure.denominator is None, figure
        else:
            assert figure.numerator and figure.denominator, figure
    # Sample headcounts exceed the synthetic staff who trained.
    assert figures["staff_trained"].value < 100


# The real guest's row is committed first: on PostgreSQL the generator rebuilds indexes, which
# a transaction still holding that row's deferred constraint checks may not do.
@pytest.mark.django_db(transaction=True)
def test_the_generator_refuses_a_database_with_real_learners(communes):
    complete(commune=communes[0], people=1)  # a real guest's progress
    with pytest.raises(CommandError, match="real learners"):
        call_command("generate_coverage_data", communes=5, learners=10, progress=20)
    assert not ContentProgress.objects.filter(learner__isnull=False).exists()
    call_command(
        "generate_coverage_data",
        communes=5,
        learners=10,
        progress=20,
        allow_real_learners=True,
        stdout=StringIO(),
    )
    assert ContentProgress.objects.filter(learner__isnull=False).exists()


def test_production_does_not_install_the_generator():
    from config.settings import base

    assert "bench.synthetic" not in base.INSTALLED_APPS
