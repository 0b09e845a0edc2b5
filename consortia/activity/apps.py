from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "consortia.activity"
    verbose_name = "Activity signals"
