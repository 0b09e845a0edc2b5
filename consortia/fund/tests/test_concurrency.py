"""Approvals proved with real threads on real connections: two people who speak for
the same organisation approving one request at once make one approval and one 409
(the request's row lock in services._locked, and the unique constraint behind it);
two organisations' approvals at once, when two are needed, approve it exactly once."""

import pytest

from consortia.accounts.models import User
from consortia.core.factories import MembershipFactory, UserFactory
from consortia.core.models import Event
from consortia.core.testing import one_success_one_conflict, run_at_once
from consortia.fund import services
from consortia.fund.models import Approval, SpendingRequest
from consortia.partnerships.models import Partner

from .conftest import submitted

pytestmark = pytest.mark.django_db(transaction=True)


def approving(request_pk: int, user_pk: int, partner_pk: int):
    def prepare():
        spending = SpendingRequest.objects.select_related("fund__partnership", "fund__host").get(
            pk=request_pk
        )
        user = User.objects.get(pk=user_pk)
        partner = Partner.objects.get(pk=partner_pk)
        return lambda: services.spending_request_approve(actor=user, spending=spending, partner=partner)

    return prepare


def test_two_approvals_for_one_organisation_at_once_make_one(fw, world):
    spending = submitted(fw, world)
    second = UserFactory(email="second@convener.example.org")
    MembershipFactory(organisation=world.convener_org, user=second, role="admin")
    convener = world.users["convener_admin"]

    results = run_at_once(
        approving(spending.pk, convener.pk, world.convener_partner.pk),
        approving(spending.pk, second.pk, world.convener_partner.pk),
    )

    one_success_one_conflict(results)
    assert Approval.objects.filter(request=spending).count() == 1
    assert Event.objects.filter(verb="spending_request.approval_given").count() == 1


def test_the_last_two_approvals_at_once_approve_the_request_once(fw, world):
    spending = submitted(fw, world)

    results = run_at_once(
        approving(spending.pk, world.users["convener_admin"].pk, world.convener_partner.pk),
        approving(spending.pk, fw.third_admin.pk, fw.third_partner.pk),
    )

    assert not [r for r in results if isinstance(r, BaseException)], results
    spending.refresh_from_db()
    assert spending.status == SpendingRequest.Status.APPROVED
    assert Event.objects.filter(verb="spending_request.approved").count() == 1
    assert Event.objects.filter(verb="spending_request.approval_given").count() == 1
