from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "consortia.agreements"
    label = "agreements"
    verbose_name = "Partnership agreements"
