from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "consortia.groups"
    label = "groups"
    verbose_name = "Working groups"

    def ready(self) -> None:
        from consortia.core.events import EVENT_VISIBILITY

        from .privacy import closed_group_events_q

        # A closed group's events show in the activity log only to those who could open them.
        EVENT_VISIBILITY.append(closed_group_events_q)
