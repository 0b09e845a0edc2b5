"""Every change to the health check: opening a round, closing it (by the convener, or
by the daily job once its closing date has passed: `rounds_close_due`), answering
the survey, and saving (or withdrawing) a partner's rating of another.

Each service runs in one transaction, checks the actor's permission
(consortia/health/rules.py), checks what it is given before anything is written and
writes one event. Answers are anonymous: `response_submit` writes the Participation
(who) and the Response with its Answers (what, for which group, which day) together,
and neither its event nor any log or task argument carries an answer.
"""

import datetime
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import refuse_if_closed, require
from consortia.partnerships.credit import EVERY_ROLE, credited_organisation
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners

from .models import Answer, Participation, Rating, Response, Round
from .questions import DONT_KNOW, HIGHEST, LOWEST, QUESTIONS, RATING_HIGHEST, RATING_ITEMS, RATING_LOWEST

OPEN = "health.open_round_in_partnership"
CLOSE = "health.close_round"
ANSWER = "health.answer_round"
RATE = "health.rate_for_partner"
# A round open longer than this is forgotten, not consulted.
LONGEST = datetime.timedelta(days=92)


def _lock(round: Round) -> Round:
    locked = Round.objects.select_for_update().get(pk=round.pk)
    round.status, round.closed_at = locked.status, locked.closed_at
    return locked


def _refuse_unless_open(round: Round) -> None:
    if round.status != Round.Status.OPEN or round.closes_on < timezone.localdate():
        raise Conflict("This health check has closed, so it takes no more answers or ratings.")


@transaction.atomic
def round_open(*, actor: User, partnership: Partnership, closes_on: datetime.date) -> Round:
    """Open a health check round that takes answers up to and including `closes_on`.
    One round is open at a time (409 when one already is)."""
    require(OPEN, actor, partnership)
    refuse_if_closed(partnership, "open a health check")
    today = timezone.localdate()
    if closes_on < today:
        raise ServiceError("The closing date must be today or later", field="closes_on")
    if closes_on > today + LONGEST:
        raise ServiceError("The closing date must be within three months", field="closes_on")
    if Round.objects.filter(partnership=partnership, status=Round.Status.OPEN).exists():
        raise Conflict("A health check is already open. Close it before opening another.")
    try:
        with transaction.atomic():
            round = Round.objects.create(partnership=partnership, closes_on=closes_on, opened_by=actor)
    except IntegrityError as error:  # another convener opened one a moment ago
        raise Conflict("A health check is already open. Close it before opening another.") from error
    event_record(
        actor=actor,
        verb="health.round_opened",
        obj=round,
        partnership=partnership,
        organisation=credited_organisation(actor, partnership, roles=EVERY_ROLE),
        payload={"closes_on": closes_on.isoformat()},
    )
    return round


def _close(round: Round, actor: User | None) -> None:
    round.status, round.closed_at = Round.Status.CLOSED, timezone.now()
    round.save(update_fields=["status", "closed_at", "updated_at"])
    event_record(
        actor=actor,
        verb="health.round_closed",
        obj=round,
        partnership=round.partnership,
        organisation=credited_organisation(actor, round.partnership, roles=EVERY_ROLE),
        payload={"automatic": actor is None},
    )


@transaction.atomic
def round_close(*, actor: User, round: Round) -> Round:
    """Close the round now: its results can be shown (409 when already closed)."""
    require(CLOSE, actor, round)
    locked = _lock(round)
    if locked.status != Round.Status.OPEN:
        raise Conflict("This health check has already closed.")
    locked.partnership = round.partnership
    _close(locked, actor)
    round.status, round.closed_at = locked.status, locked.closed_at
    return round


@task()
def rounds_close_due() -> int:
    """Close every open round whose closing date has passed (no actor: the event says
    it was automatic). Safe to run at any time and as often as wanted."""
    closed = 0
    due = Round.objects.filter(status=Round.Status.OPEN, closes_on__lt=timezone.localdate())
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            round = Round.objects.select_for_update().select_related("partnership").get(pk=pk)
            if round.status == Round.Status.OPEN:
                _close(round, None)
                closed += 1
    return closed


def _checked_answers(answers: Mapping[str, int | str | None]) -> list[tuple[str, int | None]]:
    """Every question answered, 1-5 or "don't know" (None or DONT_KNOW); nothing else."""
    unknown = set(answers) - {q.key for q in QUESTIONS}
    if unknown:
        raise ServiceError("The answers name a question this health check does not ask")
    checked: list[tuple[str, int | None]] = []
    for question in QUESTIONS:
        if question.key not in answers:
            raise ServiceError(
                "Answer every statement (choose \u201cdon\u2019t know\u201d where you cannot say)",
                field=question.key,
            )
        value = answers[question.key]
        if value is None or value == DONT_KNOW:
            checked.append((question.key, None))
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not LOWEST <= value <= HIGHEST:
            raise ServiceError(
                f"Choose an answer from {LOWEST} to {HIGHEST}, or \u201cdon\u2019t know\u201d",
                field=question.key,
            )
        checked.append((question.key, value))
    return checked


