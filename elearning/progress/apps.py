from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "elearning.progress"
    label = "progress"
