"""Fetch a measurement *within* a partnership the caller already fetched for the user
(consortia.partnerships.access): missing, another partnership's and not allowed all
answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import Measurement

CHANGE = "progress.change_measurement"


def measurement_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str = CHANGE
) -> Measurement:
    """The measurement `uuid` of one of `partnership`'s indicators, with its indicator
    and outcome (sharing the partnership already loaded, and so its partners); 404
    when there is none or `perm` is not the user's."""
    measurement = (
        Measurement.objects.filter(uuid=uuid, indicator__outcome__partnership=partnership)
        .select_related("indicator__outcome")
        .first()
    )
    if measurement is not None:
        measurement.indicator.outcome.partnership = partnership
    if measurement is None or not rules.has_perm(perm, user, measurement):
        raise Http404("No such measurement.")
    return measurement
