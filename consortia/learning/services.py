"""Every change to a partnership's learning log: recording a lesson (from a meeting,
an exchange, a closed poll or directly), changing it, setting its status (the change
made, or dropped, with a short note; or reopened), marking it reviewed at a meeting,
and the daily reminder to owners of lessons due today.

Each service runs in one transaction, checks the actor's permission
(consortia/learning/rules.py), refuses a closed partnership, checks what it is given
before anything is written and writes exactly one event. The events name the owner
(by id) so the notifications tell them when they are made owner and when it is due.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import refuse_if_closed, require
from consortia.decisions.models import Poll
from consortia.notifications.audiences import member_ids
from consortia.partnerships.models import Partnership

from .models import KEY_MAX, LABEL_MAX, NOTE_MAX, TEXT_MAX, URL_MAX, Lesson, SourceKind
from .sources import SourceRef

RECORD = "learning.record_lesson_in_partnership"
CHANGE = "learning.change_lesson"
SET_STATUS = "learning.set_status_of_lesson"
REVIEW = "learning.review_lesson"
DOING = "change its learning log"

TEXTS = (
    ("what_happened", "What happened"),
    ("what_we_learned", "What we learned"),
    ("what_we_will_change", "What we will change"),
)


def _clean_texts(**texts: str) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for field, label in TEXTS:
        value = (texts.get(field) or "").strip()
        if len(value) > TEXT_MAX:
            raise ServiceError(f"{label} must be {TEXT_MAX:,} characters or fewer", field=field)
        cleaned[field] = value
    if not cleaned["what_we_learned"]:
        raise ServiceError("Say what we learned", field="what_we_learned")
    return cleaned


def _check_owner(partnership: Partnership, owner: User | None) -> User:
    if owner is None or owner.pk not in member_ids(partnership):
        raise ServiceError(
            "Choose someone in the partnership to own the change: a member of a partner organisation "
            "or an individual participant",
            field="owner",
        )
    return owner


def _check_due(due: datetime.date | None) -> datetime.date | None:
    if due is not None and due < timezone.localdate():
        raise ServiceError("The due date must be today or later", field="due")
    return due


def _local_url(url: str) -> str:
    """A link on this site ("/..."), never another site's or a script."""
    url = (url or "").strip()
    if url and (
        not url.startswith("/") or url.startswith("//") or "\\" in url or any(c.isspace() for c in url)
    ):
        raise ServiceError("The source's link must be a page of this site", field="source_url")
    if len(url) > URL_MAX:
        raise ServiceError(f"The source's link must be {URL_MAX:,} characters or fewer", field="source_url")
    return url


def _source(
    partnership: Partnership, kind: str, label: str, url: str, poll: Poll | None
) -> tuple[str, str, str]:
    if kind not in SourceKind.values:
        raise ServiceError("Choose where the lesson was recorded from", field="source_kind")
    label = " ".join((label or "").split())
    if len(label) > LABEL_MAX:
        raise ServiceError(f"The source must be {LABEL_MAX:,} characters or fewer", field="source_label")
    url = _local_url(url)
    if poll is not None:
        if poll.partnership_id != partnership.pk:
            raise ServiceError("Choose a poll of this partnership", field="poll")
        if poll.status != Poll.Status.CLOSED:
            raise ServiceError("A lesson can be recorded from a poll only once it has closed", field="poll")
        kind = SourceKind.POLL
        label = label or poll.title[:LABEL_MAX]
        url = url or reverse("decisions:detail", args=[partnership.uuid, poll.uuid])
    elif kind == SourceKind.POLL:
        raise ServiceError("Choose the closed poll the lesson was recorded from", field="poll")
    return kind, label, url


def _payload(lesson: Lesson, **extra: Any) -> dict[str, Any]:
    return {"owner": lesson.owner_id, "recorded_by": lesson.recorded_by_id, **extra}


@transaction.atomic
def lesson_record(
    *,
    actor: User,
    partnership: Partnership,
    what_happened: str,
    what_we_learned: str,
    what_we_will_change: str,
    owner: User | None,
    due: datetime.date | None = None,
    source_kind: str = "other",
    source_label: str = "",
    source_url: str = "",
    poll: Poll | None = None,
    source_key: str = "",
) -> Lesson:
    """A member records a lesson; its owner is told they own the change.

    Exchanges (and any app above learning) call this with their `source_kind`,
    `source_label` and a link on this site; a closed poll of the partnership is given
    as `poll` (its title and page are the label and link unless given)."""
    require(RECORD, actor, partnership)
    refuse_if_closed(partnership, DOING)
    texts = _clean_texts(
        what_happened=what_happened, what_we_learned=what_we_learned, what_we_will_change=what_we_will_change
    )
    kind, label, url = _source(partnership, source_kind, source_label, source_url, poll)
    owner = _check_owner(partnership, owner)
    due = _check_due(due)
    lesson = Lesson.objects.create(
        partnership=partnership,
        **texts,
        owner=owner,
        due=due,
        source_kind=kind,
        source_label=label,
        source_url=url,
        source_key=(source_key or "")[:KEY_MAX],
        poll=poll,
        recorded_by=actor,
    )
    event_record(
        actor=actor,
        verb="lesson.recorded",
        obj=lesson,
        partnership=partnership,
        payload=_payload(lesson, source=kind),
    )
    return lesson


