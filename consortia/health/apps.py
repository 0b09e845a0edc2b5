from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "consortia.health"
    verbose_name = "Health check"
