"""Learning on a bad network, in Chromium at a phone viewport: the site installs a service
worker, a learner saves a course on Wi-Fi, loses the signal, reads every lesson, answers the
quiz, an H5P exercise and a legal document's "I have read and understood", and when the
signal returns every answer is stored once and counted."""

import json
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_completion_journey import sign_in
from tests.factories.accounts import LearnerFactory
from tests.factories.h5p import upload


@pytest.fixture
def course(transactional_db):
    from wagtail.models import Collection

    from cms.core.demo.site import load
    from cms.learning.models import LessonPage
    from tests.factories.campaigns import hero_image
    from tests.factories.learning import make_course, make_quiz

    home = load(out=lambda *args: None)
    if not Collection.get_first_root_node():  # emptied by an earlier transactional test
        Collection.add_root(name="Root")
    course = make_course(home, title="Nhận biết thủ đoạn lừa đảo", pass_mark=50)
    image = hero_image(title="Ảnh bài học", alt_text="Người phụ nữ đọc tin tuyển dụng")
    version = upload()
    for title, slug, blocks in [
        ("Bài một: việc nhẹ lương cao", "bai-mot", [
            {"type": "paragraph", "value": "<p>Lời mời việc nhẹ lương cao ở nước ngoài.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt_text": "", "decorative": False}},
        ]),
        ("Bài hai: bài tập", "bai-hai", [
            {"type": "paragraph", "value": "<p>Hãy trả lời câu hỏi dưới đây.</p>"},
            {"type": "h5p", "value": {"content": version.content.pk}},
        ]),
    ]:  # fmt: skip
        course.add_child(instance=LessonPage(title=title, slug=slug, body=json.dumps(blocks)))
    make_quiz(course, title="Kiểm tra cuối khóa", shuffle_options=False)
    return course


def shot(phone, name):
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / f"offline-{name}.png"), full_page=True)


def controlled(phone):
    """The page is under the worker's control (the first page registers it)."""
    phone.evaluate("navigator.serviceWorker.ready")
    if not phone.evaluate("!!navigator.serviceWorker.controller"):
        phone.reload()
    assert phone.evaluate("!!navigator.serviceWorker.controller")


QUEUE = """new Promise(resolve => {
  const open = indexedDB.open('chungtay-offline', 1);
  open.onsuccess = () => {
    const get = open.result.transaction('queue').objectStore('queue').getAll();
    get.onsuccess = () => resolve(get.result);
  };
})"""


PUT = """const open = indexedDB.open('chungtay-offline', 1);
  open.onsuccess = () => {
    const tx = open.result.transaction('queue', 'readwrite');
    tx.objectStore('queue').put(item);
    tx.oncomplete = r;
  };"""


def queue_of(phone):
    """The answers waiting on the phone (the worker's IndexedDB, read as a page can)."""
    return phone.evaluate(QUEUE)


def sent_all(phone):
    """Wait until the worker has sent (or had refused) every queued answer."""
    for _ in range(300):
        if all(item["status"] != "waiting" for item in queue_of(phone)):
            return
        phone.wait_for_timeout(100)
    raise AssertionError(queue_of(phone))


def private_caches(phone):
    return phone.evaluate("caches.keys().then(ks => ks.filter(k => k.startsWith('pages-')))")


