"""manage.py import_h5p: the admin's checks and import, one line per file, and a failing exit
status when any file was refused."""

import pytest
from django.core.management import CommandError, call_command

from elearning.h5p.models import H5PContent, H5PLibrary
from tests.factories.h5p import hub_package, lumi_package, malicious

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_h5p", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()


def test_imports_each_file_and_says_so(tmp_path):
    hub, lumi = tmp_path / "hub.h5p", tmp_path / "lumi.h5p"
    hub.write_bytes(hub_package())
    lumi.write_bytes(lumi_package())
    code, out, err = run(str(hub), str(lumi), "--install-libraries")
    assert code == 0, err
    assert out.count("đã nhập") == 2 and "hub.h5p" in out and "lumi.h5p" in out
    assert H5PContent.objects.count() == 2
    assert H5PLibrary.objects.count() == 1


def test_without_install_libraries_a_new_library_is_refused_and_the_exit_fails(tmp_path):
    hub = tmp_path / "hub.h5p"
    hub.write_bytes(hub_package())
    code, out, err = run(str(hub))
    assert code == 1
    assert "hub.h5p: bị từ chối" in err and "không có quyền cài đặt" in err
    assert not H5PContent.objects.exists()


def test_one_bad_file_fails_the_run_but_the_good_ones_are_imported(tmp_path):
    good, bad = tmp_path / "good.h5p", tmp_path / "evil.h5p"
    good.write_bytes(hub_package())
    bad.write_bytes(malicious("zip_slip"))
    code, out, err = run(str(bad), str(good), str(tmp_path / "missing.h5p"), "--install-libraries")
    assert code == 1
    assert "evil.h5p: bị từ chối" in err and "content/../../evil.json" in err
    assert "missing.h5p: bị từ chối" in err
    assert "2 / 3" in err or "2 of 3" in err or "2 trong 3" in err
    assert H5PContent.objects.count() == 1
