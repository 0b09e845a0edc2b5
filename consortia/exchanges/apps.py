from django.apps import AppConfig


class ExchangesConfig(AppConfig):
    name = "consortia.exchanges"
    label = "exchanges"
    verbose_name = "Exchanges between organisations"
