from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "consortia.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from consortia.core.events import event_recorded

        from . import tasks

        # Each app's notifications.py adds its rows to the table (table.py).
        autodiscover_modules("notifications")
        event_recorded.connect(tasks.on_event_recorded, dispatch_uid="notifications.fan_out")
