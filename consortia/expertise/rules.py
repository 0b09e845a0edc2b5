"""Who may do what with people's expertise (see consortia/core/rules.py).

Everyone who sees the partnership sees its expertise map (site admins too). Its
members (partners' people and individual participants) add their own expertise and
remove it. Members of a partner organisation endorse others' expertise (whether the
endorsed person is of another organisation is the service's check, with a message);
individual participants speak for no organisation, so they do not endorse. The
convener's admins and site admins merge topics.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import is_convener_admin, is_partnership_member, partners_of_user

from .models import PersonExpertise


@rules.predicate
def sees_map(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    return partnership is not None and bool(is_partnership_member(user, partnership) or is_site_admin(user))


@rules.predicate
def owns_expertise(user: User | AnonymousUser, expertise: PersonExpertise | None) -> bool:
    return expertise is not None and user.is_authenticated and expertise.user_id == user.pk


@rules.predicate
def may_endorse(user: User | AnonymousUser, expertise: PersonExpertise | None) -> bool:
    return expertise is not None and bool(partners_of_user(user, expertise.partnership))


add_perm("expertise.view_expertise_in_partnership", Partnership, sees_map)
add_perm("expertise.add_expertise_in_partnership", Partnership, is_partnership_member)
add_perm("expertise.merge_topics_in_partnership", Partnership, is_convener_admin | is_site_admin)
add_perm("expertise.delete_personexpertise", PersonExpertise, owns_expertise)
add_perm("expertise.endorse_personexpertise", PersonExpertise, may_endorse)
