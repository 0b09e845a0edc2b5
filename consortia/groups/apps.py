from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "consortia.groups"
    label = "groups"
    verbose_name = "Working groups"
