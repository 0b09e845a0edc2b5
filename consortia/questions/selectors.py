"""Reads for questions: the partnership's list (open, unanswered, answered, closed,
with counts; unanswered questions past their target first), a question with its
answers and who it was asked of, the people one could still put it to, the widened
questions of the directory, and a partnership's count of unanswered questions."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from consortia.accounts.models import User
from consortia.expertise.models import Topic
from consortia.matching.selectors import suggestions
from consortia.notifications.audiences import speakers_for
from consortia.organisations.models import Membership, Organisation
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners

from .models import Answer, Question, Route

FILTERS = {
    "open": "Open",
    "unanswered": "Unanswered",
    "answered": "Answered",
    "closed": "Closed",
}
ROUTE_LIMIT = 5


def _annotated(questions: QuerySet[Question]) -> QuerySet[Question]:
    accepted = Answer.objects.filter(question=OuterRef("pk"), accepted_at__isnull=False)
    return questions.annotate(answer_count=Count("answers"), has_accepted=Exists(accepted))


def _filter_q(show: str) -> Q:
    if show == "unanswered":
        return Q(status=Question.Status.OPEN, answer_count=0)
    if show == "answered":
        return Q(has_accepted=True)
    if show == "closed":
        return Q(status=Question.Status.CLOSED, has_accepted=False)
    return Q(status=Question.Status.OPEN, has_accepted=False)


@dataclass
class QuestionList:
    questions: Sequence[Question]
    counts: dict[str, int]
    show: str
    today: date


def question_list(partnership: Partnership, *, show: str = "open") -> QuestionList:
    """The partnership's questions under `show` (one of FILTERS): unanswered questions
    past their response target first, then by target, then newest; each with
    `answer_count`, `has_accepted` and `past_target`, its asker and topics; and the count
    under every filter. Three queries whatever the number."""
    show = show if show in FILTERS else "open"
    today = timezone.localdate()
    base = _annotated(Question.objects.filter(partnership=partnership))
    counts = base.aggregate(**{key: Count("pk", filter=_filter_q(key)) for key in FILTERS})
    overdue = Case(
        When(status=Question.Status.OPEN, answer_count=0, target__lt=today, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    questions = list(
        base.filter(_filter_q(show))
        .select_related("asker")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("key")))
        .annotate(overdue=overdue)
        .order_by("overdue", "target", "-created_at", "-pk")
    )
    for question in questions:
        question.partnership = partnership
        question.past_target = question.overdue == 0  # type: ignore[attr-defined]
    return QuestionList(questions, {k: counts[k] or 0 for k in FILTERS}, show, today)


def unanswered_count(partnership: Partnership) -> int:
    """Open questions nobody has answered yet (for the partnership's home page)."""
    return (
        Question.objects.filter(partnership=partnership, status=Question.Status.OPEN)
        .filter(~Exists(Answer.objects.filter(question=OuterRef("pk"))))
        .count()
    )


def answers_of(question: Question) -> list[Answer]:
    """The question's answers, oldest first, with their authors and organisations (and
    the library entry an accepted one became)."""
    answers = list(question.answers.select_related("author", "organisation", "library_entry"))
    for answer in answers:
        answer.question = question
    return answers


def routes_of(question: Question) -> list[Route]:
    """Who the question was asked of, and why."""
    return list(question.routes.select_related("user", "organisation"))


def question_is_past_target(question: Question, answers: list[Answer]) -> bool:
    """Whether an open question has no answer and its response target has passed (the
    day after the target; the answers are those already read, so no query)."""
    return question.is_open and not answers and question.target < timezone.localdate()


@dataclass(frozen=True)
class Candidate:
    """One person the question could be put to: with the partner organisation they
    would answer for (an organisation suggested reaches its representatives) and why."""

    user: User
    organisation: Organisation | None
    reason: str


def candidates(
    question: Question,
    *,
    limit: int = ROUTE_LIMIT,
    routed: Collection[int] | None = None,
    topics: Sequence[Topic] | None = None,
) -> list[Candidate]:
    """The people matching suggests for the question, best first, never the asker nor
    anyone it was already asked of: a suggested organisation of the partnership stands
    for its representatives (its admins when it named none). A constant number of
    queries (what matching costs, one for people's organisations and, for each
    suggested organisation (at most `limit`), its speakers). `routed` (the user ids
    already asked) and `topics`, when the caller has them, save a query each."""
    if routed is None:
        routed = set(question.routes.values_list("user_id", flat=True))
    if topics is None:
        topics = list(question.topics.all())
    excluded = set(routed) | ({question.asker_id} if question.asker_id else set())
    found = suggestions(
        question.partnership,
        text=f"{question.title}\n{question.body}",
        topics=topics,
        exclude_users=excluded,
        limit=limit + len(excluded),
    )
    out: list[Candidate] = []
    seen = set(excluded)
    active = active_partners(question.partnership)
    suggested_orgs = {s.organisation.pk for s in found if s.user is None and s.organisation is not None}
    partners = {p.organisation_id: p for p in active if p.organisation_id in suggested_orgs}
    speakers: dict[int, set[int]] = {org_id: speakers_for([p.pk]) for org_id, p in partners.items()}
    people = (
        {u.pk: u for u in User.objects.filter(pk__in=set().union(*speakers.values()))} if speakers else {}
    )
    # A person suggested without an organisation answers for their partner organisation here.
    partner_orgs = {p.organisation_id: p.organisation for p in active}
    person_ids = [s.user.pk for s in found if s.user is not None and s.organisation is None]
    org_of: dict[int, Organisation] = {}
    if person_ids:
        for user_id, org_id in (
            Membership.objects.filter(user_id__in=person_ids, organisation_id__in=list(partner_orgs))
            .order_by("organisation__name")
            .values_list("user_id", "organisation_id")
        ):
            org_of.setdefault(user_id, partner_orgs[org_id])
    for s in found:
        if s.user is not None:
            if s.user.pk not in seen:
                seen.add(s.user.pk)
                out.append(Candidate(s.user, s.organisation or org_of.get(s.user.pk), s.why))
        elif s.organisation is not None and s.organisation.pk in partners:
            for user_id in sorted(speakers.get(s.organisation.pk, set())):
                if user_id not in seen and user_id in people:
                    seen.add(user_id)
                    reason = f"speaks for {s.organisation.name}" + (f": {s.why}" if s.why else "")
                    out.append(Candidate(people[user_id], s.organisation, reason))
    return out[:limit]


def directory_questions() -> list[Question]:
    """The questions widened to the directory, open ones first, newest first, with
    their answer counts and topics (never their partnership's other content)."""
    return list(
        _annotated(Question.objects.filter(widened_at__isnull=False))
        .select_related("asker")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("key")))
        .annotate(
            closed=Case(
                When(status=Question.Status.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("closed", "-widened_at", "-pk")
    )
