from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "consortia.accounts"
    label = "accounts"
    verbose_name = "Accounts"
