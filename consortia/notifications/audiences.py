"""The audiences the table's rows name most often: each takes the event and gives
user ids. They read the partnership as it is when the fan-out task runs; the task
then keeps only people still in it."""

from collections.abc import Callable, Iterable

from django.db.models import Q

from consortia.core.models import Event
from consortia.organisations.models import Membership
from consortia.partnerships.models import Participant, Partner, Partnership, Representative

from .table import Audience


def member_ids(partnership: Partnership) -> set[int]:
    """Everyone in the partnership now: the members of its active partners'
    organisations and its active individual participants (two queries)."""
    orgs = Partner.objects.active().filter(partnership=partnership).values("organisation_id")
    members = set(Membership.objects.filter(organisation_id__in=orgs).values_list("user_id", flat=True))
    participants = Participant.objects.active().filter(partnership=partnership)
    return members | set(participants.values_list("user_id", flat=True))


def everyone(event: Event) -> set[int]:
    """Everyone in the event's partnership."""
    return member_ids(event.partnership) if event.partnership is not None else set()


def _speakers(partners: Iterable[Partner]) -> set[int]:
    """Each partner's representatives, or its organisation's admins when it named none."""
    partners = list(partners)
    reps: dict[int, set[int]] = {}
    for partner_id, user_id in Representative.objects.filter(partner__in=partners).values_list(
        "partner_id", "user_id"
    ):
        reps.setdefault(partner_id, set()).add(user_id)
    admins: dict[int, set[int]] = {}
    for org_id, user_id in Membership.objects.filter(
        organisation_id__in=[p.organisation_id for p in partners], role=Membership.Role.ADMIN
    ).values_list("organisation_id", "user_id"):
        admins.setdefault(org_id, set()).add(user_id)
    ids: set[int] = set()
    for partner in partners:
        ids |= reps.get(partner.pk) or admins.get(partner.organisation_id, set())
    return ids


def speakers_for(partner_ids: Iterable[int]) -> set[int]:
    """The representatives of these partners (their organisation's admins when one
    named none): who is told of what a partner organisation owns."""
    ids = [pk for pk in partner_ids if pk]
    return _speakers(Partner.objects.filter(pk__in=ids)) if ids else set()


def representatives(*roles: str) -> Audience:
    """Every active partner's representatives (admins when it has none), of the
    given roles only when roles are named."""

    def audience(event: Event) -> set[int]:
        if event.partnership is None:
            return set()
        partners = Partner.objects.active().filter(partnership=event.partnership)
        if roles:
            partners = partners.filter(role__in=roles)
        return _speakers(partners)

    return audience


def convener_admins(event: Event) -> set[int]:
    """The convening organisation's admins."""
    if event.partnership is None:
        return set()
    orgs = Partner.objects.active().filter(partnership=event.partnership, role=Partner.Role.CONVENER)
    return set(
        Membership.objects.filter(
            Q(organisation_id__in=orgs.values("organisation_id")), role=Membership.Role.ADMIN
        ).values_list("user_id", flat=True)
    )


def from_payload(key: str) -> Callable[[Event], list[int]]:
    """The user ids the event's payload lists under `key` (e.g. "mentioned_users")."""

    def audience(event: Event) -> list[int]:
        return [int(pk) for pk in event.payload.get(key, []) if str(pk).isdigit()]

    return audience
