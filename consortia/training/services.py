"""Every change to training courses and places: offering a course, changing it,
cancelling it, booking a place (or joining the waiting list), cancelling a place,
recording attendance, and the hourly release of unused quota places
(`course_places_release`).

Each service runs in one transaction, checks the actor's permission
(consortia/training/rules.py), refuses a closed partnership, checks what it is given
before anything is written and writes exactly one event. A service that changes who
holds places locks the course row first (select_for_update; on SQLite the IMMEDIATE
transaction takes the write lock at BEGIN), so two people taking the last place at
once queue: one gets it, the other waits, and the course is never over its places.
Whenever places are freed (a cancellation, more places, the quota release) the
waiting list moves up in the same transaction, in order (capacity.fill), and the
event names who was given a place so the notifications tell them.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django_tasks import task

from consortia.accounts.models import User
from consortia.contributions.models import NOTE_MAX
from consortia.contributions.services import entry_record
from consortia.core.choices import ContributionCategory, Unit
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import refuse_if_closed, require
from consortia.partnerships.credit import EVERY_ROLE, credited_organisation
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import partners_of_user, speaks_for

from .capacity import Standing, fill, quotas_fit
from .models import DESCRIPTION_MAX, LOCATION_MAX, PLACES_MAX, TITLE_MAX, Course, Place, Quota

ADD = "training.add_course_in_partnership"
CHANGE = "training.change_course"
BOOK = "training.book_course"
CANCEL_PLACE = "training.cancel_place"
HELD = (Place.Status.BOOKED, Place.Status.ATTENDED, Place.Status.ABSENT)
# A course further off than this is a typo (2206 for 2026), not a plan.
HORIZON = datetime.timedelta(days=3 * 366)


# --- checking what is given ------------------------------------------------------------------


def _clean(value: str, limit: int, field: str, label: str, *, required: str = "") -> str:
    value = (value or "").strip()
    if field == "title":
        value = " ".join(value.split())
    if required and not value:
        raise ServiceError(required, field=field)
    if len(value) > limit:
        raise ServiceError(f"{label} must be {limit:,} characters or fewer", field=field)
    return value


def _check_details(
    partnership: Partnership,
    *,
    title: str,
    description: str,
    location: str,
    online: bool,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    places: int,
    release_at: datetime.datetime | None,
    open_to_all: bool,
    allowed_partners: list[Partner],
    quotas: dict[Partner, int],
) -> dict[str, Any]:
    title = _clean(title, TITLE_MAX, "title", "The title", required="Enter the course's title")
    description = _clean(description, DESCRIPTION_MAX, "description", "The description")
    location = _clean(location, LOCATION_MAX, "location", "The location")
    if not location and not online:
        raise ServiceError("Say where the course is, or that it is online", field="location")
    if starts_at > timezone.now() + HORIZON:
        raise ServiceError("The course must start within three years", field="starts_at")
    if ends_at <= starts_at:
        raise ServiceError("The course must end after it starts", field="ends_at")
    if not isinstance(places, int) or not 0 < places <= PLACES_MAX:
        raise ServiceError(f"Enter a number of places from 1 to {PLACES_MAX:,}", field="places")
    if release_at is not None and release_at >= starts_at:
        raise ServiceError("Release unused quota places before the course starts", field="release_at")
    ours = {p.pk for p in partnership.partners.active()}
    if not open_to_all and not allowed_partners:
        raise ServiceError("Choose the partners whose people may attend", field="allowed_partners")
    if any(p.pk not in ours for p in allowed_partners):
        raise ServiceError("Choose partners of this partnership", field="allowed_partners")
    for partner, quota in quotas.items():
        if partner.pk not in ours:
            raise ServiceError("A quota must be for a partner of this partnership", field="quotas")
        if not isinstance(quota, int) or quota <= 0:
            raise ServiceError("A quota must be a whole number of places above zero", field="quotas")
        if not open_to_all and partner not in allowed_partners:
            raise ServiceError(f"{partner.organisation} may not attend, so it has no quota", field="quotas")
    if not quotas_fit(places, quotas.values()):
        raise ServiceError("The quotas add up to more places than the course has", field="quotas")
    return {
        "title": title,
        "description": description,
        "location": location,
        "online": online,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "places": places,
        "release_at": release_at,
        "open_to_all": open_to_all,
    }


def _refuse_unless_open(course: Course, doing: str) -> None:
    refuse_if_closed(course.partnership, doing)
    if course.is_cancelled:
        raise Conflict("This course is cancelled.")


def _refuse_if_started(course: Course, what: str) -> None:
    if course.starts_at <= timezone.now():
        raise Conflict(f"This course has started, so {what}.")


# --- the course's places as they stand -------------------------------------------------------


def _lock(course: Course) -> Course:
    """Lock the course row: everything that changes who holds its places queues here."""
    locked = Course.objects.select_for_update().get(pk=course.pk)
    course.places, course.status, course.release_at = locked.places, locked.status, locked.release_at
    course.starts_at = locked.starts_at
    return locked


def _released(course: Course, now: datetime.datetime) -> bool:
    return course.release_at is not None and course.release_at <= now


def _standing(course: Course, now: datetime.datetime | None = None) -> Standing:
    held = dict(
        course.places_taken.filter(status__in=HELD)
        .values("partner_id")
        .annotate(n=Count("pk"))
        .values_list("partner_id", "n")
    )
    quotas = dict(course.quotas.values_list("partner_id", "places"))
    return Standing(course.places, held, quotas, _released(course, now or timezone.now()))


def _waiting(course: Course) -> list[Place]:
    return list(course.places_taken.filter(status=Place.Status.WAITING).order_by("created_at", "pk"))


def _move_up(course: Course, standing: Standing) -> list[Place]:
    """Give every free place the waiting list may take, in order; returns who got one."""
    waiting = _waiting(course)
    chosen = set(fill(standing, [(p.pk, p.partner_id) for p in waiting]))
    promoted = [p for p in waiting if p.pk in chosen]
    now = timezone.now()
    for place in promoted:
        place.status, place.booked_at = Place.Status.BOOKED, now
        place.save(update_fields=["status", "booked_at", "updated_at"])
    return promoted


def _payload(course: Course, promoted: Iterable[Place] = (), **facts: Any) -> dict[str, Any]:
    return {
        "partner": course.partner_id,
        "promoted": [p.user_id for p in promoted],
        "starts_at": course.starts_at.isoformat(),
        **facts,
    }


# --- courses ---------------------------------------------------------------------------------


def _set_links(course: Course, allowed_partners: list[Partner], quotas: dict[Partner, int]) -> None:
    course.allowed_partners.set([] if course.open_to_all else allowed_partners)
    course.quotas.exclude(partner__in=list(quotas)).delete()
    for partner, places in quotas.items():
        Quota.objects.update_or_create(course=course, partner=partner, defaults={"places": places})


@transaction.atomic
def course_create(
    *,
    actor: User,
    partnership: Partnership,
    partner: Partner,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    places: int,
    description: str = "",
    location: str = "",
    online: bool = False,
    open_to_all: bool = True,
    allowed_partners: list[Partner] | None = None,
    quotas: Mapping[Partner, int] | None = None,
    release_at: datetime.datetime | None = None,
) -> Course:
    """Offer a course for `partner`, which the actor speaks for (an admin or a
    representative; not an observing partner). 400 with the field when the input
    is wrong (a start in the past, an end before the start, no places, a release
    after the start, quotas over the places or for partners who may not attend).
    One `training.course_offered` event, which tells the partners' representatives."""
    require(ADD, actor, partnership)
    refuse_if_closed(partnership, "offer courses in it")
    if (
        partner.partnership_id != partnership.pk
        or partner.role == "observer"
        or not speaks_for(actor, partner)
        or partner not in partners_of_user(actor, partnership)
    ):
        raise ServiceError("Choose a partner you speak for", field="partner")
    if starts_at <= timezone.now():
        raise ServiceError("The course must start in the future", field="starts_at")
    allowed, quota_map = list(allowed_partners or []), dict(quotas or {})
    fields = _check_details(
        partnership,
        title=title,
        description=description,
        location=location,
        online=online,
        starts_at=starts_at,
        ends_at=ends_at,
        places=places,
        release_at=release_at,
        open_to_all=open_to_all,
        allowed_partners=allowed,
        quotas=quota_map,
    )
    course = Course(partnership=partnership, partner=partner, created_by=actor, **fields)
    course.full_clean()
    course.save()
    _set_links(course, allowed, quota_map)
    event_record(
        actor=actor,
        verb="training.course_offered",
        obj=course,
        organisation=partner.organisation,
        partnership=partnership,
        payload=_payload(course, places=course.places),
    )
    return course


