from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The top layer: the signed-in dashboard and the demo, which read every app below.

    No app imports from here (the import-linter contract in pyproject.toml holds it).
    """

    name = "consortia.home"
    label = "home"
    verbose_name = "Home"
