from django.apps import AppConfig


class FundConfig(AppConfig):
    name = "consortia.fund"
    label = "fund"
    verbose_name = "Pooled fund"

    def ready(self) -> None:
        from consortia.core.events import event_recorded

        from . import services

        # A spending request decided by a poll settles when the poll closes.
        event_recorded.connect(services.on_event_recorded, dispatch_uid="fund.settle_on_poll_closed")
