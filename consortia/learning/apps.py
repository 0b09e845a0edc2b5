from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "consortia.learning"
    label = "learning"
    verbose_name = "Learning log"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app above learning that lessons can be recorded from (meetings) says in
        # its lessons.py how to name and link one of its things (sources.py).
        autodiscover_modules("lessons")
