"""Shared by the learning log's tests: recording a lesson for a persona, and a closed poll."""

from django.utils import timezone

from consortia.core.factories import PollFactory
from consortia.learning import services


def record(world, who="partner_member", **kwargs):
    return services.lesson_record(
        actor=world.users[who],
        partnership=world.partnership,
        **{
            "what_happened": "The drop-in clashed with half term.",
            "what_we_learned": "Check the **school holidays** first.",
            "what_we_will_change": "Holidays go in the shared calendar.",
            "owner": world.users["partner_member"],
            **kwargs,
        },
    )


def closed_poll(partnership, **kwargs):
    return PollFactory(partnership=partnership, status="closed", closed_at=timezone.now(), **kwargs)
