from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "consortia.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app's matching.py registers the track record it can vouch for (evidence.py).
        autodiscover_modules("matching")
