from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "bench.synthetic"
    label = "synthetic"
    verbose_name = "Synthetic benchmark data (development only)"
