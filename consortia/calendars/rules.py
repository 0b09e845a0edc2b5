"""Who may do what with calendar feeds: a signed-in, active person makes and revokes
their own feed link, and nobody else's (site admins included: a feed shows what its
owner sees). Fetching a feed needs no sign-in: the link's token is the authority
(views.feed)."""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm


@rules.predicate
def is_themselves(user: User | AnonymousUser, person: User | None) -> bool:
    return person is not None and user.is_authenticated and user.is_active and user.pk == person.pk


add_perm("calendars.keep_feed_of_user", User, is_themselves)