@transaction.atomic
def course_update(
    *,
    actor: User,
    course: Course,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    places: int,
    description: str = "",
    location: str = "",
    online: bool = False,
    open_to_all: bool = True,
    allowed_partners: list[Partner] | None = None,
    quotas: Mapping[Partner, int] | None = None,
    release_at: datetime.datetime | None = None,
) -> Course:
    """Change a course that has not started (its organisers). Its places cannot go
    below those already booked, nor a partner's quota below what that partner holds
    (409: cancel places first); more places move the waiting list up. One
    `training.course_changed` event naming who was given a place."""
    require(CHANGE, actor, course)
    _refuse_unless_open(course, "change its courses")
    _lock(course)
    if course.is_cancelled:  # cancelled while the form was open
        raise Conflict("This course is cancelled.")
    _refuse_if_started(course, "it can no longer be changed")
    allowed, quota_map = list(allowed_partners or []), dict(quotas or {})
    fields = _check_details(
        course.partnership,
        title=title,
        description=description,
        location=location,
        online=online,
        starts_at=starts_at,
        ends_at=ends_at,
        places=places,
        release_at=release_at,
        open_to_all=open_to_all,
        allowed_partners=allowed,
        quotas=quota_map,
    )
    standing = _standing(course)
    if places < standing.taken:
        raise Conflict(
            f"{standing.taken} places are already booked, so the course needs at least {standing.taken} places."
        )
    if not _released(course, timezone.now()):
        for partner, quota in quota_map.items():
            if standing.held.get(partner.pk, 0) > quota:
                raise Conflict(
                    f"{partner.organisation} already holds {standing.held[partner.pk]} places: "
                    "its quota cannot be fewer."
                )
    if starts_at <= timezone.now() and starts_at != course.starts_at:
        raise ServiceError("The course must start in the future", field="starts_at")
    for name, value in fields.items():
        setattr(course, name, value)
    course.full_clean()
    course.save()
    _set_links(course, allowed, quota_map)
    promoted = _move_up(course, _standing(course))
    event_record(
        actor=actor,
        verb="training.course_changed",
        obj=course,
        organisation=course.partner.organisation,
        partnership=course.partnership,
        payload=_payload(course, promoted),
    )
    return course


