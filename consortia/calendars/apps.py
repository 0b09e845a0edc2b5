from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "consortia.calendars"
    label = "calendars"
    verbose_name = "Calendar feeds"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app's calendar.py registers what it puts in a person's feed (registry.py).
        autodiscover_modules("calendar")
