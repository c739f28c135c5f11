from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "elearning.health"
    label = "health"