def test_save_a_course_learn_it_offline_and_every_answer_counts_once(course, phone, live_server):
    from elearning.dissemination.models import ReadReceipt
    from elearning.progress.models import Attempt, ContentProgress
    from tests.factories.coverage import people_counted, profile
    from tests.factories.geo import CommuneFactory
    from tests.factories.learning import right_answers
    from tests.factories.legal import legal_document, legal_index

    law = legal_document(
        index=legal_index(home=course.get_parent().get_parent()),
        number="53/2024/QH15",
        title="Luật Phòng, chống mua bán người (2024)",
        marked_for_dissemination=True,
    )
    commune = CommuneFactory(name="Xã Mường Lát")
    profile(commune, population=400)
    learner = LearnerFactory(profile__commune=commune)
    sign_in(phone, live_server, learner)
    lesson_one, lesson_two, quiz = course.get_children().specific()

    # On Wi-Fi: the course page offers to keep it, with its size; saving shows progress.
    phone.goto(course.url)
    controlled(phone)
    save = phone.locator("[data-offline-save]")
    expect(save).to_contain_text("Khoảng")
    shot(phone, "1-course-offers-saving")
    phone.get_by_role("button", name="Lưu để học khi không có mạng").click()
    expect(save).to_contain_text("Đã lưu trên điện thoại này", timeout=30_000)
    expect(phone.get_by_role("button", name="Xóa khỏi điện thoại này")).to_be_visible()
    shot(phone, "2-course-saved")
    phone.goto(law.url)  # a legal document opened is kept too
    # The exercise is open when the signal goes.
    phone.goto(lesson_two.url)
    phone.locator("[data-h5p-block]").scroll_into_view_if_needed()
    frame = phone.frame_locator("iframe.h5p-block__frame")
    expect(frame.get_by_text("Bất kỳ ai")).to_be_visible()

    phone.context.set_offline(True)
    frame.get_by_text("Bất kỳ ai").click()
    frame.get_by_role("button", name="Kiểm tra").click()
    expect(phone.locator("[data-h5p-status]")).to_have_text("Đã lưu, sẽ gửi khi có mạng.")

    # A page never opened nor saved: the light offline page, listing what is kept. (This
    # also shows that set_offline cuts the worker's own fetches in this Playwright.)
    phone.goto("/learning/mine/")
    expect(phone.get_by_role("heading", name="Không có mạng")).to_be_visible()
    expect(phone.locator("[data-offline-list]")).to_contain_text(course.title)
    shot(phone, "3-offline-page")

    for page in (lesson_one, lesson_two, quiz):
        phone.goto(page.url)
        expect(phone.get_by_role("heading", name=page.title)).to_be_visible()
    phone.goto(lesson_one.url)
    phone.get_by_role("button", name="Tôi đã học xong bài này").click()
    expect(phone.get_by_text("Đã lưu, sẽ gửi khi có mạng.")).to_be_visible()
    shot(phone, "4-lesson-finished-offline")

    phone.goto(quiz.url)
    for name, values in right_answers(quiz).items():
        for value in values:
            phone.locator(f'input[name="{name}"][value="{value}"]').check()
    phone.get_by_role("button", name="Nộp bài").click()
    expect(phone.get_by_text("Đã lưu, sẽ gửi khi có mạng.")).to_be_visible()

    phone.goto(law.url)
    phone.get_by_role("button", name="Tôi đã đọc và hiểu").click()
    expect(phone.get_by_text("Đã lưu, sẽ gửi khi có mạng.")).to_be_visible()
    queued = queue_of(phone)
    assert sorted(item["id"].split(":")[0] for item in queued) == ["form", "form", "quiz", "xapi"]
    assert not Attempt.objects.filter(learner=learner).exists()
    assert not ReadReceipt.objects.exists()
    counted_before = people_counted(commune)

    # The signal returns: the next page sends everything, and says so with the result.
    phone.context.set_offline(False)
    phone.goto(course.url)
    notice = phone.locator("[data-offline-notice]")
    expect(notice).to_contain_text("đã được gửi và ghi nhận", timeout=30_000)
    expect(notice.get_by_role("link", name="Xem kết quả").first).to_be_visible()
    shot(phone, "5-sent-when-online")
    assert Attempt.objects.filter(learner=learner, content_id=quiz.pk).count() == 1
    assert Attempt.objects.get(learner=learner, content_id=quiz.pk).passed
    assert Attempt.objects.filter(learner=learner, content_id=lesson_two.pk).count() == 1
    assert ContentProgress.objects.get(learner=learner, content_id=lesson_one.pk).completed_at
    assert ReadReceipt.objects.filter(learner=learner).count() == 1
    assert people_counted(commune) > counted_before

    # Sent twice (a lost reply, a second tab): stored once.
    for item in queued:
        item["status"] = "waiting"
        phone.evaluate("item => offlineDb.put('queue', item)", item)
    phone.evaluate("navigator.serviceWorker.controller.postMessage({type: 'flush'})")
    expect(notice).to_contain_text("đã được gửi và ghi nhận")
    sent_all(phone)
    assert Attempt.objects.filter(learner=learner).count() == 2
    assert ReadReceipt.objects.filter(learner=learner).count() == 1

    # Signing out takes this person's pages and answers off the phone.
    mine = f"pages-{phone.evaluate('document.documentElement.dataset.owner')}"
    assert mine in private_caches(phone)
    phone.goto("/accounts/logout/")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    # Only what anyone may see is kept now (the home page shown after signing out).
    assert private_caches(phone) == ["pages-anon"]
    assert queue_of(phone) == []
    phone.context.set_offline(True)
    phone.goto(quiz.url)
    expect(phone.get_by_role("heading", name="Không có mạng")).to_be_visible()


