from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "consortia.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the signal receivers)
