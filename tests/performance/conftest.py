import pytest
from django.utils.module_loading import import_string

from cms.core.demo import LOADERS


@pytest.fixture
def demo_site(db):
    """The whole demo site as `make run` loads it: campaigns with images and slogans, courses
    with several lessons (one playing H5P) and quizzes, the legal library, each in Vietnamese
    and English: enough rows for a query per row to show."""
    for dotted in LOADERS:
        import_string(dotted)(out=lambda *args: None)