def test_an_updated_lesson_reaches_the_phone_and_a_changed_quiz_says_so(course, phone, live_server):
    learner = LearnerFactory()
    sign_in(phone, live_server, learner)
    lesson_one, _lesson_two, quiz = course.get_children().specific()
    phone.goto(course.url)
    controlled(phone)
    phone.get_by_role("button", name="Lưu để học khi không có mạng").click()
    expect(phone.locator("[data-offline-save]")).to_contain_text("Đã lưu", timeout=30_000)

    # Offline, the learner opens the saved quiz; meanwhile an editor changes its questions
    # and corrects a lesson.
    phone.context.set_offline(True)
    phone.goto(quiz.url)
    lesson_one.body = json.dumps(
        [{"type": "paragraph", "value": "<p>Đã sửa: hỏi kỹ trước khi nhận lời.</p>"}]
    )
    lesson_one.save_revision().publish()
    questions = quiz.questions.raw_data
    questions[0]["value"]["question"] = "Câu hỏi đã được sửa"
    quiz.questions = questions
    quiz.save_revision().publish()

    # The signal returns while the old copy is open (rendered long before): before any
    # answer, the learner is told the questions changed.
    phone.evaluate("document.querySelector('[data-quiz-version]').dataset.rendered = '1'")
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    changed = phone.locator("[data-quiz-changed]")
    expect(changed).to_contain_text("Câu hỏi của bài kiểm tra này đã thay đổi")
    shot(phone, "6-quiz-changed")
    changed.get_by_role("link", name="Tải câu hỏi mới").click()
    expect(phone.get_by_text("Câu hỏi đã được sửa")).to_be_visible()

    # The next visit to the course with a network brings the new lesson onto the phone.
    phone.goto(course.url)
    expect(phone.locator("[data-offline-save]")).to_contain_text("Đã cập nhật", timeout=30_000)
    phone.context.set_offline(True)
    phone.goto(lesson_one.url)
    expect(phone.get_by_text("Đã sửa: hỏi kỹ trước khi nhận lời.")).to_be_visible()
    shot(phone, "7-updated-lesson-offline")


def test_a_busy_server_is_waited_for_and_an_expired_form_is_explained(course, phone, live_server):
    """A 503 with Retry-After (the load shedding another branch adds, answered here by the
    browser's router, which also sees the worker's requests in Chromium) keeps the answer
    queued until the time given; a form too old to be accepted is explained, not dropped
    silently."""
    from elearning.progress.models import Attempt
    from tests.factories.learning import right_answers

    learner = LearnerFactory()
    sign_in(phone, live_server, learner)
    quiz = course.get_children().last().specific
    phone.goto(quiz.url)
    controlled(phone)
    phone.context.route(
        "**/learning/quiz/*/submit/",
        lambda route: route.fulfill(status=503, headers={"Retry-After": "120"}, body="busy"),
    )
    for name, values in right_answers(quiz).items():
        for value in values:
            phone.locator(f'input[name="{name}"][value="{value}"]').check()
    phone.get_by_role("button", name="Nộp bài").click()
    expect(phone.get_by_text("Đã lưu, sẽ gửi khi có mạng.")).to_be_visible()
    phone.context.unroute("**/learning/quiz/*/submit/")
    (item,) = queue_of(phone)
    assert item["notBefore"] / 1000 - time.time() > 100  # Retry-After: 120 seconds
    phone.evaluate("navigator.serviceWorker.controller.postMessage({type: 'flush'})")
    phone.wait_for_timeout(1000)  # the worker had its chance: it must wait, not send
    assert queue_of(phone)[0]["status"] == "waiting"
    assert not Attempt.objects.filter(learner=learner).exists()

    # The time given has passed: it is sent, graded and stored.
    item["notBefore"] = 0
    phone.evaluate(f"item => new Promise(r => {{ {PUT} }})", item)
    phone.evaluate("navigator.serviceWorker.controller.postMessage({type: 'flush'})")
    sent_all(phone)
    assert Attempt.objects.filter(learner=learner, content_id=quiz.pk).count() == 1

    # A form token no longer valid (older than its lifetime): the learner reads why.
    item.update(id="quiz:old", status="waiting", body=item["body"].replace("form_token=", "x="))
    phone.evaluate(f"item => new Promise(r => {{ {PUT} }})", item)
    phone.reload()
    notice = phone.locator("[data-offline-notice]")
    expect(notice).to_contain_text(
        "Bài làm này đã hết hạn hoặc đã bị thay đổi. Hãy làm lại bài.", timeout=30_000
    )
    expect(notice.get_by_role("link", name="Mở trang")).to_have_attribute("href", item["page"])
    shot(phone, "8-expired-form-explained")
    assert Attempt.objects.filter(learner=learner).count() == 1


