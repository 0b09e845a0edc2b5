from django.apps import AppConfig


class ExpertiseConfig(AppConfig):
    name = "consortia.expertise"
    label = "expertise"
    verbose_name = "Who knows what"
