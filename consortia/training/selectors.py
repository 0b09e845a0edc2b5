"""Reads of training courses and places: a partnership's courses (upcoming and past),
what a course's page shows (places left, quotas, my place and my position on the
waiting list), the places to record attendance for, the courses in a calendar feed,
and `training_places_used`, the benefit each partner drew (for fair shares)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from consortia.accounts.models import User
from consortia.contributions.models import Entry
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners
from consortia.partnerships.selectors import partnership_ids_for_user

from .capacity import Standing
from .models import Course, Place

HELD = ("booked", "attended", "absent")
PENCE = Decimal("0.01")


@dataclass
class Courses:
    upcoming: list[Course]
    past: list[Course]


def course_list(partnership: Partnership) -> Courses:
    """The partnership's courses, soonest first, those not yet ended apart from the
    rest (most recent first), each with `booked` and `waiting` counts (one query)."""
    now = timezone.now()
    courses = list(
        partnership.courses.select_related("partner__organisation").annotate(
            booked=Count("places_taken", filter=Q(places_taken__status__in=HELD)),
            waiting=Count("places_taken", filter=Q(places_taken__status="waiting")),
        )
    )
    return Courses(
        upcoming=[c for c in courses if c.ends_at > now],
        past=sorted((c for c in courses if c.ends_at <= now), key=lambda c: c.starts_at, reverse=True),
    )


@dataclass
class QuotaLine:
    partner: Partner | None
    name: str
    quota: int
    held: int


@dataclass
class CoursePage:
    standing: Standing
    waiting: int
    quotas: list[QuotaLine] = field(default_factory=list)
    my_place: Place | None = None
    my_position: int | None = None
    my_free: int = 0  # places free for the viewer's organisation

    @property
    def left(self) -> int:
        return self.standing.left


def course_page(course: Course, user: User | AnonymousUser, my_partner: Partner | None = None) -> CoursePage:
    """What a course's page shows, in a fixed number of queries whatever the number of
    places: the places held and waiting per partner (one grouped query), the quotas
    (one), the viewer's own active place (one) and their position in the waiting
    list (one, only when they are waiting)."""
    counts: dict[int, int] = {}
    waiting = 0
    for partner_id, status, n in (
        course.places_taken.filter(status__in=(*HELD, "waiting"))
        .values("partner_id", "status")
        .annotate(n=Count("pk"))
        .values_list("partner_id", "status", "n")
        .order_by()
    ):
        if status == "waiting":
            waiting += n
        else:
            counts[partner_id] = counts.get(partner_id, 0) + n
    quotas = dict(course.quotas.values_list("partner_id", "places"))
    now = timezone.now()
    released = course.release_at is not None and course.release_at <= now
    standing = Standing(course.places, counts, quotas, released)
    partners = {p.pk: p for p in active_partners(course.partnership)}
    page = CoursePage(standing, waiting)
    page.quotas = [
        QuotaLine(
            partners.get(pk),
            str(partners[pk].organisation) if pk in partners else "A former partner",
            quota,
            counts.get(pk, 0),
        )
        for pk, quota in quotas.items()
    ]
    page.quotas.sort(key=lambda line: line.name)
    if isinstance(user, User):
        page.my_place = course.places_taken.filter(user=user, status__in=("booked", "waiting")).first()
        if page.my_place is not None and page.my_place.status == "waiting":
            mine = page.my_place
            page.my_position = (
                1
                + course.places_taken.filter(
                    Q(created_at__lt=mine.created_at) | Q(created_at=mine.created_at, pk__lt=mine.pk),
                    status="waiting",
                ).count()
            )
    if my_partner is not None:
        page.my_free = standing.free_for(my_partner.pk)
    return page


def attendance_places(course: Course) -> list[Place]:
    """The places to record attendance for: booked, attended or absent, by name."""
    return list(
        course.places_taken.filter(status__in=HELD)
        .select_related("user", "partner__organisation")
        .order_by("user__name", "pk")
    )


def waiting_list(course: Course) -> list[Place]:
    """The waiting list in order (first come, first served), for the organisers."""
    return list(
        course.places_taken.filter(status="waiting")
        .select_related("user", "partner__organisation")
        .order_by("created_at", "pk")
    )


def courses_for_feed(user: User | AnonymousUser) -> QuerySet[Course]:
    """Scheduled courses of the partnerships the user is in now, for their calendar
    feed (one query); a partnership they have left never appears."""
    if not isinstance(user, User):
        return Course.objects.none()
    return (
        Course.objects.filter(status=Course.Status.SCHEDULED, partnership__in=partnership_ids_for_user(user))
        .select_related("partnership", "partner__organisation")
        .order_by("starts_at", "pk")
    )


def training_places_used(partnership: Partnership) -> dict[int, Decimal]:
    """The £ value of the training places each partner's people attended, by the
    ATTENDEE's partner id: the value the ledger gave each place (its entry, found by
    the source key "training.place:<id>", at the rate card in force on the course's
    date), rounded to pence. Partners with none are left out."""
    attended = dict(
        Place.objects.filter(course__partnership=partnership, status="attended").values_list(
            "pk", "partner_id"
        )
    )
    values = _ledger_values(partnership, [f"training.place:{pk}" for pk in attended])
    used: dict[int, Decimal] = {}
    for pk, partner_id in attended.items():
        used[partner_id] = used.get(partner_id, Decimal(0)) + values.get(f"training.place:{pk}", Decimal(0))
    return {pk: value.quantize(PENCE) for pk, value in used.items()}


def _ledger_values(partnership: Partnership, keys: list[str]) -> dict[str, Decimal]:
    """source key -> the net £ value of its ledger entry (less its reversal, if a
    correction reversed it), in one query."""
    values: dict[str, Decimal] = {}
    rows = Entry.objects.filter(partnership=partnership).filter(
        Q(source_key__in=keys) | Q(reverses__source_key__in=keys)
    )
    for key, reversed_key, value in rows.values_list("source_key", "reverses__source_key", "value_gbp"):
        source = key or reversed_key
        values[source] = values.get(source, Decimal(0)) + value
    return values
