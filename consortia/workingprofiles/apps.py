from django.apps import AppConfig


class WorkingprofilesConfig(AppConfig):
    name = "consortia.workingprofiles"
    verbose_name = "How we work profiles"
