from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "consortia.organisations"
    label = "organisations"
    verbose_name = "Organisations"
