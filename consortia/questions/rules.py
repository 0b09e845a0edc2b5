"""Who may do what with questions (see consortia/core/rules.py).

Everyone who sees the partnership (its members and site admins) reads its questions.
Its members (partners' people and individual participants) ask, answer and put a
question to one more suggested person. The asker accepts an answer (and changes their
mind); the asker or whoever speaks for the convening partner widens a question to the
directory or closes it. A widened question is read, and answered, by anyone signed in
who belongs to an organisation; nothing else of the partnership is theirs to see.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.organisations.models import Membership
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import convener, is_partnership_member, speaks_for

from .models import Question


def belongs_to_an_organisation(user: User | AnonymousUser) -> bool:
    """Signed in and a member of at least one organisation (cached on the user)."""
    if not user.is_authenticated:
        return False
    cache = user.__dict__.setdefault("_questions_cache", {})
    if "orgs" not in cache:
        cache["orgs"] = Membership.objects.filter(user_id=user.pk).exists()
    return bool(cache["orgs"])


@rules.predicate
def sees_questions_partnership(user: User | AnonymousUser, question: Question | None) -> bool:
    return question is not None and bool(
        is_partnership_member(user, question.partnership) or is_site_admin(user)
    )


@rules.predicate
def member_of_questions_partnership(user: User | AnonymousUser, question: Question | None) -> bool:
    return question is not None and bool(is_partnership_member(user, question.partnership))


@rules.predicate
def asked_it(user: User | AnonymousUser, question: Question | None) -> bool:
    return question is not None and user.is_authenticated and question.asker_id == user.pk


@rules.predicate
def speaks_for_convener(user: User | AnonymousUser, question: Question | None) -> bool:
    return question is not None and bool(speaks_for(user, convener(question.partnership)))


@rules.predicate
def reads_in_directory(user: User | AnonymousUser, question: Question | None) -> bool:
    return question is not None and question.widened_at is not None and belongs_to_an_organisation(user)


@rules.predicate
def may_ask(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    return bool(is_partnership_member(user, partnership))


add_perm("questions.ask_in_partnership", Partnership, may_ask)
add_perm("questions.view_question", Question, sees_questions_partnership)
add_perm("questions.answer_question", Question, member_of_questions_partnership)
add_perm("questions.route_question", Question, member_of_questions_partnership)
add_perm("questions.accept_answer_question", Question, member_of_questions_partnership & asked_it)
add_perm(
    "questions.manage_question", Question, member_of_questions_partnership & (asked_it | speaks_for_convener)
)
add_perm("questions.read_widened_question", Question, reads_in_directory)
add_perm("questions.answer_widened_question", Question, reads_in_directory)
