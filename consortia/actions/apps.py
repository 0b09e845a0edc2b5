from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "consortia.actions"
    label = "actions"
    verbose_name = "Actions"
