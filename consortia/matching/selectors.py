"""Who could help: people and organisations suggested for a question or an uncovered
need, ranked, each with the reasons shown in plain words ("offers volunteer drivers in
Northshire; answered 3 questions on transport").

A suggestion's score is the sum of what speaks for it, each part weighed by one of the
constants below (docs/matching.md explains them):

- topics: each topic asked about that a person knows in this partnership
  (PersonExpertise), or that an organisation lists (organisations.Expertise, matched
  on the normalised key, expertise.topics.topic_key);
- offers: an organisation's offer in the need's category, where it serves the area
  (canvas.selectors.area_matches, the rule the canvas's gaps use);
- area: an organisation suggested for something else that serves the need's area;
- text: the full-text rank (the search index, consortia/search/engines.engine_rank, FTS5
  on SQLite and tsvector on PostgreSQL) of the person's expertise (topic and note) or
  the organisation's profile (description, offers, topics) against ANY meaningful word
  of the text (search.query.any_words), relative to the best match;
- endorsements: colleagues who endorsed the person's matching expertise;
- evidence: the track record other apps register (evidence.py), as they weigh it.

Who may be suggested: people who are current members of the partnership (members of
its active partner organisations, and its active participants), never
`exclude_users`, and its active partner organisations. With `directory`, also people
and organisations outside it, but only by what they chose to show in the directory:
a person's expertise marked DIRECTORY (never what they keep to a partnership), and
organisations listed in the directory. Ties are broken by name, then people before
organisations, then id, so the order is stable.
"""

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q

from consortia.accounts.models import User
from consortia.canvas.models import Need
from consortia.canvas.selectors import area_matches
from consortia.expertise.models import Endorsement, PersonExpertise, Topic
from consortia.expertise.topics import topic_key
from consortia.organisations.models import Expertise, Membership, Offer, Organisation
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners
from consortia.search.engines import Ranked, engine_rank
from consortia.search.query import Query, any_words

from .evidence import providers
from .search import EXPERTISE, ORGANISATION

LIMIT = 5

# The score's weights, in one place.
TOPIC_WEIGHT = 3.0  # each topic asked about that the person knows or the organisation lists
OFFER_WEIGHT = 3.0  # an offer in the need's category, where the organisation serves the area
AREA_WEIGHT = 1.0  # the organisation serves the need's area (both said, and they match)
TEXT_WEIGHT = 2.0  # times the relative full-text rank (the best match of the text is 1.0)
ENDORSEMENT_WEIGHT = 0.5  # each colleague who endorsed the person's matching expertise
ENDORSEMENTS_COUNTED = 4  # at most this many endorsements add to the score
# Evidence registered by other apps adds its own weight (evidence.Evidence.weight).


@dataclass
class Suggestion:
    """One person (with the organisation they speak from, when there is one) or one
    organisation (`user` None), best first."""

    organisation: Organisation | None
    user: User | None = None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    in_partnership: bool = True  # False: found in the public directory

    @property
    def why(self) -> str:
        return "; ".join(self.reasons)

    @property
    def name(self) -> str:
        if self.user is not None:
            return self.user.name
        return self.organisation.name if self.organisation else ""

    def add(self, weight: float, reason: str = "") -> None:
        self.score += weight
        if reason and reason not in self.reasons:
            self.reasons.append(reason)


@dataclass
class _Pool:
    """Who may be suggested in a partnership, read once for any number of texts."""

    partnership: Partnership
    partner_orgs: dict[int, Organisation]
    member_orgs: dict[int, list[Organisation]]  # user id: their partner organisations here
    participants: set[int]
    exclude: set[int]
    directory: bool

    @property
    def member_ids(self) -> set[int]:
        return (set(self.member_orgs) | self.participants) - self.exclude

    def org_filter(self) -> Q:
        allowed = Q(pk__in=list(self.partner_orgs))
        return allowed | Q(listed_in_directory=True) if self.directory else allowed


