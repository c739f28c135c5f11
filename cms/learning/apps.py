from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "cms.learning"
    label = "learning"
