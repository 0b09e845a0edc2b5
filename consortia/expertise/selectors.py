"""Reading people's expertise: the partnership's expertise map (topics against the
people and the partner organisations that know them, filtered on the server), a
person's own list, and the directory's view of an organisation's people (only what
each person chose to show there)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from consortia.accounts.models import User
from consortia.organisations.models import Expertise, Membership, Organisation
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners, partners_of_user

from .models import PersonExpertise, Topic
from .topics import topic_key

SEARCH_MAX = 100


@dataclass
class MapTopic:
    """One line of the map: a topic, who knows it and which partner organisations list it."""

    name: str
    people: list[PersonExpertise] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)


def expertise_map(partnership: Partnership, *, viewer: User, search: str = "") -> list[MapTopic]:
    """The map, topic by topic (alphabetical by key): each person's expertise (with
    `endorsement_count`, `endorsed_by_viewer`, `endorsable` (a button
    for the viewer) and `organisations`, their partner
    organisations here) and the partner organisations' own topics. `search` keeps the
    topics, notes, people and organisations whose text contains it (case ignored).
    Five queries whatever the size: the people's expertise, their memberships, the
    active participants among them, the organisations' topics and the viewer's endorsements."""
    search = " ".join(search.split())[:SEARCH_MAX]
    partners = {p.organisation_id: p.organisation for p in active_partners(partnership)}
    people = (
        partnership.people_expertise.select_related("topic", "user")
        .annotate(endorsement_count=Count("endorsements"))
        .order_by("topic__key", "user__name", "pk")
    )
    orgs = Expertise.objects.filter(organisation_id__in=list(partners)).order_by("topic", "pk")
    if search:
        people = people.filter(
            Q(topic__name__icontains=search)
            | Q(topic__key__icontains=topic_key(search) or search)
            | Q(note__icontains=search)
            | Q(user__name__icontains=search)
        )
        matching_orgs = [pk for pk, o in partners.items() if search.casefold() in o.name.casefold()]
        orgs = orgs.filter(Q(topic__icontains=search) | Q(organisation_id__in=matching_orgs))
    people_list = list(people)
    user_ids = {e.user_id for e in people_list}
    member_of: dict[int, list[Organisation]] = {}
    for user_id, org_id in Membership.objects.filter(
        user_id__in=user_ids, organisation_id__in=list(partners)
    ).values_list("user_id", "organisation_id"):
        member_of.setdefault(user_id, []).append(partners[org_id])
    participants = set(
        partnership.participants.active().filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )
    # Only people still in the partnership: whoever has left its partners (or stopped
    # taking part) no longer shows on its map.
    people_list = [e for e in people_list if e.user_id in member_of or e.user_id in participants]
    endorsed = set(
        partnership.people_expertise.filter(endorsements__endorser_id=viewer.pk).values_list("pk", flat=True)
    )
    viewer_orgs = {p.organisation_id for p in partners_of_user(viewer, partnership)}
    lines: dict[str, MapTopic] = {}
    for e in people_list:
        e.partnership = partnership
        e.organisations = sorted(member_of.get(e.user_id, []), key=lambda o: o.name)  # type: ignore[attr-defined]
        e.endorsed_by_viewer = e.pk in endorsed  # type: ignore[attr-defined]
        e.endorsable = bool(  # type: ignore[attr-defined]
            viewer_orgs
            and e.user_id != viewer.pk
            and e.pk not in endorsed
            and not viewer_orgs & {o.pk for o in member_of.get(e.user_id, [])}
        )
        lines.setdefault(e.topic.key, MapTopic(e.topic.name)).people.append(e)
    for x in orgs:
        key = topic_key(x.topic) or x.topic.casefold()
        line = lines.setdefault(key, MapTopic(x.topic))
        if partners[x.organisation_id] not in line.organisations:
            line.organisations.append(partners[x.organisation_id])
    return [lines[k] for k in sorted(lines)]


def expertise_of_user(partnership: Partnership, user: User) -> QuerySet[PersonExpertise]:
    """The user's own expertise in the partnership, by topic."""
    return partnership.people_expertise.filter(user=user).select_related("topic")


def topics_in_partnership(partnership: Partnership) -> QuerySet[Topic]:
    """The topics the partnership's people use, by key (what a convener may merge)."""
    return Topic.objects.filter(uses__partnership=partnership).distinct().order_by("key")


def directory_expertise(organisation: Organisation) -> list[PersonExpertise]:
    """What the organisation's people chose to show in the public directory (never
    what they keep to a partnership), each topic once per person."""
    rows = (
        PersonExpertise.objects.filter(
            visibility=PersonExpertise.Visibility.DIRECTORY,
            user__memberships__organisation=organisation,
        )
        .select_related("topic", "user")
        .only("user_id", "topic_id", "user__name", "user__email", "topic__name")
        .order_by("user__name", "topic__key", "pk")
    )
    seen: set[tuple[int, int]] = set()
    out = []
    for row in rows:
        if (row.user_id, row.topic_id) not in seen:
            seen.add((row.user_id, row.topic_id))
            out.append(row)
    return out