def _pool(partnership: Partnership, exclude_users: Collection[int], directory: bool) -> _Pool:
    """Three queries (the active partners, cached on the partnership, count two):
    memberships of the partner organisations, and active participants."""
    partner_orgs = {p.organisation_id: p.organisation for p in active_partners(partnership)}
    member_orgs: dict[int, list[Organisation]] = defaultdict(list)
    rows = Membership.objects.filter(organisation_id__in=list(partner_orgs)).values_list(
        "user_id", "organisation_id"
    )
    for user_id, org_id in rows:
        member_orgs[user_id].append(partner_orgs[org_id])
    for orgs in member_orgs.values():
        orgs.sort(key=lambda o: (o.name.casefold(), o.pk))
    participants = set(partnership.participants.active().values_list("user_id", flat=True))
    return _Pool(
        partnership, dict(partner_orgs), dict(member_orgs), participants, set(exclude_users), directory
    )


def _quoted(words: Sequence[str]) -> str:
    shown = [f"'{w}'" for w in words[:2]]
    return " and ".join(shown)


def _text_reason(hit: Ranked, where: str, title: str) -> str:
    """ "mentions 'consent' in their expertise note": the words the engine marked."""
    if hit.body_words:
        return f"mentions {_quoted(hit.body_words)} in {where}"
    if hit.title_words:
        return f"{title} mentions {_quoted(hit.title_words)}"
    return f"the words of {where} match"


