from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "consortia.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from . import registry

        # Each app's search.py registers its sources (registry.py); then the index
        # follows every save and delete of their models.
        registry.autodiscover()
        registry.connect_signals()
