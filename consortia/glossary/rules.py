"""Who may do what with the glossary (see consortia/core/rules.py).

Everyone who sees the partnership reads its glossary. Its members (partners' people
and individual participants) suggest terms. The approvers decide on suggestions, edit
and retire terms: whoever speaks for the convening partner (its admins and named
representatives) and, when the convener names a working group as the glossary's
stewards, that group's members. The convener's admins name the stewards.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.groups.rules import is_group_member
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import convener, is_convener_admin, is_partnership_member, speaks_for

from .models import Term
from .selectors import glossary_of


@rules.predicate
def approves_glossary(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    """Speaks for the convening partner, or is a member of the stewards group."""
    if partnership is None or not user.is_authenticated:
        return False
    if speaks_for(user, convener(partnership)):
        return True
    glossary = glossary_of(partnership)
    stewards = glossary.stewards if glossary is not None else None
    return stewards is not None and not stewards.is_archived and bool(is_group_member(user, stewards))


@rules.predicate
def sees_partnership(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    return partnership is not None and bool(is_partnership_member(user, partnership) or is_site_admin(user))


@rules.predicate
def approves_terms_glossary(user: User | AnonymousUser, term: Term | None) -> bool:
    return term is not None and bool(approves_glossary(user, term.partnership))


@rules.predicate
def sees_term(user: User | AnonymousUser, term: Term | None) -> bool:
    return term is not None and bool(sees_partnership(user, term.partnership))


add_perm("glossary.suggest_term_in_partnership", Partnership, is_partnership_member)
add_perm("glossary.approve_terms_in_partnership", Partnership, approves_glossary)
add_perm("glossary.name_stewards_of_partnership", Partnership, is_convener_admin)
add_perm("glossary.view_term", Term, sees_term)
add_perm("glossary.decide_term", Term, approves_terms_glossary)
