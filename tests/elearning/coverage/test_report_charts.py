"""The report document carries the progress charts as pictures: opened as a reader's programs
open them (pdfimages/pdftoppm for the PDF, python-docx for the DOCX)."""

import io
import subprocess

import pytest
from docx import Document
from PIL import Image

from elearning.coverage import report_document, selectors, services
from elearning.coverage.pdf import render as render_pdf
from elearning.coverage.word import render as render_docx
from tests.factories.coverage import PlanFactory, complete, months_ago, profile


@pytest.fixture
def document(communes, ninh_binh):
    for commune in communes:
        profile(commune, population=100)
    complete(commune=communes[0], people=20, when=months_ago(2))
    complete(commune=communes[0], people=10)
    services.refresh_commune_rollups(commune_id=communes[0].pk)
    plan = PlanFactory(scope_unit=ninh_binh, targets={"reach": 75})
    area = selectors.area_for(plan=plan, scope=selectors.ReaderScope(unit=None))
    return report_document.build(overview=selectors.overview(area=area), rows=[])


def test_each_rate_has_a_chart_in_the_document(document):
    captions = [chart.caption for chart in document.charts]
    # Reach, two models, legal texts, staff, pass rate; the session counts are not rates.
    assert len(captions) == 6
    assert (
        captions[0] == "Hình 1. Người 14–60 tuổi ở địa bàn trọng điểm được tiếp cận (chỉ tiêu 75 %)"
    )
    picture = Image.open(io.BytesIO(document.charts[0].png))
    assert picture.format == "PNG" and picture.size == (900, 330)
    # The line is drawn in the chart's red, not an empty frame.
    assert (179, 38, 30) in {colour for _count, colour in picture.getcolors(100_000)}


def test_the_pdf_embeds_the_charts(document, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(document))
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert len(listing.strip().splitlines()) - 2 == 6  # two heading lines, then one per image
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Hình 1. Người 14–60 tuổi" in text
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_the_docx_carries_the_charts_as_inline_pictures(document):
    word = Document(io.BytesIO(render_docx(document)))
    assert len(word.inline_shapes) == 6
    assert word.inline_shapes[0].width.mm == pytest.approx(150, abs=0.5)
    texts = [p.text for p in word.paragraphs]
    assert "Hình 1. Người 14–60 tuổi ở địa bàn trọng điểm được tiếp cận (chỉ tiêu 75 %)" in texts


def test_pages_after_the_first_are_numbered_at_the_top(document, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(document))

    def page(number):
        return subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(path)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    assert pages >= 2  # six charts do not fit on one page
    assert page(2).strip().splitlines()[0].strip() == "2"
    assert not page(1).strip().splitlines()[0].strip().isdigit()  # the first page has none
    # The recipients of a report: no "As above", which refers to an addressee line it lacks.
    assert "Như trên" not in page(pages)


def test_the_docx_numbers_its_pages_and_names_its_author(document):
    word = Document(io.BytesIO(render_docx(document)))
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert word.core_properties.author == document.issuer != "python-docx"
