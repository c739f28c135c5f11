"""H5P in a real browser at a phone viewport: content is isolated from the learner's page and
session, and a learner answers a question and finds the verified result in their progress."""

import json

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from elearning.progress.models import Attempt, ContentProgress
from tests.factories.accounts import LearnerFactory
from tests.factories.h5p import installer, js_library, question_package, upload

SNOOP_JS = """
var H5P = H5P || {};
H5P.Snoop = function () {};
H5P.Snoop.prototype.attach = function ($container) {
  var report = {};
  function attempt(name, read) {
    try { report[name] = String(read()); } catch (error) { report[name] = 'blocked: ' + error.name; }
  }
  attempt('cookie', function () { return document.cookie; });
  attempt('parentDocument', function () { return window.parent.document.title; });
  attempt('parentCookie', function () { return window.parent.document.cookie; });
  attempt('topLocation', function () { return window.top.location.href; });
  attempt('localStorage', function () { return window.localStorage.getItem('secret'); });
  var out = document.createElement('pre');
  out.id = 'snoop';
  $container.get(0).appendChild(out);
  fetch('/', {credentials: 'include'}).then(function (response) {
    return response.text();
  }).then(function (text) {
    report.fetchHome = text.indexOf('learner') >= 0 ? 'got the page' : 'got something';
  }, function (error) {
    report.fetchHome = 'blocked: ' + error.name;
  }).then(function () {
    out.textContent = JSON.stringify(report);
  });
};
"""


def snoop_library(folder):
    return js_library(folder, "H5P.Snoop", 1, 0, SNOOP_JS, title="Snoop")


@pytest.fixture
def site(transactional_db):
    from cms.core.demo.site import load

    return load(out=lambda *args: None)


