# Fixtures of the suites these attacks reuse: the coverage areas (reports), the staff course of
# the learning tests (staff certificates) and the accounts' sign-up data (identity).
from tests.cms.learning.conftest import staff_course, staff_quiz  # noqa: F401
from tests.elearning.accounts.conftest import ba_dinh, signup_data  # noqa: F401
from tests.elearning.coverage.conftest import communes, ha_noi, hanoi_commune, ninh_binh  # noqa: F401
