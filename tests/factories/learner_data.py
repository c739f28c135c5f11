"""One row of every kind a learner (or guest) leaves behind, made by the services that make
them in the site (an H5P result and saved state directly: the player's xAPI path has its own
tests).

    rows = did_everything(context)   # {registry name: what was made}
"""

import uuid

from elearning.dissemination.services import record_read_receipt
from elearning.h5p.models import H5PResult, H5PUserData, Verification
from elearning.progress import services as progress
from elearning.progress.choices import ContentAudience, Grading
from elearning.progress.models import ContentProgress
from tests.factories.h5p import upload
from tests.factories.progress import content_page


def did_everything(context, *, user=None) -> dict:
    quiz, document, version = content_page("Bài kiểm tra"), content_page("Luật"), upload()
    made = {
        "attempts": progress.submit_attempt(
            context=context,
            content_id=quiz.pk,
            course_id=None,
            content_audience=ContentAudience.COMMUNITY,
            answers={"q1": {"chosen": ["a"], "correct": True}},
            score=9,
            max_score=10,
            passed=True,
            grading=Grading.SERVER,
            idempotency_key=f"everything-{uuid.uuid4().hex[:8]}",
        ),
        "read_receipts": record_read_receipt(page_id=document.pk, context=context)[0],
        "h5p_results": H5PResult.objects.create(
            **H5PResult.objects.owner_fields(context),
            statement_id=uuid.uuid4(),
            version=version,
            session="s1",
            statement={"result": {"score": {"raw": 1, "max": 1}}},
            client_score=1,
            client_max_score=1,
            score=1,
            max_score=1,
            verification=Verification.VERIFIED,
        ),
        "h5p_saved_states": H5PUserData.objects.create(
            **H5PUserData.objects.owner_fields(context),
            content=version.content,
            version=version,
            state='{"answers": [1]}',
        ),
    }
    made["progress"] = ContentProgress.objects.for_context(context).get(content=quiz)
    if user is not None:
        made["certificates"] = progress.issue_certificate(
            user=user, course=quiz, score_percent=90, learner_name="Nguyễn Thị Lan", context=context
        )
    return made
