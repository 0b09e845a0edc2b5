from django.apps import AppConfig


class ThreadsConfig(AppConfig):
    name = "consortia.threads"
    label = "threads"
    verbose_name = "Discussion threads"
