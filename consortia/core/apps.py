from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender, using: str = "default", **kwargs) -> None:
    """Every `migrate` also makes the database cache's table, so the shared cache
    (settings.CACHES) works on a new installation without a command of its own.
    `createcachetable` does nothing when the table exists or no cache uses it."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "consortia.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="consortia-createcachetable")