@transaction.atomic
def course_cancel(*, actor: User, course: Course) -> Course:
    """Cancel a course that has not started (its organisers); every place on it is
    cancelled. 409 when it is cancelled or started. One `training.course_cancelled`
    event naming everyone who held a place or was waiting, to tell them."""
    require(CHANGE, actor, course)
    _refuse_unless_open(course, "change its courses")
    _lock(course)
    if course.is_cancelled:
        raise Conflict("This course is already cancelled.")
    _refuse_if_started(course, "it can no longer be cancelled")
    active = course.places_taken.filter(status__in=[Place.Status.BOOKED, Place.Status.WAITING])
    holders = list(active.values_list("user_id", flat=True))
    active.update(status=Place.Status.CANCELLED, cancelled_at=timezone.now(), updated_at=timezone.now())
    course.status = Course.Status.CANCELLED
    course.save(update_fields=["status", "updated_at"])
    event_record(
        actor=actor,
        verb="training.course_cancelled",
        obj=course,
        organisation=course.partner.organisation,
        partnership=course.partnership,
        payload=_payload(course, holders=holders),
    )
    return course


# --- places ----------------------------------------------------------------------------------


def _booking_partner(actor: User, course: Course) -> Partner:
    """The actor's organisation in the partnership whose place it is: the first (by
    joining) of theirs the course admits. 400 when none is."""
    mine = partners_of_user(actor, course.partnership)
    if not course.open_to_all:
        allowed = set(course.allowed_partners.values_list("pk", flat=True))
        mine = [p for p in mine if p.pk in allowed]
    if not mine:
        raise ServiceError("This course is open only to the partners it names, and yours is not one of them.")
    return min(mine, key=lambda p: (p.joined_at, p.pk))


