from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "cms.legal"
    label = "legal"
