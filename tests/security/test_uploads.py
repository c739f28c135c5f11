"""Hostile H5P packages refused with a clear message and nothing written. (The zip-slip,
bomb, symlink and script cases are in tests/elearning/h5p/test_package.py.)"""

import pytest

from elearning.h5p.models import H5PContent
from elearning.h5p.package.errors import PackageError
from tests.factories.h5p import QUESTION, question_package, upload

pytestmark = pytest.mark.django_db


def nested(depth: int):
    value = "x"
    for _ in range(depth):
        value = {"a": [value]}
    return value


def test_a_content_json_nested_600_levels_deep_is_refused():
    content = {**QUESTION, "deep": nested(300)}  # 600 levels: an object and a list each time
    with pytest.raises(PackageError) as refused:
        upload(question_package(content=content))
    assert refused.value.code == "json_too_deep"
    assert not H5PContent.objects.exists()
