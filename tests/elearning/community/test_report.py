"""The report reader's list of community sessions, from the plan's coverage report, and its
sheet in the report's XLSX (opened with openpyxl): confirmed sessions of the reader's area only,
small counts "<5", and what would give one away by subtraction from a commune's total "*"."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from elearning.community import services
from tests.factories.accounts import UserFactory
from tests.factories.community import held, officer_of
from tests.factories.coverage import PlanFactory, reader
from tests.spreadsheets import hidden_reason


@pytest.fixture
def plan(ninh_binh):
    return PlanFactory(scope_unit=ninh_binh, targets={"sessions_held": 4})


@pytest.fixture
def sessions(communes, hanoi_commune, ninh_binh, ha_noi):
    """Hoa Lư: a talk of 12 people (6 checked in) and a meeting of 3; Gia Viễn: a market stall
    of 20; a draft in Hoa Lư and a confirmed session in Hà Nội (neither in the list)."""
    officer, reviewer = officer_of(communes[0]), officer_of(ninh_binh, reviewer=True)
    talk = held(officer=officer, commune=communes[0], kind="talk", counts=[("female", "18-60", 12)])
    for n in range(6):
        services.check_in(
            session_id=talk.pk, visitor_key=f"p{n}", learner_id=None, age_band="18-60"
        )
    small = held(officer=officer, commune=communes[0], counts=[("male", "61+", 3)])
    stall = held(
        officer=officer_of(communes[1]),
        commune=communes[1],
        kind="market_stall",
        counts=[("female", "16-17", 8), ("male", "16-17", 12)],
    )
    for session in (talk, small, stall):
        services.confirm_session(user=reviewer, session_id=session.pk)
    held(officer=officer, commune=communes[0], place="Bản nháp", counts=[("female", "18-60", 40)])
    hanoi = held(
        officer=officer_of(hanoi_commune), commune=hanoi_commune, counts=[("female", "18-60", 77)]
    )
    services.confirm_session(user=officer_of(ha_noi, reviewer=True), session_id=hanoi.pk)
    return talk, small, stall


def rows_of(response) -> list[list[str]]:
    import re

    html = response.content.decode()
    body = html.split('id="listing-results"', 1)[1].split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_the_reader_reaches_the_sessions_of_their_area_from_the_report(
    client, plan, sessions, ninh_binh
):
    client.force_login(reader(ninh_binh))
    overview = client.get(reverse("coverage_reports:overview", args=[plan.pk])).content.decode()
    url = reverse("community_session_report", args=[plan.pk])
    assert url in overview and "Sinh hoạt cộng đồng" in overview

    response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:3000]
    rows = rows_of(response)
    assert (
        sorted((r[0], r[2], r[3], r[4]) for r in rows)
        == [
            ("Phường Hoa Lư", "Họp dân", "<5", "0"),
            # Hoa Lư's total (15) is in the report: 12 shown would give the 3 away.
            ("Phường Hoa Lư", "Nói chuyện chuyên đề", "*", "6"),
            ("Xã Gia Viễn", "Gian hàng ở chợ", "20", "0"),
        ]
        or rows
    )
    page = response.content.decode()
    assert "Ba Đình" not in page and "Bản nháp" not in page  # another province, a draft

    hoa_lu = client.get(url, {"commune": sessions[0].commune_id, "kind": "talk"})
    assert [r[2] for r in rows_of(hoa_lu)] == ["Nói chuyện chuyên đề"]
    # A filter never shows more than the full list: the talk stays withheld.
    assert rows_of(hoa_lu)[0][3] == "*"


def test_a_commune_reader_sees_their_commune_only(client, plan, sessions, communes):
    client.force_login(reader(communes[1]))
    rows = rows_of(client.get(reverse("community_session_report", args=[plan.pk])))
    assert [(r[0], r[3]) for r in rows] == [("Xã Gia Viễn", "20")]


def test_someone_who_reads_no_reports_is_refused(client, plan, sessions):
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)  # in the admin, but given no area to read
    response = client.get(reverse("community_session_report", args=[plan.pk]))
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's refusal


def test_the_xlsx_has_a_sessions_sheet_with_the_same_rule(client, plan, sessions, ninh_binh):
    client.force_login(reader(ninh_binh))
    response = client.get(reverse("coverage_reports:overview", args=[plan.pk]) + "?export=xlsx")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    book = load_workbook(io.BytesIO(data))
    assert "Sinh hoạt cộng đồng" in book.sheetnames
    sheet = book["Sinh hoạt cộng đồng"]
    assert [c.value for c in sheet[1]] == [
        "Xã/phường",
        "Ngày",
        "Hình thức",
        "Người tham dự (lượt người)",
        "Điểm danh bằng mã QR",
        "Ghi chú",
    ]
    rows = {(r[0].value, r[2].value): r for r in sheet.iter_rows(min_row=2)}
    assert len(rows) == 3
    stall = rows[("Xã Gia Viễn", "Gian hàng ở chợ")]
    assert stall[3].value == 20 and stall[4].value == 0  # numbers, not text
    assert stall[1].value.year == sessions[2].starts_at.year  # a real date cell
    small = rows[("Phường Hoa Lư", "Họp dân")]
    assert small[3].value is None and hidden_reason(small[3]) == "<5: Dưới 5 người: không hiển thị."
    talk = rows[("Phường Hoa Lư", "Nói chuyện chuyên đề")]
    assert talk[3].value is None and hidden_reason(talk[3]) == (
        "*: Ẩn thêm để không thể suy ra số liệu dưới 5 từ số tổng."
    )
    assert hidden_reason(talk[4]) is None
    assert talk[4].value == 6
    assert {small[5].value, talk[5].value} == {"<5", "*"}
