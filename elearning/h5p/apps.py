from django.apps import AppConfig


class H5PConfig(AppConfig):
    name = "elearning.h5p"
    label = "h5p"
