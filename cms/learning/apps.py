from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "cms.learning"
    label = "learning"

    def ready(self):
        from elearning.community import check_quiz

        from .check_quiz import course_questions

        # A community session's check quiz is drawn from its course's quiz questions.
        check_quiz.register_question_source(course_questions)
