from django.apps import AppConfig


class PoolConfig(AppConfig):
    name = "consortia.pool"
    verbose_name = "Resource pool"