def test_an_h5p_exercise_saved_with_its_course_plays_offline_and_is_graded_once(
    course, phone, live_server
):
    """The exercise's frame is the saved copy (a sandboxed srcdoc fed from the phone's cache:
    Chromium gives a sandboxed frame no service worker), answered with no network at all;
    the result waits on the phone and is graded by the server when the signal returns."""
    from elearning.h5p.models import H5PResult
    from elearning.progress.models import Attempt

    learner = LearnerFactory()
    sign_in(phone, live_server, learner)
    _lesson_one, lesson_two, _quiz = course.get_children().specific()
    phone.goto(course.url)
    controlled(phone)

    # The size offered before saving counts the exercise: its frame, H5P core, its library.
    files = phone.evaluate(
        "url => fetch(url).then(r => r.json())",
        f"/learning/course/{course.pk}/offline.json",
    )
    urls = [item["url"] for item in files["items"]]
    assert any(url.endswith("/saved/") and "/h5p/embed/" in url for url in urls)
    assert any(url.endswith("/h5p/core/frame.bundle.js") for url in urls)
    assert any("/libraries/H5P.ChungTayQuestion-1.0/question.js" in url for url in urls)
    h5p_bytes = sum(item["bytes"] for item in files["items"] if "/h5p/" in item["url"])
    assert h5p_bytes > 150_000  # H5P core alone is about 190 KB
    kilobytes = round(files["bytes"] / 1024)
    expect(phone.locator("[data-offline-save]")).to_contain_text(f"{kilobytes} KB")
    phone.get_by_role("button", name="Lưu để học khi không có mạng").click()
    expect(phone.locator("[data-offline-save]")).to_contain_text("Đã lưu", timeout=30_000)

    # No network from here: the lesson and its exercise come from the phone.
    phone.context.set_offline(True)
    phone.goto(lesson_two.url)
    phone.locator("[data-h5p-block]").scroll_into_view_if_needed()
    iframe = phone.locator("iframe.h5p-block__frame")
    expect(iframe).to_have_attribute("sandbox", "allow-scripts")
    assert iframe.get_attribute("srcdoc") and not iframe.get_attribute("src")
    frame = phone.frame_locator("iframe.h5p-block__frame")
    frame.get_by_text("Bất kỳ ai").click()
    frame.get_by_role("button", name="Kiểm tra").click()
    expect(frame.get_by_text("Đúng rồi!")).to_be_visible()
    expect(phone.locator("[data-h5p-status]")).to_have_text("Đã lưu, sẽ gửi khi có mạng.")
    shot(phone, "9-h5p-answered-offline")
    (item,) = queue_of(phone)
    assert item["id"].startswith("xapi:") and item["kind"] == "xapi"
    assert not H5PResult.objects.exists()

    # The signal returns (the lesson still open): the result is sent, graded by the server,
    # stored once.
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    expect(phone.locator("[data-offline-notice]")).to_contain_text(
        "đã được gửi và ghi nhận", timeout=30_000
    )
    # Where it said "saved", the lesson now shows the server's grading.
    expect(phone.locator("[data-h5p-status]")).to_have_text(
        "Kết quả của bạn: 1 / 1 (đã được máy chủ kiểm tra)."
    )
    shot(phone, "10-h5p-sent-when-online")
    result = H5PResult.objects.get()
    assert str(result.statement_id) == item["id"].removeprefix("xapi:")
    assert result.verification == "verified" and result.score == 1
    attempt = Attempt.objects.get(learner=learner, content_id=lesson_two.pk)
    assert attempt.grading == "h5p_verified" and attempt.passed

    # Sent again (a lost reply): still one result, one attempt.
    item["status"] = "waiting"
    phone.evaluate(f"item => new Promise(r => {{ {PUT} }})", item)
    phone.evaluate("navigator.serviceWorker.controller.postMessage({type: 'flush'})")
    sent_all(phone)
    assert H5PResult.objects.count() == 1
    assert Attempt.objects.filter(learner=learner).count() == 1


