# The staff course of the learning tests, for the attacks on staff certificates.
from tests.cms.learning.conftest import staff_course, staff_quiz  # noqa: F401
from tests.elearning.accounts.conftest import ba_dinh, signup_data  # noqa: F401
