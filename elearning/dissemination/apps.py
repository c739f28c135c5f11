from django.apps import AppConfig


class DisseminationConfig(AppConfig):
    name = "elearning.dissemination"
    label = "dissemination"
