from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "consortia.meetings"
    label = "meetings"
    verbose_name = "Meetings"