def lesson_with(site, content, *, slug="bai-hoc-h5p"):
    from cms.learning.models import CourseIndexPage, CoursePage, LessonPage

    index = site.add_child(instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc-h5p"))
    course = index.add_child(
        instance=CoursePage(title="Nhận biết thủ đoạn", slug="thu-doan", summary="Tóm tắt.")
    )
    return course.add_child(
        instance=LessonPage(
            title="Bài học có bài tập",
            slug=slug,
            intro="Đọc và trả lời.",
            body=json.dumps(
                [
                    {"type": "paragraph", "value": "<p>Hãy trả lời câu hỏi dưới đây.</p>"},
                    {"type": "h5p", "value": {"content": content.pk}},
                ]
            ),
        )
    )


def sign_in(phone, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    phone.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_h5p_content_cannot_read_cookies_or_the_page_around_it(site, phone, live_server, tmp_path):
    version = upload(
        question_package(
            {"note": "snoop"},
            libraries=[snoop_library(tmp_path)],
            main="H5P.Snoop",
        ),
        user=installer(),
        title="Nội dung thử",
    )
    lesson = lesson_with(site, version.content)
    sign_in(phone, live_server, LearnerFactory())
    phone.goto(lesson.url)
    phone.evaluate("localStorage.setItem('secret', 'the page’s own data')")
    block = phone.locator("[data-h5p-block]")
    block.scroll_into_view_if_needed()
    iframe = phone.locator("iframe.h5p-block__frame")
    expect(iframe).to_have_attribute("sandbox", "allow-scripts")
    report_node = phone.frame_locator("iframe.h5p-block__frame").locator("#snoop")
    expect(report_node).to_contain_text("fetchHome")
    report = json.loads(report_node.text_content())
    assert report["cookie"].startswith("blocked")  # opaque origin: no cookie jar at all
    assert report["parentDocument"].startswith("blocked")
    assert report["parentCookie"].startswith("blocked")
    assert report["topLocation"].startswith("blocked")
    # No storage of the site's origin (the frame gets a memory-only stand-in).
    assert report["localStorage"] == "null" or report["localStorage"].startswith("blocked")
    assert report["fetchHome"].startswith("blocked")  # no CORS for pages: nothing to read
    # The learner's own page still has its session.
    assert phone.evaluate("document.cookie") is not None


def test_a_learner_answers_on_a_phone_and_the_verified_result_is_in_their_progress(
    site, phone, live_server
):
    version = upload()
    lesson = lesson_with(site, version.content)
    learner = LearnerFactory()
    sign_in(phone, live_server, learner)
    phone.goto(lesson.url)
    # Lazy: nothing is loaded until the block is near the screen.
    phone.locator("[data-h5p-block]").scroll_into_view_if_needed()
    frame = phone.frame_locator("iframe.h5p-block__frame")
    frame.get_by_text("Bất kỳ ai").click()
    frame.get_by_role("button", name="Kiểm tra").click()
    expect(frame.get_by_text("Đúng rồi!")).to_be_visible()
    status = phone.locator("[data-h5p-status]")
    # The server answers after re-grading and recording progress (slow on a busy machine).
    expect(status).to_have_text(
        "Kết quả của bạn: 1 / 1 (đã được máy chủ kiểm tra).", timeout=20_000
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    attempt = Attempt.objects.get(learner=learner)
    assert (attempt.score, attempt.max_score, attempt.grading) == (1, 1, "h5p_verified")
    assert attempt.content_id == lesson.pk
    progress = ContentProgress.objects.get(learner=learner, content_id=lesson.pk)
    assert progress.passed

    # Resume: the answer given is there after a reload.
    phone.reload()
    phone.locator("[data-h5p-block]").scroll_into_view_if_needed()
    frame = phone.frame_locator("iframe.h5p-block__frame")
    expect(frame.get_by_text("Đúng rồi!")).to_be_visible()


def test_without_javascript_the_lesson_stays_readable_and_says_why_there_is_no_exercise(
    site, browser, live_server
):
    lesson = lesson_with(site, upload().content)
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, locale="vi-VN"
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + lesson.url)
        expect(page.get_by_text("Hãy trả lời câu hỏi dưới đây.")).to_be_visible()
        expect(
            page.get_by_text("Bài tập tương tác này cần JavaScript.", exact=False)
        ).to_be_visible()
        assert page.locator("iframe").count() == 0
    finally:
        context.close()


CANVAS_JS = """
var H5P = H5P || {};
H5P.CanvasDraw = function (params, contentId) {
  this.params = params;
  this.contentId = contentId;
};
H5P.CanvasDraw.prototype.attach = function ($container) {
  var out = document.createElement('pre');
  out.id = 'canvas-report';
  $container.get(0).appendChild(out);
  var image = new Image();
  image.onload = function () {
    var canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    $container.get(0).appendChild(canvas);
    var context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    try {
      var pixel = context.getImageData(1, 1, 1, 1).data;
      canvas.toDataURL();
      out.textContent = 'read ' + pixel[0] + ',' + pixel[1] + ',' + pixel[2];
    } catch (error) {
      out.textContent = 'tainted: ' + error.name;
    }
  };
  image.onerror = function () { out.textContent = 'not loaded'; };
  // As Agamotto does: H5P core decides the crossorigin attribute from H5PIntegration.
  H5P.setSource(image, this.params.image, this.contentId);
};
"""


def png(colour) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_canvas_content_type_can_read_back_the_image_it_drew(site, phone, live_server, tmp_path):
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
    lesson = lesson_with(site, version.content)
    errors = []
    phone.on("console", lambda message: errors.append(message.text))
    phone.goto(lesson.url)
    phone.locator("[data-h5p-block]").scroll_into_view_if_needed()
    report = phone.frame_locator("iframe.h5p-block__frame").locator("#canvas-report")
    # Loaded with crossorigin from the opaque-origin frame, and the canvas is not tainted.
    expect(report).to_have_text("read 200,40,40")
    assert not [e for e in errors if "CORS" in e or "Tainted" in e]
