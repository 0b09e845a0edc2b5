from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "consortia.progress"
    verbose_name = "Progress on outcomes"
