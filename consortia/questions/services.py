"""Every change to a partnership's questions: asking (and routing to the people
matching suggests), putting a question to one more person, answering (members, and
through the directory members of organisations outside the partnership once a
question is widened), accepting an answer and changing one's mind, turning the accepted answer into a
practice library entry, widening a question to the directory and closing it.

Each service runs in one transaction, checks the actor's permission
(consortia/questions/rules.py), refuses a closed partnership, checks what it is
given before anything is written and writes exactly one event. The events name whom
the notifications tell (consortia/questions/notifications.py) in their payloads.
"""

from collections.abc import Sequence
from datetime import date, timedelta

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.markdown import markdown_refuse_hostile
from consortia.core.services import refuse_if_closed, require
from consortia.expertise.models import Topic
from consortia.expertise.services import topic_for
from consortia.library import services as library_services
from consortia.library.models import Entry as LibraryEntry
from consortia.organisations.models import Membership, Organisation
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import is_partnership_member, partners_of_user

from .models import BODY_MAX, REASON_MAX, TITLE_MAX, Answer, Question, Route
from .selectors import Candidate, candidates

ASK = "questions.ask_in_partnership"
ANSWER = "questions.answer_question"
ANSWER_WIDENED = "questions.answer_widened_question"
ROUTE = "questions.route_question"
ACCEPT = "questions.accept_answer_question"
MANAGE = "questions.manage_question"
TOPICS_MAX = 5
TARGET_DAYS = 7


def default_target() -> date:
    """A week from today: the response target a question has unless the asker picks one."""
    return timezone.localdate() + timedelta(days=TARGET_DAYS)


