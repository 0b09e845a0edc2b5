"""Who may do what on the canvas (see consortia/core/rules.py).

The convener and core partners shape purpose, outcomes and needs; every active
partner records its own pledges; participants comment; observers read.
"""

from consortia.core.rules import add_perm
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import (
    is_contributing_member,
    is_core_member,
    is_participant,
    is_partner_contributor,
    is_partnership_member,
)

add_perm("canvas.edit_canvas_of_partnership", Partnership, is_core_member)
add_perm("canvas.comment_in_partnership", Partnership, is_contributing_member | is_participant)
add_perm("canvas.pledge_for_partner", Partner, is_partner_contributor)
# Downloads are for the partnership's own people: site administrators, who may view
# any partnership for support, do not take its data away.
add_perm("canvas.export_partnership", Partnership, is_partnership_member)