def test_a_saved_h5p_exercise_is_as_isolated_as_online(phone, live_server, tmp_path):
    """The attack test for the saved copy: content that tries to read the learner's cookies,
    the page around it, the site's storage or a page of the site gets nothing (the srcdoc
    frame keeps the sandbox and the page's policy). With the network on, so that a refused
    fetch of a page is the sandbox's doing: a saved copy is played online too."""
    from cms.core.demo.site import load
    from tests.e2e.test_h5p import lesson_with, snoop_library
    from tests.factories.h5p import installer, question_package

    site = load(out=lambda *args: None)
    version = upload(
        question_package({"note": "snoop"}, libraries=[snoop_library(tmp_path)], main="H5P.Snoop"),
        user=installer(),
        title="Nội dung thử",
    )
    lesson = lesson_with(site, version.content)
    sign_in(phone, live_server, LearnerFactory())
    phone.goto(lesson.get_parent().url)
    controlled(phone)
    phone.evaluate("localStorage.setItem('secret', 'the page’s own data')")
    phone.get_by_role("button", name="Lưu để học khi không có mạng").click()
    expect(phone.locator("[data-offline-save]")).to_contain_text("Đã lưu", timeout=30_000)

    phone.goto(lesson.url)
    phone.locator("[data-h5p-block]").scroll_into_view_if_needed()
    iframe = phone.locator("iframe.h5p-block__frame")
    expect(iframe).to_have_attribute("sandbox", "allow-scripts")
    report_node = phone.frame_locator("iframe.h5p-block__frame").locator("#snoop")
    expect(report_node).to_contain_text("fetchHome")
    assert iframe.get_attribute("srcdoc")
    report = json.loads(report_node.text_content())
    assert report["cookie"].startswith("blocked")
    assert report["parentDocument"].startswith("blocked")
    assert report["parentCookie"].startswith("blocked")
    assert report["topLocation"].startswith("blocked")
    assert report["localStorage"] == "null" or report["localStorage"].startswith("blocked")
    assert report["fetchHome"].startswith("blocked")


def test_a_quiz_failed_offline_can_be_tried_again_offline_and_both_attempts_count(
    course, phone, live_server
):
    """One saved copy of a quiz, two attempts without a network (the second after Back):
    each has its own key, both are graded when the signal returns, each stored once."""
    from elearning.progress.models import Attempt
    from tests.factories.learning import right_answers, wrong_answers

    learner = LearnerFactory()
    sign_in(phone, live_server, learner)
    quiz = course.get_children().last().specific
    phone.goto(course.url)
    controlled(phone)
    phone.get_by_role("button", name="Lưu để học khi không có mạng").click()
    expect(phone.locator("[data-offline-save]")).to_contain_text("Đã lưu", timeout=30_000)

    def answer(answers):
        for name, values in answers.items():
            for value in values:
                phone.locator(f'input[name="{name}"][value="{value}"]').check()
        phone.get_by_role("button", name="Nộp bài").click()
        expect(phone.get_by_text("Đã lưu, sẽ gửi khi có mạng.")).to_be_visible()

    phone.context.set_offline(True)
    phone.goto(quiz.url)
    answer(wrong_answers(quiz))
    phone.go_back()  # the same kept copy, brought back
    expect(phone.get_by_role("heading", name=quiz.title)).to_be_visible()
    answer(right_answers(quiz))
    shot(phone, "11-second-attempt-offline")
    queued = queue_of(phone)
    assert len(queued) == 2 and len({item["id"] for item in queued}) == 2
    assert all(item["id"].startswith("quiz:") for item in queued)

    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    expect(phone.locator("[data-offline-notice]")).to_contain_text(
        "đã được gửi và ghi nhận", timeout=30_000
    )
    attempts = Attempt.objects.filter(learner=learner, content_id=quiz.pk).order_by("pk")
    assert [attempt.passed for attempt in attempts] == [False, True]

    # Both sent again: nothing new.
    for item in queued:
        item["status"] = "waiting"
        phone.evaluate(f"item => new Promise(r => {{ {PUT} }})", item)
    phone.evaluate("navigator.serviceWorker.controller.postMessage({type: 'flush'})")
    sent_all(phone)
    assert Attempt.objects.filter(learner=learner, content_id=quiz.pk).count() == 2


