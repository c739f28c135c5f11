from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "elearning.coverage"
    label = "coverage"