class _Ranking:
    """One text's suggestions, built up by the parts of the score."""

    def __init__(self, pool: _Pool, *, text: str, topics: Collection[Topic], category: str, area: str):
        self.pool = pool
        self.query: Query = any_words(text)
        self.topics = {t.pk: t for t in topics}
        self.category, self.area = category, area.strip()
        self.people: dict[int, Suggestion] = {}
        self.orgs: dict[int, Suggestion] = {}

    def _person(self, user: User, *, in_partnership: bool = True) -> Suggestion:
        if user.pk not in self.people:
            orgs = self.pool.member_orgs.get(user.pk, []) if in_partnership else []
            self.people[user.pk] = Suggestion(
                organisation=orgs[0] if orgs else None, user=user, in_partnership=in_partnership
            )
        return self.people[user.pk]

    def members(self) -> None:
        """The partnership's people: topics, text, endorsements and evidence. Three
        queries (two with no text to rank), and one per evidence provider (one more
        when evidence names someone not otherwise suggested)."""
        pool, members = self.pool, self.pool.member_ids
        hits = {}
        if self.query:
            ranked = engine_rank(self.query, kinds=[EXPERTISE], partnership_ids=[pool.partnership.pk])
            hits = {h.object_id: h for h in ranked}
        rows = [
            row
            for row in PersonExpertise.objects.filter(partnership=pool.partnership)
            .filter(Q(topic_id__in=list(self.topics)) | Q(pk__in=list(hits)))
            .select_related("user", "topic")
            .order_by("user__name", "user_id", "topic__key", "pk")
            if row.user_id in members
        ]
        # Each person's reasons best first: the topics asked about, then their
        # expertise by how well it matches the text.
        rows.sort(
            key=lambda r: (
                r.user.name,
                r.user_id,
                r.topic_id not in self.topics,
                -(hits[r.pk].rank if r.pk in hits else 0.0),
                r.topic.key,
                r.pk,
            )
        )
        text: dict[int, float] = {}
        for row in rows:
            s = self._person(row.user)
            if row.topic_id in self.topics:
                s.add(TOPIC_WEIGHT, f"knows {row.topic.name}")
            if hit := hits.get(row.pk):
                text[row.user_id] = max(text.get(row.user_id, 0.0), hit.rank)
                if hit.title_words and row.topic_id not in self.topics:
                    s.add(0.0, f"knows {row.topic.name}")
                if hit.body_words:
                    s.add(0.0, _text_reason(hit, "their expertise note", "their topic"))
        for user_id, rank in text.items():
            self.people[user_id].add(TEXT_WEIGHT * rank)
        self._endorsements([row.pk for row in rows])
        self._evidence(members)

    def _endorsements(self, expertise_ids: list[int]) -> None:
        if not expertise_ids:
            return
        counts = (
            Endorsement.objects.filter(expertise_id__in=expertise_ids)
            .values_list("expertise__user_id")
            .annotate(n=Count("endorser_id", distinct=True))
        )
        for user_id, n in counts:
            colleagues = "colleague" if n == 1 else "colleagues"
            self.people[user_id].add(
                ENDORSEMENT_WEIGHT * min(n, ENDORSEMENTS_COUNTED), f"endorsed by {n} {colleagues}"
            )

    def _evidence(self, members: set[int]) -> None:
        found: list[tuple[int, float, str]] = []
        for provider in providers():
            for user_id, evidence in provider(
                self.pool.partnership, sorted(members), list(self.topics)
            ).items():
                if user_id in members:
                    found.append((user_id, evidence.weight, evidence.reason))
        missing = {user_id for user_id, _, _ in found} - set(self.people)
        for user in User.objects.filter(pk__in=missing):
            self._person(user)
        for user_id, weight, reason in found:
            self.people[user_id].add(weight, reason)

    def directory_people(self) -> None:
        """People outside the partnership, by the expertise they chose to show in the
        directory only. Three queries (two with no text)."""
        pool = self.pool
        # Members are suggested above, by what they share here; their expertise shown in
        # the directory from other partnerships is left out below.
        shown = PersonExpertise.objects.filter(visibility=PersonExpertise.Visibility.DIRECTORY).exclude(
            partnership=pool.partnership
        )
        hits = {}
        if self.query:
            ranked = engine_rank(self.query, kinds=[EXPERTISE], partnership_ids=[], among=shown.values("pk"))
            hits = {h.object_id: h for h in ranked}
        rows = (
            shown.filter(Q(topic_id__in=list(self.topics)) | Q(pk__in=list(hits)))
            .select_related("user", "topic")
            .order_by("user__name", "user_id", "topic__key", "pk")
        )
        text: dict[int, float] = {}
        for row in rows:
            if row.user_id in pool.member_ids or row.user_id in pool.exclude:
                continue
            s = self._person(row.user, in_partnership=False)
            if row.topic_id in self.topics:
                s.add(
                    0.0 if f"knows {row.topic.name}" in s.reasons else TOPIC_WEIGHT, f"knows {row.topic.name}"
                )
            if hit := hits.get(row.pk):
                text[row.user_id] = max(text.get(row.user_id, 0.0), hit.rank)
                if hit.title_words and row.topic_id not in self.topics:
                    s.add(0.0, f"knows {row.topic.name}")
                if hit.body_words:
                    s.add(0.0, _text_reason(hit, "their expertise note", "their topic"))
        for user_id, rank in text.items():
            self.people[user_id].add(TEXT_WEIGHT * rank)
        outside = [s.user.pk for s in self.people.values() if s.user and not s.in_partnership]
        if outside:
            listed = (
                Membership.objects.filter(user_id__in=outside, organisation__listed_in_directory=True)
                .select_related("organisation")
                .order_by("organisation__name", "organisation_id")
            )
            for membership in listed:
                person = self.people[membership.user_id]
                person.organisation = person.organisation or membership.organisation

    def organisations(self) -> None:
        """Partner organisations (and listed ones, with `directory`): their topics,
        offers, area and profile text. Up to four queries."""
        pool = self.pool
        allowed = pool.org_filter()
        self._org_topics(allowed)
        if self.category:
            offers = (
                Offer.objects.filter(category=self.category)
                .filter(organisation__in=Organisation.objects.filter(allowed))
                .select_related("organisation")
                .order_by("organisation__name", "organisation_id", "pk")
            )
            for offer in offers:
                served = offer.organisation.area_served.strip()
                if not area_matches(self.area, served):
                    continue
                s = self._org(offer.organisation)
                place = f" in {served}" if self.area and served else ""
                if not any(r.startswith("offers ") for r in s.reasons):
                    s.add(OFFER_WEIGHT, f"offers {_lower_first(offer.description)}{place}")
        if self.query:
            ranked = engine_rank(
                self.query,
                kinds=[ORGANISATION],
                partnership_ids=None,
                among=Organisation.objects.filter(allowed).values("pk"),
            )
            missing = [h.object_id for h in ranked if h.object_id not in self.orgs]
            loaded = Organisation.objects.in_bulk(missing) if missing else {}
            for hit in ranked:
                org = loaded.get(hit.object_id) or self.orgs[hit.object_id].organisation
                assert org is not None
                self._org(org).add(TEXT_WEIGHT * hit.rank, _text_reason(hit, "its profile", "its name"))
        for s in self.orgs.values():
            served = s.organisation.area_served.strip() if s.organisation else ""
            if self.area and served and area_matches(self.area, served):
                place = f"serves {served}"
                s.add(AREA_WEIGHT, "" if any(served in r for r in s.reasons) else place)

    def _org(self, organisation: Organisation) -> Suggestion:
        if organisation.pk not in self.orgs:
            self.orgs[organisation.pk] = Suggestion(
                organisation=organisation, in_partnership=organisation.pk in self.pool.partner_orgs
            )
        return self.orgs[organisation.pk]

    def _org_topics(self, allowed: Q) -> None:
        """The organisations' own topics, by normalised key. The database narrows them
        to those that contain a word of a key asked about; the key decides. One query."""
        keys = {t.key: t for t in self.topics.values()}
        if not keys:
            return
        words = Q()
        for key in keys:
            for word in key.split():
                words |= Q(topic__icontains=word)
        rows = (
            Expertise.objects.filter(words, organisation__in=Organisation.objects.filter(allowed))
            .select_related("organisation")
            .order_by("organisation__name", "organisation_id", "topic")
        )
        for row in rows:
            topic = keys.get(topic_key(row.topic))
            if topic is not None:
                self._org(row.organisation).add(TOPIC_WEIGHT, f"knows {topic.name}")

    def ranked(self, limit: int) -> list[Suggestion]:
        found = [*self.people.values(), *self.orgs.values()]
        found = [s for s in found if s.score > 0 or s.reasons]
        found.sort(key=lambda s: (-round(s.score, 6), s.name.casefold(), s.user is None, _pk(s)))
        return found[:limit]