@transaction.atomic
def lesson_update(
    *,
    actor: User,
    lesson: Lesson,
    what_happened: str,
    what_we_learned: str,
    what_we_will_change: str,
    owner: User | None,
    due: datetime.date | None = None,
) -> list[str]:
    """Whoever recorded the lesson, its owner or the convener changes it; returns what
    changed (no event when nothing did). A new owner is told."""
    require(CHANGE, actor, lesson)
    refuse_if_closed(lesson.partnership, DOING)
    texts = _clean_texts(
        what_happened=what_happened, what_we_learned=what_we_learned, what_we_will_change=what_we_will_change
    )
    owner = _check_owner(lesson.partnership, owner)
    if due != lesson.due:
        _check_due(due)
    new: dict[str, Any] = {**texts, "owner_id": owner.pk, "due": due}
    changed = [field for field, value in new.items() if getattr(lesson, field) != value]
    if not changed:
        return []
    reassigned = "owner_id" in changed
    for field, value in new.items():
        setattr(lesson, field, value)
    if "due" in changed:
        lesson.reminded_due_on = None
    lesson.owner = owner
    lesson.save()
    changed = [c.removesuffix("_id") for c in changed]
    event_record(
        actor=actor,
        verb="lesson.changed",
        obj=lesson,
        partnership=lesson.partnership,
        payload=_payload(lesson, changed=changed, reassigned=reassigned),
    )
    return changed


@transaction.atomic
def lesson_status_set(*, actor: User, lesson: Lesson, status: str, note: str = "") -> Lesson:
    """The owner or the convener marks the change made or dropped (with a short note),
    or reopens the lesson. Another member is refused with a message (400)."""
    require(
        SET_STATUS,
        actor,
        lesson,
        refusal=ServiceError("Only the owner of the change or the convener can change a lesson's status"),
    )
    refuse_if_closed(lesson.partnership, DOING)
    if status not in Lesson.Status.values:
        raise ServiceError("Choose open, changed or dropped", field="status")
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise ServiceError(f"The note must be {NOTE_MAX:,} characters or fewer", field="note")
    if status != Lesson.Status.OPEN and not note:
        raise ServiceError("Say in a short note what changed, or why the change was dropped", field="note")
    locked = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if locked.status == status or (status != Lesson.Status.OPEN and locked.status != Lesson.Status.OPEN):
        # closing a closed lesson (changed, then dropped) needs reopening it first
        raise Conflict(f"This lesson is already {locked.get_status_display().lower()}.")
    before = locked.status
    lesson.status = status
    if status == Lesson.Status.OPEN:
        lesson.closing_note, lesson.closed_at, lesson.closed_by = "", None, None
    else:
        lesson.closing_note, lesson.closed_at, lesson.closed_by = note, timezone.now(), actor
    lesson.save(update_fields=["status", "closing_note", "closed_at", "closed_by", "updated_at"])
    event_record(
        actor=actor,
        verb="lesson.status_changed",
        obj=lesson,
        partnership=lesson.partnership,
        payload=_payload(lesson, before=before, status=status),
    )
    return lesson


@transaction.atomic
def lesson_mark_reviewed(*, actor: User, lesson: Lesson, meeting: SourceRef | None = None) -> Lesson:
    """A member marks the lesson reviewed, at `meeting` (as the meetings app names it:
    see sources.py) or outside one. A lesson is reviewed once."""
    require(REVIEW, actor, lesson)
    refuse_if_closed(lesson.partnership, DOING)
    locked = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if locked.reviewed_at is not None:
        raise Conflict("This lesson has already been reviewed.")
    lesson.reviewed_at, lesson.reviewed_by = timezone.now(), actor
    if meeting is not None:
        lesson.reviewed_meeting_label = meeting.label[:LABEL_MAX]
        lesson.reviewed_meeting_url = _local_url(meeting.url)
        lesson.reviewed_meeting_key = meeting.key[:KEY_MAX]
    lesson.save(
        update_fields=[
            "reviewed_at",
            "reviewed_by",
            "reviewed_meeting_label",
            "reviewed_meeting_url",
            "reviewed_meeting_key",
            "updated_at",
        ]
    )
    event_record(
        actor=actor,
        verb="lesson.reviewed",
        obj=lesson,
        partnership=lesson.partnership,
        payload=_payload(lesson, meeting=meeting.key if meeting else None),
    )
    return lesson


@task()
def lesson_reminders_send() -> int:
    """Tell the owner of each open lesson due today, once per due date (the date is
    kept on the lesson, written with the events in one transaction, so a second run
    the same day sends nothing). Closed partnerships are left alone. Returns how many."""
    today = timezone.localdate()
    with transaction.atomic():
        due = list(
            Lesson.objects.select_for_update(of=("self",))
            .select_related("partnership")
            .filter(status=Lesson.Status.OPEN, due=today, owner__isnull=False)
            .exclude(partnership__status="closed")
            .exclude(reminded_due_on=F("due"))
            .order_by("pk")
        )
        for lesson in due:
            event_record(
                actor=None,
                verb="lesson.due_today",
                obj=lesson,
                partnership=lesson.partnership,
                payload=_payload(lesson, due=str(lesson.due)),
            )
        Lesson.objects.filter(pk__in=[lesson.pk for lesson in due]).update(reminded_due_on=F("due"))
    return len(due)
