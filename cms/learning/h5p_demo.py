"""Demo H5P: a question built from the project's own H5P library, played in the demo
community course's lesson on recruitment tricks (in Vietnamese and English). Idempotent."""

from elearning.h5p.models import H5PContent
from elearning.h5p.package.builder import build_package, question
from elearning.h5p.services import upload_package

from .models import LessonPage

LESSON_SLUG = "dau-hieu-lua-dao"
QUESTIONS = {
    "vi": (
        "Ai có thể trở thành nạn nhân của mua bán người?",
        question(
            "<p>Ai có thể trở thành nạn nhân của mua bán người?</p>",
            [
                ("Chỉ người nghèo ở vùng sâu, vùng xa", False),
                ("Bất kỳ ai, nhất là người tin vào lời hứa việc nhẹ lương cao", True),
                ("Chỉ người nước ngoài", False),
            ],
            l10n={
                "check": "Kiểm tra",
                "retry": "Làm lại",
                "correct": "Đúng rồi!",
                "wrong": "Chưa đúng.",
                "choose": "Hãy chọn một câu trả lời.",
            },
        ),
    ),
    "en": (
        "Who can become a victim of human trafficking?",
        question(
            "<p>Who can become a victim of human trafficking?</p>",
            [
                ("Only poor people in remote areas", False),
                ("Anyone, especially people who trust promises of easy, well-paid work", True),
                ("Only foreigners", False),
            ],
            l10n={"choose": "Choose an answer first."},
        ),
    ),
}


def _content(language: str, out) -> H5PContent:
    title, params = QUESTIONS[language]
    content = H5PContent.objects.filter(title=title, language=language).first()
    if content is None:
        data = build_package(content=params, title=title, language=language)
        version = upload_package(
            data=data, user=None, title=title, language=language, licence="MIT", trusted=True
        )
        content = version.content
        out(f"H5P: {title}")
    return content


def load(*, out) -> None:
    source = LessonPage.objects.filter(slug=LESSON_SLUG).first()
    if source is None:
        out("H5P: the demo lesson is missing; load the learning demo first")
        return
    # The Vietnamese lesson and its translations (their slugs differ).
    for lesson in LessonPage.objects.filter(translation_key=source.translation_key).select_related(
        "locale"
    ):
        language = "en" if lesson.locale.language_code.startswith("en") else "vi"
        content = _content(language, out)
        if any(block.block_type == "h5p" for block in lesson.body):
            continue
        lesson.body.append(("h5p", {"content": content}))
        revision = lesson.save_revision()
        revision.publish()
        out(f"H5P exercise added to the lesson “{lesson.title}” ({language})")
