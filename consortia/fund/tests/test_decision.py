"""A request above the agreement's threshold is decided by a poll in the decisions
app: approvals by organisation are refused for it; the poll is opened from the
request; when the poll closes (by hand, or by the scheduled close) the request is
settled from its outcome, approved when "agree" carries with the quorum, refused
otherwise; the scheduled job settles any the listener missed, once."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.errors import Conflict
from consortia.core.models import Event
from consortia.decisions import services as decisions
from consortia.decisions.models import Poll
from consortia.fund import services
from consortia.fund.models import SpendingRequest

from .conftest import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(fw, world):
    return submitted(fw, world, amount="900.00", vat="0")


def _vote_and_close(world, fw, spending, choice, django_capture_on_commit_callbacks):
    poll = services.spending_request_decision_open(actor=world.users["convener_admin"], spending=spending)
    for user in (world.users["convener_admin"], world.users["partner_admin"], fw.third_admin):
        decisions.vote_cast(actor=user, poll=poll, choice=choice)
    with django_capture_on_commit_callbacks(execute=True):
        decisions.poll_close(actor=world.users["convener_admin"], poll=poll)
    spending.refresh_from_db()
    return spending


def test_it_sends_a_request_above_the_threshold_to_a_decision(fw, world, big):
    assert big.needs_decision
    with pytest.raises(Conflict, match="poll"):
        services.spending_request_approve(
            actor=world.users["convener_admin"], spending=big, partner=world.convener_partner
        )
    poll = services.spending_request_decision_open(actor=world.users["convener_admin"], spending=big)
    big.refresh_from_db()
    assert (big.poll, poll.kind, poll.status) == (poll, "proposal", "open")
    with pytest.raises(Conflict, match="already"):
        services.spending_request_decision_open(actor=world.users["convener_admin"], spending=big)


def test_it_approves_the_request_when_the_poll_agrees(fw, world, big, django_capture_on_commit_callbacks):
    spending = _vote_and_close(world, fw, big, "agree", django_capture_on_commit_callbacks)
    assert spending.status == SpendingRequest.Status.APPROVED
    event = Event.objects.get(verb="spending_request.approved")
    assert event.actor is None and event.payload["by_poll"] is True
    services.spending_request_pay(actor=world.users["convener_admin"], spending=spending)


def test_it_refuses_the_request_when_the_poll_disagrees(fw, world, big, django_capture_on_commit_callbacks):
    spending = _vote_and_close(world, fw, big, "disagree", django_capture_on_commit_callbacks)
    assert spending.status == SpendingRequest.Status.REJECTED
    assert "did not agree" in spending.reason


def test_the_scheduled_job_settles_a_request_the_listener_missed_once(fw, world, big):
    poll = services.spending_request_decision_open(actor=world.users["convener_admin"], spending=big)
    decisions.vote_cast(actor=fw.third_admin, poll=poll, choice="agree")
    decisions.vote_cast(actor=world.users["convener_admin"], poll=poll, choice="agree")
    Poll.objects.filter(pk=poll.pk).update(status="closed", closed_at=timezone.now())  # no listener ran

    assert services.spending_requests_settle_due.call() == 1
    assert services.spending_requests_settle_due.call() == 0
    big.refresh_from_db()
    assert big.status == SpendingRequest.Status.APPROVED
    assert Event.objects.filter(verb="spending_request.approved").count() == 1


def test_the_request_page_links_its_poll(fw, world, big, client_for):
    poll = services.spending_request_decision_open(actor=world.users["convener_admin"], spending=big)
    response = client_for("observer").get(reverse("fund:request", args=[world.partnership.uuid, big.uuid]))
    assert reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid]) in response.content.decode()
    assert "decides it by a poll" in response.content.decode()


def test_the_settling_job_is_scheduled(settings):
    assert {"task": "consortia.fund.services.spending_requests_settle_due", "cron": "*/15 * * * *"} in (
        settings.SCHEDULED_TASKS.values()
    )