def test_removing_one_saved_course_keeps_what_another_saved_course_uses(course, phone, live_server):
    """Two saved courses with H5P share H5P core and the player: removing one from the phone
    leaves the other's exercise playable offline."""
    from cms.learning.models import LessonPage
    from tests.factories.learning import make_course

    other = make_course(course.get_parent().get_parent(), title="Tìm sự giúp đỡ")
    exercise = course.get_children().specific()[1].body.raw_data[1]["value"]
    body = json.dumps([{"type": "h5p", "value": exercise}])
    other.add_child(instance=LessonPage(title="Bài tập", slug="bai-tap", body=body))
    sign_in(phone, live_server, LearnerFactory())
    for saved in (course, other):
        phone.goto(saved.url)
        controlled(phone)
        phone.get_by_role("button", name="Lưu để học khi không có mạng").click()
        expect(phone.locator("[data-offline-save]")).to_contain_text("Đã lưu", timeout=30_000)
    phone.goto(course.url)
    phone.get_by_role("button", name="Xóa khỏi điện thoại này").click()
    expect(phone.get_by_role("button", name="Lưu để học khi không có mạng")).to_be_visible()
    kept = phone.evaluate("caches.open('assets').then(c => c.keys()).then(k => k.map(r => r.url))")
    assert any(url.endswith("/h5p/core/frame.bundle.js") for url in kept)

    phone.context.set_offline(True)
    phone.goto(other.get_children().first().url)
    phone.locator("[data-h5p-block]").scroll_into_view_if_needed()
    expect(phone.frame_locator("iframe.h5p-block__frame").get_by_text("Bất kỳ ai")).to_be_visible()


def test_a_saved_exercise_shows_its_images_offline_and_may_read_them_back(
    phone, live_server, tmp_path
):
    """A content file (a PNG in the package) comes from the saved copy too, loaded with
    H5P's crossorigin handling (issue 13) and drawn on a canvas that stays readable."""
    from cms.core.demo.site import load
    from tests.e2e.test_h5p import CANVAS_JS, lesson_with, png
    from tests.factories.h5p import installer, js_library, question_package

    version = upload(
        question_package(
            {"image": {"path": "images/anh.png", "mime": "image/png", "width": 40, "height": 30}},
            libraries=[js_library(tmp_path, "H5P.CanvasDraw", 1, 0, CANVAS_JS)],
            main="H5P.CanvasDraw",
            extra={"content/images/anh.png": png((200, 40, 40))},
        ),
        user=installer(),
        title="Hình vẽ",
    )
    lesson = lesson_with(load(out=lambda *args: None), version.content)
    sign_in(phone, live_server, LearnerFactory())
    phone.goto(lesson.get_parent().url)
    controlled(phone)
    phone.get_by_role("button", name="Lưu để học khi không có mạng").click()
    expect(phone.locator("[data-offline-save]")).to_contain_text("Đã lưu", timeout=30_000)

    phone.context.set_offline(True)
    phone.goto(lesson.url)
    phone.locator("[data-h5p-block]").scroll_into_view_if_needed()
    report = phone.frame_locator("iframe.h5p-block__frame").locator("#canvas-report")
    expect(report).to_have_text("read 200,40,40")
    assert phone.locator("iframe.h5p-block__frame").get_attribute("srcdoc")
