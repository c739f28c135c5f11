import pytest
from django.core.files.storage import default_storage


def stored_files(folder=""):
    """Every file in the default storage (in-memory in tests)."""
    directories, files = default_storage.listdir(folder)
    found = [f"{folder}{name}" for name in files]
    for directory in directories:
        found += stored_files(f"{folder}{directory}/")
    return sorted(found)


@pytest.fixture
def storage_snapshot():
    return stored_files
