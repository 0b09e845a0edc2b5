"""Fetch a glossary term *within* a partnership the caller already fetched for the
user (consortia.partnerships.access): missing, another partnership's and not allowed
all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import Term

VIEW = "glossary.view_term"


def term_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str = VIEW
) -> Term:
    """The partnership's term `uuid` with its definitions; 404 when there is none or
    `perm` is not the user's."""
    term = Term.objects.filter(partnership=partnership, uuid=uuid).prefetch_related("definitions").first()
    if term is not None:
        term.partnership = partnership
    if term is None or not rules.has_perm(VIEW, user, term) or not rules.has_perm(perm, user, term):
        raise Http404("No such term.")
    return term
