from datetime import timedelta

from django.utils import timezone

from consortia.decisions.services import poll_open


def open_poll(world, **overrides):
    """A poll opened by the convener's admin through the service: all partners but
    observers vote, one person one vote."""
    return poll_open(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        kind="consent",
        title=overrides.pop("title", "Move the drop-in to Thursdays"),
        closes_at=timezone.now() + timedelta(days=3),
        **overrides,
    )
