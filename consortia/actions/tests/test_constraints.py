"""The database holds the action's invariants itself, so a change made by hand (a
shell, a data migration) cannot break them: exactly one owner, a reason when dropped
and only then, and when it was closed exactly when it is closed."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.actions.models import Action
from consortia.core.factories import ActionFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def _refused(**fields):
    action = ActionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(**fields)


def test_an_action_has_an_owner():
    _refused(owner_user=None)


def test_an_action_has_only_one_owner():
    action = ActionFactory()
    partner = PartnerFactory(partnership=action.partnership)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(owner_partner=partner)


def test_a_dropped_action_has_a_reason():
    _refused(status="dropped", closed_at=timezone.now())


def test_an_open_action_has_no_drop_reason():
    _refused(drop_reason="Not needed")


def test_a_closed_action_says_when():
    _refused(status="done")


def test_an_open_action_has_no_closing_time_or_closer():
    _refused(closed_at=timezone.now())
    action = ActionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(closed_by=action.owner_user)


def test_the_status_is_one_of_three():
    _refused(status="maybe", closed_at=timezone.now())


def test_a_consistent_dropped_action_is_accepted():
    action = ActionFactory()
    Action.objects.filter(pk=action.pk).update(
        status="dropped", drop_reason="No need", closed_at=timezone.now()
    )

    assert Action.objects.get(pk=action.pk).status == "dropped"
