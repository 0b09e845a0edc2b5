"""Who may run a poll's public consultation (see consortia/core/rules.py).

The poll's manager (whoever opened it, while still in the partnership, or the
convener's admins: decisions' `manages_poll`) opens and closes the consultation,
makes its links, moderates responses and alone sees respondents' names and emails.
The public pages need no permission, only a secret link.
"""

from consortia.core.rules import add_perm
from consortia.decisions.models import Poll
from consortia.decisions.rules import manages_poll

add_perm("consultations.manage_consultation_of_poll", Poll, manages_poll)
