from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "consortia.decisions"
    label = "decisions"
    verbose_name = "Participative decisions"
