from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "consortia.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