@transaction.atomic
def place_book(*, actor: User, course: Course) -> Place:
    """Book a place on a course for the actor, or put them on its waiting list when no
    place is free for their organisation (behind everyone already waiting: nobody
    jumps the list). Refused with a message, writing nothing: a course not open to the
    actor's organisation (400); a cancelled or started course, a second place for the
    same person, or a partner already holding its quota before the release (409).
    One event: `training.place_booked` or `training.place_waitlisted`."""
    require(BOOK, actor, course)
    _refuse_unless_open(course, "book places on its courses")
    _lock(course)
    if course.is_cancelled:
        raise Conflict("This course is cancelled.")
    _refuse_if_started(course, "booking has closed")
    partner = _booking_partner(actor, course)
    mine = course.places_taken.filter(
        user=actor, status__in=[Place.Status.BOOKED, Place.Status.WAITING]
    ).first()
    if mine is not None:
        raise Conflict(
            "You already have a place on this course."
            if mine.status == Place.Status.BOOKED
            else "You are already on this course's waiting list."
        )
    standing = _standing(course)
    promoted = _move_up(course, standing)  # places released since the last change go in order first
    if standing.at_quota(partner.pk):
        until = (
            timezone.localtime(course.release_at).strftime("%-d %B %Y, %H:%M") if course.release_at else None
        )
        raise Conflict(
            f"{partner.organisation} has booked all {standing.quotas[partner.pk]} of its places on this course"
            + (f"; other places open to everyone on {until}." if until else ".")
        )
    booked = standing.free_for(partner.pk) > 0
    now = timezone.now()
    place = Place(
        course=course,
        user=actor,
        partner=partner,
        status=Place.Status.BOOKED if booked else Place.Status.WAITING,
        booked_at=now if booked else None,
    )
    place.full_clean()
    place.save()
    event_record(
        actor=actor,
        verb="training.place_booked" if booked else "training.place_waitlisted",
        obj=course,
        organisation=partner.organisation,
        partnership=course.partnership,
        payload=_payload(course, promoted, place=str(place.uuid)),
    )
    return place


@transaction.atomic
def place_cancel(*, actor: User, place: Place) -> Place:
    """Give up a place, or leave the waiting list (the person, or the course's
    organisers), before the course starts. A freed place goes, in the same
    transaction, to the first waiting person whose organisation may take it. 409
    when the place is not active or the course has started. One
    `training.place_cancelled` event naming the holder and who was given the place."""
    course = place.course
    require(CANCEL_PLACE, actor, place)
    _refuse_unless_open(course, "change places on its courses")
    _lock(course)
    _refuse_if_started(course, "its places can no longer be cancelled")
    locked = Place.objects.get(pk=place.pk)
    if locked.status not in (Place.Status.BOOKED, Place.Status.WAITING):
        raise Conflict("This place is already cancelled.")
    place.status, place.cancelled_at = Place.Status.CANCELLED, timezone.now()
    place.save(update_fields=["status", "cancelled_at", "updated_at"])
    promoted = _move_up(course, _standing(course))
    event_record(
        actor=actor,
        verb="training.place_cancelled",
        obj=course,
        organisation=credited_organisation(actor, course.partnership, roles=EVERY_ROLE),
        partnership=course.partnership,
        payload=_payload(course, promoted, holder=place.user_id),
    )
    return place


# --- attendance ------------------------------------------------------------------------------

