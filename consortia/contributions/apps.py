from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "consortia.contributions"
    label = "contributions"
    verbose_name = "Contributions"

    def ready(self) -> None:
        from . import immutability

        immutability.connect()
