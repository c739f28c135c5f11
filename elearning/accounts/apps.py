from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "elearning.accounts"
    label = "accounts"
