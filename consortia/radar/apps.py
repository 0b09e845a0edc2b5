from django.apps import AppConfig


class RadarConfig(AppConfig):
    name = "consortia.radar"
    verbose_name = "Health and inertia radar"
