from django.apps import AppConfig


class CanvasConfig(AppConfig):
    name = "consortia.canvas"
    label = "canvas"
    verbose_name = "Partnership canvas and agreement"