def _pk(s: Suggestion) -> int:
    if s.user is not None:
        return s.user.pk
    return s.organisation.pk if s.organisation else 0


def _lower_first(text: str) -> str:
    """'Volunteer drivers' -> 'volunteer drivers'; 'NHS checks' stays."""
    text = " ".join(text.split())
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _rank(
    pool: _Pool, *, text: str, topics: Collection[Topic], category: str, area: str, limit: int
) -> list[Suggestion]:
    ranking = _Ranking(pool, text=text, topics=topics, category=category, area=area)
    ranking.members()
    if pool.directory:
        ranking.directory_people()
    ranking.organisations()
    return ranking.ranked(limit)


def suggestions(
    partnership: Partnership,
    *,
    text: str = "",
    topics: Collection[Topic] = (),
    category: str = "",
    area: str = "",
    exclude_users: Collection[int] = (),
    directory: bool = False,
    limit: int = LIMIT,
) -> list[Suggestion]:
    """The people and organisations best placed to help with `text` (a question's title
    and body, or a need's description), on `topics`, for a need of `category` in
    `area`: best first, at most `limit`, never anyone in `exclude_users` (the asker).
    `directory` adds people and organisations outside the partnership who chose to be
    found in the public directory. A constant number of queries (about a dozen, plus
    one per registered evidence provider), whatever the number of people, topics,
    offers and organisations."""
    pool = _pool(partnership, exclude_users, directory)
    return _rank(pool, text=text, topics=topics, category=category, area=area, limit=limit)


def need_suggestions(
    partnership: Partnership,
    needs: Sequence[Need],
    *,
    area: str,
    directory: bool = True,
    limit: int = LIMIT,
) -> dict[int, list[Suggestion]]:
    """`suggestions` for each need (its description as the text, its category, the
    canvas's `area`), by need id, the partnership's people read once: a constant
    number of queries per need, so callers page the needs."""
    pool = _pool(partnership, (), directory)
    return {
        need.pk: _rank(pool, text=need.description, topics=(), category=need.category, area=area, limit=limit)
        for need in needs
    }
