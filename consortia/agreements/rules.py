"""Who may do what with the agreement (see consortia/core/rules.py).

Core members draft, the convener's admins publish, and each required partner (the
convener and the core partners) endorses through its admin or representative.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import is_convener_admin, is_core_member, speaks_for

# Who must endorse a version: the partners that share the work and the decisions.
ENDORSING_ROLES = (Partner.Role.CONVENER, Partner.Role.CORE)


@rules.predicate
def is_endorsing_partner(user: User | AnonymousUser, partner: Partner | None) -> bool:
    return partner is not None and partner.role in ENDORSING_ROLES


add_perm("agreements.edit_draft_of_partnership", Partnership, is_core_member)
add_perm("agreements.publish_for_partnership", Partnership, is_convener_admin)
add_perm("agreements.endorse_for_partner", Partner, is_endorsing_partner & speaks_for)
