"""Importing commune profiles and headcounts: every bad row listed in Vietnamese, nothing
imported until the file is right."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from elearning.coverage.models import CommuneProfile, Denominator
from tests.factories.accounts import StaffFactory

URL = reverse("coverage_reports:import", args=["profiles"])


def csv_file(text, name="ho-so-xa.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffFactory())
    return client


def test_every_bad_row_is_listed_in_vietnamese_and_nothing_is_imported(admin_client, communes):
    good = communes[0].code
    text = (
        "commune_code,year,population_14_60,key_area,model\n"
        f"{good},2026,1200,có,chuyên sâu\n"
        "99999,2026,800,không,none\n"  # unknown commune
        f"{communes[1].code},2026,-5,yes,integrated\n"  # negative
        f"{good},2026,1300,no,none\n"  # duplicate of row 2
    )
    with translation.override("vi"):
        response = admin_client.post(URL, {"file": csv_file(text)}, HTTP_ACCEPT_LANGUAGE="vi")
    page = response.content.decode()
    assert "Không nhập gì cả" in page
    assert "Dòng 3: không có xã nào mã “99999”." in page
    assert "Dòng 4: population_14_60 phải là số nguyên không âm" in page
    assert "Dòng 5 trùng với dòng 2" in page
    assert not CommuneProfile.objects.exists()
    assert not Denominator.objects.exists()
    # And the confirmation step has nothing to import either.
    admin_client.post(URL, {"confirm": "1"})
    assert not CommuneProfile.objects.exists()


def test_a_good_file_is_previewed_then_imported(admin_client, communes):
    book = Workbook()
    sheet = book.active
    sheet.append(["ma_xa", "nam", "dan_so_14_60", "trong_diem", "mo_hinh"])
    sheet.append([communes[0].code, 2026, 1200, "có", "chuyên sâu"])
    sheet.append([communes[1].code, 2026, 800, "không", "lồng ghép"])
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("ho-so.xlsx", data.getvalue())
    preview = admin_client.post(URL, {"file": upload}).content.decode()
    assert "Phường Hoa Lư" in preview
    assert not CommuneProfile.objects.exists()  # only a preview so far

    admin_client.post(URL, {"confirm": "1"})
    profiles = {p.unit_id: p for p in CommuneProfile.objects.all()}
    assert profiles[communes[0].pk].is_key_area and profiles[communes[0].pk].model == "in_depth"
    assert profiles[communes[1].pk].model == "integrated"
    assert Denominator.objects.get(unit=communes[0], indicator__code="reach").value == 1200


def test_headcounts_import(admin_client, ninh_binh):
    url = reverse("coverage_reports:import", args=["headcounts"])
    text = f"unit_code;year;agency;headcount\n{ninh_binh.code};2026;police;420\n"
    admin_client.post(url, {"file": csv_file(text)})
    admin_client.post(url, {"confirm": "1"})
    assert Denominator.objects.get(unit=ninh_binh, audience="police").value == 420


def test_a_file_that_is_not_a_table_is_refused(admin_client, communes):
    with translation.override("vi"):
        response = admin_client.post(URL, {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")})
    assert "Không đọc được tệp" in response.content.decode()
    assert not CommuneProfile.objects.exists()


def test_missing_columns_are_named(admin_client, communes):
    response = admin_client.post(URL, {"file": csv_file("commune_code,year\n1,2026\n")})
    assert "population_14_60" in response.content.decode()


def test_readers_cannot_import(client, communes, ninh_binh):
    from tests.factories.coverage import reader

    client.force_login(reader(ninh_binh))
    response = client.post(URL, {"file": csv_file("commune_code\n1\n")})
    assert response.status_code in (302, 403)
    assert not CommuneProfile.objects.exists()
