"""A composite H5P exercise on a phone (360×740): the learner answers the first question,
moves on, reloads the page mid-way and finds the set where they were, their answer kept;
finishing without checking the last question is re-graded on the server from the
questions' answers. The set is a stand-in written here with the H5P QuestionSet contract
(getCurrentState {progress, answers}, previousState, getXAPIData children) around the
project's own question library."""

from pathlib import Path

from playwright.sync_api import expect

from elearning.h5p.package.builder import QUESTION_LIBRARY, build_package
from elearning.progress.models import Attempt
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_h5p import lesson_with, sign_in, site  # noqa: F401
from tests.factories.accounts import LearnerFactory
from tests.factories.h5p import installer, js_library, upload

SET_JS = """
var H5P = H5P || {};
H5P.QuestionSet = (function (EventDispatcher) {
  function QuestionSet(params, contentId, extras) {
    EventDispatcher.call(this);
    var self = this;
    var previous = (extras && extras.previousState) || {};
    this.params = params;
    this.contentId = contentId;
    this.progress = previous.progress || 0;
    this.questions = params.questions.map(function (question, index) {
      return H5P.newRunnable(question, contentId, undefined, true,
        {previousState: (previous.answers || [])[index], parent: self});
    });
  }
  QuestionSet.prototype = Object.create(EventDispatcher.prototype);
  QuestionSet.prototype.attach = function ($container) {
    this.root = $container.get(0);
    this.show();
  };
  QuestionSet.prototype.show = function () {
    var self = this;
    this.root.innerHTML = '';
    var slot = document.createElement('div');
    this.root.appendChild(slot);
    this.questions[this.progress].attach(H5P.jQuery(slot));
    var last = this.progress === this.questions.length - 1;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'set-nav';
    button.textContent = last ? 'Hoàn thành' : 'Câu tiếp';
    button.onclick = function () {
      if (last) {
        var score = 0, max = 0;
        self.questions.forEach(function (q) { score += q.getScore(); max += q.getMaxScore(); });
        self.triggerXAPIScored(score, max, 'completed');
        self.root.innerHTML = '<p class="set-done">Đã xong: ' + score + '/' + max + '</p>';
      } else {
        self.progress += 1;
        self.show();
      }
    };
    this.root.appendChild(button);
    var where = document.createElement('p');
    where.className = 'set-where';
    where.textContent = 'Câu ' + (this.progress + 1) + '/' + this.questions.length;
    this.root.appendChild(where);
  };
  QuestionSet.prototype.getCurrentState = function () {
    return {progress: this.progress,
            answers: this.questions.map(function (q) { return q.getCurrentState(); })};
  };
  QuestionSet.prototype.getXAPIData = function () {
    return {children: this.questions.map(function (q) { return q.getXAPIData(); })};
  };
  return QuestionSet;
})(H5P.EventDispatcher);
"""


def set_library(folder: Path) -> Path:
    return js_library(
        folder, "H5P.QuestionSet", 1, 20, SET_JS,
        title="Question set (stand-in)", dependencies=[("H5P.ChungTayQuestion", 1, 0)],
    )  # fmt: skip


def question(sub_content_id, text, answers):
    return {
        "library": "H5P.ChungTayQuestion 1.0",
        "subContentId": sub_content_id,
        "params": {
            "question": f"<p>{text}</p>",
            "answers": [{"text": a, "correct": c} for a, c in answers],
            "l10n": {"check": "Kiểm tra", "correct": "Đúng rồi!", "wrong": "Chưa đúng."},
        },
    }


def test_a_set_reopens_where_the_learner_was_and_is_verified_from_its_questions(
    site,  # noqa: F811
    phone,
    live_server,
    tmp_path,
):
    content = {
        "questions": [
            question(
                "q1", "Ai có thể là nạn nhân?", [("Chỉ người nghèo", False), ("Bất kỳ ai", True)]
            ),
            question("q2", "Gọi số nào?", [("111", True), ("999", False)]),
            question("q3", "Có nên giữ hộ chiếu của mình?", [("Có", True), ("Không", False)]),
        ]
    }
    package = build_package(
        content=content,
        libraries=[QUESTION_LIBRARY, set_library(tmp_path)],
        main="H5P.QuestionSet",
    )
    version = upload(package, user=installer(), title="Bộ câu hỏi")
    lesson = lesson_with(site, version.content, slug="bo-cau-hoi")
    learner = LearnerFactory()
    sign_in(phone, live_server, learner)
    phone.goto(lesson.url)
    phone.locator("[data-h5p-block]").scroll_into_view_if_needed()
    frame = phone.frame_locator("iframe.h5p-block__frame")
    frame.get_by_text("Bất kỳ ai").click()
    frame.get_by_role("button", name="Câu tiếp").click()
    frame.get_by_text("111").click()  # chosen, not checked
    expect(frame.locator(".set-where")).to_have_text("Câu 2/3")
    phone.wait_for_timeout(4000)  # the frame saves within seconds

    phone.reload()
    phone.locator("[data-h5p-block]").scroll_into_view_if_needed()
    frame = phone.frame_locator("iframe.h5p-block__frame")
    expect(frame.locator(".set-where")).to_have_text("Câu 2/3")
    expect(frame.get_by_label("111")).to_be_checked()
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "h5p-set-reloaded.png"), full_page=True)

    frame.get_by_role("button", name="Câu tiếp").click()
    frame.get_by_text("Không", exact=True).click()  # wrong, and never checked
    frame.get_by_role("button", name="Hoàn thành").click()
    status = phone.locator("[data-h5p-status]")
    expect(status).to_have_text(
        "Kết quả của bạn: 2 / 3 (đã được máy chủ kiểm tra).", timeout=20_000
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    attempt = Attempt.objects.get(learner=learner)
    assert (attempt.score, attempt.max_score, attempt.grading) == (2, 3, "h5p_verified")