ATTENDANCE = (Place.Status.ATTENDED, Place.Status.ABSENT)


def _count_in_ledger(place: Place) -> None:
    """A place attended counts in the contributions ledger as in-kind value for the
    offering partner (a training place at the rate card in force on the course's
    day), written by the system in the caller's transaction. The source key makes it
    once per place: recording it again writes nothing."""
    course = place.course
    entry_record(
        actor=None,
        partnership=course.partnership,
        partner=course.partner,
        category=ContributionCategory.TRAINING,
        unit=Unit.PLACES,
        quantity=Decimal(1),
        on=timezone.localdate(course.starts_at),
        note=f"A place attended on {course.title}"[:NOTE_MAX],
        source_key=f"training.place:{place.pk}",
    )


@transaction.atomic
def attendance_record(*, actor: User, course: Course, statuses: Mapping[int, str]) -> int:
    """Record who attended and who was absent (place id -> "attended" or "absent"),
    by the course's organisers once it has started. Each place attended counts in
    the ledger. A recorded attendance is final (409 to change it: the ledger entry it
    wrote is never edited); a place that is not booked on this course is a 400.
    One `training.attendance_recorded` event; none when nothing changed. Returns how
    many places were recorded."""
    require(CHANGE, actor, course)
    _refuse_unless_open(course, "record attendance on its courses")
    _lock(course)
    if course.starts_at > timezone.now():
        raise Conflict("Attendance is recorded once the course has started.")
    if any(status not in ATTENDANCE for status in statuses.values()):
        raise ServiceError("Choose attended or absent")
    places = {p.pk: p for p in course.places_taken.filter(pk__in=list(statuses)).select_related("user")}
    changed = []
    for pk, status in statuses.items():
        place = places.get(pk)
        if place is None or place.status not in (Place.Status.BOOKED, *ATTENDANCE):
            raise ServiceError("Record attendance only for people with a place on this course")
        if place.status == status:
            continue
        if place.status in ATTENDANCE:
            raise Conflict(
                f"{place.user.name} is already recorded as "
                f"{place.get_status_display().lower()}: a recorded attendance is not changed."
            )
        changed.append((place, status))
    if not changed:
        return 0
    now = timezone.now()
    for place, status in changed:
        place.status, place.attendance_recorded_at, place.attendance_recorded_by = status, now, actor
        place.save(update_fields=["status", "attendance_recorded_at", "attendance_recorded_by", "updated_at"])
        if status == Place.Status.ATTENDED:
            _count_in_ledger(place)
    event_record(
        actor=actor,
        verb="training.attendance_recorded",
        obj=course,
        organisation=course.partner.organisation,
        partnership=course.partnership,
        payload=_payload(
            course,
            attended=sum(1 for _, s in changed if s == Place.Status.ATTENDED),
            absent=sum(1 for _, s in changed if s == Place.Status.ABSENT),
        ),
    )
    return len(changed)


# --- the hourly release ----------------------------------------------------------------------


@task()
def course_places_release() -> int:
    """Move the waiting lists up on courses whose quota places were released since the
    last run (settings.SCHEDULED_TASKS, hourly; booking does the same on the spot).
    One `training.places_released` event (no actor) per course where someone was given
    a place; a second run finds nothing to do. Returns how many were given a place."""
    now = timezone.now()
    given = 0
    due = Course.objects.filter(
        status=Course.Status.SCHEDULED,
        release_at__lte=now,
        starts_at__gt=now,
        places_taken__status=Place.Status.WAITING,
    ).exclude(partnership__status="closed")
    for pk in sorted(set(due.values_list("pk", flat=True))):
        with transaction.atomic():
            course = Course.objects.select_for_update().select_related("partnership", "partner").get(pk=pk)
            promoted = _move_up(course, _standing(course, now))
            if promoted:
                event_record(
                    actor=None,
                    verb="training.places_released",
                    obj=course,
                    partnership=course.partnership,
                    payload=_payload(course, promoted, automatic=True),
                )
            given += len(promoted)
    return given