def _clean_text(value: str, *, field: str, empty: str, label: str, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(empty, field=field)
    if len(value) > max_length:
        raise ServiceError(f"{label} must be {max_length:,} characters or fewer", field=field)
    markdown_refuse_hostile(value, label=label, field=field)
    return value


def _clean_topics(names: Sequence[str]) -> list[Topic]:
    names = [n for n in (" ".join((n or "").split()) for n in names) if n]
    if len(names) > TOPICS_MAX:
        raise ServiceError(f"Choose at most {TOPICS_MAX} topics", field="topics")
    topics: dict[int, Topic] = {}
    for name in names:
        topic = topic_for(name)
        topics[topic.pk] = topic
    return list(topics.values())


def _target_text(target: date) -> str:
    return date_format(target, "j F Y")


def _route(question: Question, chosen: Sequence[Candidate], routed_by: User | None) -> list[Route]:
    routes = [
        Route(
            question=question,
            user=c.user,
            organisation=c.organisation,
            reason=c.reason[:REASON_MAX],
            routed_by=routed_by,
        )
        for c in chosen
    ]
    return Route.objects.bulk_create(routes)


def question_ask(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    body: str,
    topics: Sequence[str] = (),
    target: date | None = None,
) -> Question:
    """A member asks the partnership. The question is put to the people matching
    suggests for its topics and text (never the asker), each told with the response
    target (a week from today unless chosen; never in the past)."""
    require(ASK, actor, partnership)
    refuse_if_closed(partnership, "ask it a question")
    title = " ".join(
        _clean_text(
            title, field="title", empty="Enter your question", label="The question", max_length=TITLE_MAX
        ).split()
    )
    body = _clean_text(
        body,
        field="body",
        empty="Say more about what you need to know",
        label="The details",
        max_length=BODY_MAX,
    )
    target = target or default_target()
    if target < timezone.localdate():
        raise ServiceError("The response target must be today or later", field="target")
    with transaction.atomic():
        found = _clean_topics(topics)
        question = Question.objects.create(
            partnership=partnership, asker=actor, title=title, body=body, target=target
        )
        question.topics.set(found)
        routes = _route(question, candidates(question), None)
        event_record(
            actor=actor,
            verb="questions.asked",
            obj=question,
            partnership=partnership,
            object_repr=f"{title[:140]} (response target {_target_text(target)})",
            payload={"routed": [r.user_id for r in routes], "target": target.isoformat()},
        )
    return question


def question_route(*, actor: User, question: Question, user: User) -> Route:
    """A member puts the question to one more person matching suggests for it."""
    require(ROUTE, actor, question)
    refuse_if_closed(question.partnership, "ask questions in it")
    if not question.is_open:
        raise Conflict("This question is closed.")
    with transaction.atomic():
        Question.objects.select_for_update().get(pk=question.pk)
        if question.routes.filter(user=user).exists():
            raise Conflict(f"This question was already asked of {user}.")
        chosen = next((c for c in candidates(question, limit=20) if c.user.pk == user.pk), None)
        if chosen is None:
            raise ServiceError(f"{user} is not among the people suggested for this question.")
        (route,) = _route(question, [chosen], actor)
        event_record(
            actor=actor,
            verb="questions.routed",
            obj=question,
            partnership=question.partnership,
            object_repr=f"{question.title[:140]} (response target {_target_text(question.target)})",
            payload={"routed": [user.pk], "target": question.target.isoformat()},
        )
    return route


def _answering_organisation(actor: User, question: Question) -> tuple[Organisation | None, bool]:
    """The organisation the actor answers for, and whether they answer through the directory."""
    if is_partnership_member(actor, question.partnership):
        partners = sorted(partners_of_user(actor, question.partnership), key=lambda p: p.organisation.name)
        return (partners[0].organisation if partners else None), False
    membership = (
        Membership.objects.filter(user=actor)
        .select_related("organisation")
        .order_by("organisation__name")
        .first()
    )
    return (membership.organisation if membership else None), True


def answer_post(*, actor: User, question: Question, body: str) -> Answer:
    """Answer a question: its partnership's members, or, once it is widened to the
    directory, anyone who belongs to an organisation (their organisation shown). 409
    when the question is closed; the asker is told."""
    if not may_answer(actor, question):
        raise PermissionDenied(ANSWER)
    refuse_if_closed(question.partnership, "answer its questions")
    body = _clean_text(body, field="body", empty="Enter your answer", label="The answer", max_length=BODY_MAX)
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        if locked.status != Question.Status.OPEN:
            raise Conflict("This question is closed, so it takes no more answers.")
        organisation, from_directory = _answering_organisation(actor, question)
        answer = Answer.objects.create(
            question=question,
            author=actor,
            organisation=organisation,
            from_directory=from_directory,
            body=body,
        )
        event_record(
            actor=actor,
            verb="questions.answered",
            obj=question,
            partnership=question.partnership,
            organisation=organisation,
            payload={"asker": question.asker_id, "answer": str(answer.uuid)},
        )
    return answer


def may_answer(actor: User, question: Question) -> bool:
    """May the actor answer: a member of the partnership, or anyone from an
    organisation once the question is widened."""
    return bool(rules.has_perm(ANSWER, actor, question) or rules.has_perm(ANSWER_WIDENED, actor, question))


def _require_asker(actor: User, question: Question) -> None:
    require(
        ACCEPT,
        actor,
        question,
        refusal=ServiceError("Only the person who asked the question accepts an answer"),
    )


def answer_accept(*, actor: User, answer: Answer) -> Answer:
    """The asker accepts the answer that helped; another accepted answer is
    unaccepted (the asker changed their mind). One accepted answer per question,
    held by a row lock on the question and a unique index. The answerer is told."""
    question = answer.question
    _require_asker(actor, question)
    refuse_if_closed(question.partnership, "accept answers in it")
    with transaction.atomic():
        Question.objects.select_for_update().get(pk=question.pk)
        current = Answer.objects.filter(question=question, accepted_at__isnull=False).first()
        if current is not None and current.pk == answer.pk:
            raise Conflict("You have already accepted this answer.")
        if current is not None:
            current.accepted_at = None
            current.save(update_fields=["accepted_at", "updated_at"])
        answer.accepted_at = timezone.now()
        answer.save(update_fields=["accepted_at", "updated_at"])
        event_record(
            actor=actor,
            verb="questions.answer_accepted",
            obj=question,
            partnership=question.partnership,
            payload={"answerer": answer.author_id, "answer": str(answer.uuid)},
        )
    return answer


def answer_unaccept(*, actor: User, answer: Answer) -> Answer:
    """The asker changes their mind: the answer is no longer the accepted one."""
    question = answer.question
    _require_asker(actor, question)
    refuse_if_closed(question.partnership, "accept answers in it")
    with transaction.atomic():
        Question.objects.select_for_update().get(pk=question.pk)
        if not Answer.objects.filter(pk=answer.pk, accepted_at__isnull=False).exists():
            raise Conflict("This answer is not the accepted one.")
        answer.accepted_at = None
        answer.save(update_fields=["accepted_at", "updated_at"])
        event_record(
            actor=actor,
            verb="questions.answer_unaccepted",
            obj=question,
            partnership=question.partnership,
            payload={"answer": str(answer.uuid)},
        )
    return answer


def answer_to_library(*, actor: User, answer: Answer) -> LibraryEntry:
    """The asker turns the accepted answer into a practice library entry in one step:
    a partnership-only guide titled with the question, the answer as its summary,
    tagged with the question's topics, saying where it came from (library's
    `entry_create`: its `library.entry_added` is the one event, and tells the
    members). 409 when the answer is not the accepted one or is already in the library
    (the answer's row is locked, so two clicks make one entry)."""
    question = answer.question
    require(
        ACCEPT,
        actor,
        question,
        refusal=ServiceError("Only the person who asked the question adds its answer to the library"),
    )
    refuse_if_closed(question.partnership, "add to its library")
    with transaction.atomic():
        locked = Answer.objects.select_for_update().get(pk=answer.pk)
        if locked.accepted_at is None:
            raise Conflict("Only the accepted answer can become a library entry: accept it first.")
        if locked.library_entry_id is not None:
            raise Conflict("This answer is already in the practice library.")
        who = answer.author.name if answer.author else "a former member"
        if answer.organisation is not None:
            who += f" ({answer.organisation.name})"
        entry = library_services.entry_create(
            actor=actor,
            partnership=question.partnership,
            title=question.title,
            summary=answer.body,
            kind="guide",
            evidence_level="anecdote",
            evidence_note=f"An answer from {who}, accepted by the person who asked."[:500],
            tags=[topic.name for topic in question.topics.all()],
            origin_label=f"From the accepted answer to “{question.title}”"[:300],
            origin_url=reverse("questions:detail", args=[question.partnership.uuid, question.uuid])
            + f"#{answer.anchor}",
        )
        locked.library_entry = entry
        locked.save(update_fields=["library_entry", "updated_at"])
        answer.library_entry = entry
    return entry


def _require_manager(actor: User, question: Question, doing: str) -> None:
    require(
        MANAGE,
        actor,
        question,
        refusal=ServiceError(f"Only the person who asked the question or the convener can {doing} it"),
    )


def question_widen(*, actor: User, question: Question) -> Question:
    """The asker or the convener widens a question without an accepted answer to the
    directory, where members of organisations outside the partnership may answer."""
    _require_manager(actor, question, "widen")
    refuse_if_closed(question.partnership, "widen its questions")
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        if locked.widened_at is not None:
            raise Conflict("This question is already open to the directory.")
        if locked.status != Question.Status.OPEN:
            raise Conflict("This question is closed.")
        if Answer.objects.filter(question=question, accepted_at__isnull=False).exists():
            raise Conflict("This question already has an accepted answer.")
        question.widened_at, question.widened_by = timezone.now(), actor
        question.save(update_fields=["widened_at", "widened_by", "updated_at"])
        event_record(actor=actor, verb="questions.widened", obj=question, partnership=question.partnership)
    return question


def question_close(*, actor: User, question: Question) -> Question:
    """The asker or the convener closes a question: it takes no more answers."""
    _require_manager(actor, question, "close")
    refuse_if_closed(question.partnership, "close its questions")
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        if locked.status != Question.Status.OPEN:
            raise Conflict("This question is already closed.")
        question.status, question.closed_at = Question.Status.CLOSED, timezone.now()
        question.save(update_fields=["status", "closed_at", "updated_at"])
        event_record(actor=actor, verb="questions.closed", obj=question, partnership=question.partnership)
    return question
