"""Who may record progress on outcomes (see consortia/core/rules.py).

Everyone who sees the partnership sees its progress and the advantage page
(observers, individual participants and site administrators too). The members of
partner organisations that take an active part (convener, core and associate
partners: `is_contributing_member`, the canvas's comment and the threads' post
predicate) record measurements of the canvas's indicators: the partners are the ones
who hold the figures. An observer reads only. A measurement is changed or removed by
its own organisation's members, or by the convener's and core partners' members, who
shape the canvas and answer for its indicators.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm
from consortia.organisations.rules import memberships_by_org
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import is_contributing_member, is_core_member

from .models import Measurement


@rules.predicate
def may_change_measurement(user: User | AnonymousUser, measurement: Measurement | None) -> bool:
    if measurement is None:
        return False
    partnership = measurement.indicator.outcome.partnership
    if not is_contributing_member(user, partnership):
        return False
    ours = measurement.organisation_id is not None and measurement.organisation_id in memberships_by_org(user)
    return ours or bool(is_core_member(user, partnership))


add_perm("progress.record_measurement_in_partnership", Partnership, is_contributing_member)
add_perm("progress.change_measurement", Measurement, may_change_measurement)
