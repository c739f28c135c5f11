from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "elearning.geo"
    label = "geo"