@transaction.atomic
def response_submit(*, actor: User, round: Round, answers: Mapping[str, int | str | None]) -> Round:
    """Record `actor`'s answers to `round`, anonymously: who answered and what was
    answered are written to separate rows (see models.py); returns the round.
    Refused with a message, writing nothing: a second answer, a closed round, a
    missing or out-of-range answer."""
    require(ANSWER, actor, round)
    refuse_if_closed(round.partnership, "answer its health check")
    checked = _checked_answers(answers)
    locked = _lock(round)
    _refuse_unless_open(locked)
    if Participation.objects.filter(round=locked, user=actor).exists():
        raise Conflict("You have already answered this health check. Each person answers once.")
    try:
        with transaction.atomic():
            Participation.objects.create(round=locked, user=actor)
    except IntegrityError as error:  # the same person, in another tab, a moment ago
        raise Conflict("You have already answered this health check. Each person answers once.") from error
    # The organisation the member answers for: the crediting rule; none for an individual.
    organisation = credited_organisation(actor, round.partnership, roles=EVERY_ROLE)
    response = Response.objects.create(
        round=locked, organisation=organisation, answered_on=timezone.localdate()
    )
    Answer.objects.bulk_create(
        [Answer(response=response, question=key, value=value) for key, value in checked]
    )
    event_record(
        actor=actor,
        verb="health.round_answered",
        obj=locked,
        partnership=round.partnership,
        organisation=organisation,
    )
    return round


def _checked_ratings(values: Mapping[str, int]) -> dict[str, int]:
    if set(values) != set(RATING_ITEMS):
        raise ServiceError("Rate the partner on every item")
    for item in RATING_ITEMS:
        value = values[item]
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not RATING_LOWEST <= value <= RATING_HIGHEST
        ):
            raise ServiceError(f"Choose a rating from {RATING_LOWEST} to {RATING_HIGHEST}", field=item)
    return {item: values[item] for item in RATING_ITEMS}


@transaction.atomic
def rating_save(
    *, actor: User, round: Round, rater: Partner, rated: Partner, values: Mapping[str, int]
) -> Rating:
    """Save `rater`'s rating of `rated` (a partner it worked with) in the open round,
    or change the one another of its representatives saved. Refused, writing nothing:
    rating for a partner the actor does not speak for (403), rating one's own
    organisation, a partner of another partnership, a value out of range, a closed round."""
    partnership = round.partnership
    require(
        RATE,
        actor,
        rater,
        refusal=ServiceError("You can only rate for an organisation you represent", status_code=403),
    )
    partners = {p.pk: p for p in active_partners(partnership)}
    if rater.pk not in partners:
        raise ServiceError("You can only rate for a partner of this partnership", status_code=403)
    if rated.pk not in partners:
        raise ServiceError("Choose a partner of this partnership to rate", field="rated")
    if rated.pk == rater.pk or rated.organisation_id == rater.organisation_id:
        raise ServiceError(
            "An organisation cannot rate itself: rate the partners it worked with", field="rated"
        )
    checked = _checked_ratings(values)
    refuse_if_closed(partnership, "rate its partners")
    locked = _lock(round)
    _refuse_unless_open(locked)
    rating, created = Rating.objects.update_or_create(
        round=locked, rater=rater, rated=rated, defaults={**checked, "changed_by": actor}
    )
    event_record(
        actor=actor,
        verb="health.rating_saved",
        obj=locked,
        partnership=partnership,
        organisation=rater.organisation,
        payload={"rater": rater.pk, "rated": rated.pk, "changed": not created},
    )
    return rating


@transaction.atomic
def rating_remove(*, actor: User, rating: Rating) -> None:
    """Withdraw `rating` (the rater did not work with the partner after all) while
    its round is open; any representative of the rater may (403 for others, 409 once
    the round has closed)."""
    round = rating.round
    require(
        RATE,
        actor,
        rating.rater,
        refusal=ServiceError("You can only rate for an organisation you represent", status_code=403),
    )
    locked = _lock(round)
    _refuse_unless_open(locked)
    rater, rated = rating.rater, rating.rated
    rating.delete()
    event_record(
        actor=actor,
        verb="health.rating_removed",
        obj=locked,
        partnership=round.partnership,
        organisation=rater.organisation,
        payload={"rater": rater.pk, "rated": rated.pk},
    )
