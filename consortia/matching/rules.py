"""Who may see matching's suggestions (see consortia/core/rules.py).

The partnership's members only (partners' people and individual participants): the
page names people, what they know and who endorsed them, which is the partnership's
to see, not a site admin's nor an outsider's."""

from consortia.core.rules import add_perm
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import is_partnership_member

add_perm("matching.view_suggestions_in_partnership", Partnership, is_partnership_member)
