from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "consortia.assets"
    label = "assets"
    verbose_name = "Shared assets"
