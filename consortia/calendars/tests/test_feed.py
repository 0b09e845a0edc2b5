"""The feed itself: what it holds (poll closings, agreement review dates, from
partnerships the person is still in and nothing else), that icalendar parses it, its
headers, and the one 404 for every link that does not work."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from consortia.core.factories import (
    AgreementVersionFactory,
    CalendarFeedFactory,
    PartnerFactory,
    PartnershipFactory,
    PollFactory,
)
from consortia.organisations.services import member_leave
from consortia.partnerships.services import participant_remove, partner_leave

TOKEN = "a-token-for-the-tests-only-0123456789abcdefgh"
OTHER = "another-token-for-the-tests-only-0123456789ab"


def feed_url(token=TOKEN):
    return reverse("calendars:feed", args=[token])


def fetch(client, token=TOKEN) -> Calendar:
    response = client.get(feed_url(token))
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> set[str]:
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


def in_force(partnership, *, review_date, number=1, status="published"):
    return AgreementVersionFactory(
        partnership=partnership,
        number=number,
        status=status,
        in_force_at=timezone.now(),
        review_date=review_date,
    )


@pytest.fixture
def member_feed(world):
    return CalendarFeedFactory(user=world.users["partner_member"], token=TOKEN)


def test_it_serves_a_feed_that_icalendar_parses_with_the_poll_closing_and_the_review_date(
    world, member_feed, client
):
    closes = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    poll = PollFactory(partnership=world.partnership, title="Move the drop-in", closes_at=closes)
    version = in_force(world.partnership, review_date=date(2027, 3, 1))

    calendar = fetch(client)

    assert str(calendar["VERSION"]) == "2.0"
    assert "Consortia" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Consortia: Max Member"
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    closing = events[f"poll-{poll.uuid}-closes@127.0.0.1"]
    assert str(closing["SUMMARY"]) == "Poll closes: Move the drop-in (Carers Advice Partnership)"
    assert closing.decoded("DTSTART") == closes
    assert str(closing["URL"]).endswith(reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid]))
    assert str(closing["URL"]).startswith("http")
    assert "DTSTAMP" in closing
    assert "Carers Advice Partnership" in str(closing["DESCRIPTION"])
    review = events[f"agreement-{version.uuid}-review@127.0.0.1"]
    assert review.decoded("DTSTART") == date(2027, 3, 1)  # all day: a date, not a time
    assert review.decoded("DTEND") == date(2027, 3, 2)
    assert str(review["SUMMARY"]) == "Agreement review (Carers Advice Partnership)"


def test_it_answers_with_the_calendar_type_and_tells_caches_not_to_keep_it(world, member_feed, client):
    response = client.get(feed_url())

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert {d.strip() for d in response["Cache-Control"].split(",")} >= {"private", "no-store"}


def test_it_leaves_out_closed_polls_and_agreements_not_in_force(world, member_feed, client):
    closed = PollFactory(partnership=world.partnership, title="Done already")
    closed.status, closed.closed_at = "closed", timezone.now()
    closed.save()
    AgreementVersionFactory(partnership=world.partnership, status="draft", review_date=date(2027, 1, 1))
    AgreementVersionFactory(partnership=world.partnership, status="published", review_date=date(2027, 2, 1))

    assert summaries(fetch(client)) == set()


def test_it_shows_the_review_date_of_the_newest_version_in_force_only(world, member_feed, client):
    in_force(world.partnership, number=1, review_date=date(2027, 1, 1), status="superseded")
    newer = in_force(world.partnership, number=2, review_date=date(2028, 1, 1))

    reviews = [e for e in fetch(client).walk("VEVENT") if "review" in str(e["UID"])]

    assert [str(e["UID"]) for e in reviews] == [f"agreement-{newer.uuid}-review@127.0.0.1"]


def test_it_shows_nothing_from_a_partnership_the_person_is_not_in(world, member_feed, client):
    elsewhere = PartnershipFactory(name="Another Partnership")
    PartnerFactory(partnership=elsewhere)
    PollFactory(partnership=elsewhere, title="Not yours")
    in_force(elsewhere, review_date=date(2027, 3, 1))

    assert summaries(fetch(client)) == set()


@pytest.mark.parametrize("how", ["the partner leaves", "the person leaves the organisation"])
def test_it_drops_a_partnership_the_person_has_left(world, member_feed, client, how):
    PollFactory(partnership=world.partnership, title="Move the drop-in")
    in_force(world.partnership, review_date=date(2027, 3, 1))
    assert len(summaries(fetch(client))) == 2

    if how == "the partner leaves":
        partner_leave(actor=world.users["partner_admin"], partner=world.core_partner)
    else:
        member_leave(actor=world.users["partner_member"], organisation=world.core_org)

    assert summaries(fetch(client)) == set()


def test_it_drops_a_partnership_an_individual_participant_has_left(world, client):
    CalendarFeedFactory(user=world.users["participant"], token=TOKEN)
    PollFactory(partnership=world.partnership, title="Move the drop-in")
    assert summaries(fetch(client)) == {"Poll closes: Move the drop-in (Carers Advice Partnership)"}

    participant_remove(actor=world.users["participant"], participant=world.participant)

    assert summaries(fetch(client)) == set()


def test_it_shows_each_partnership_of_a_person_in_several(world, member_feed, client):
    second = PartnershipFactory(name="Second Partnership")
    PartnerFactory(partnership=second, organisation=world.core_org, role="core")
    PollFactory(partnership=second, title="Second question")
    PollFactory(partnership=world.partnership, title="First question")

    assert summaries(fetch(client)) == {
        "Poll closes: Second question (Second Partnership)",
        "Poll closes: First question (Carers Advice Partnership)",
    }


def refused(client, token):
    """The answer's status and body, without the CSRF token (masked anew each time)."""
    response = client.get(feed_url(token))
    return response.status_code, re.sub(rb'"X-CSRFToken": "[^"]*"', b"", response.content)


def test_it_answers_the_same_404_for_a_forged_a_revoked_and_a_deactivated_persons_link(world, client):
    CalendarFeedFactory(user=world.users["observer"], token=OTHER, revoked_at=timezone.now())
    CalendarFeedFactory(user=world.users["partner_member"], token=TOKEN)
    world.users["partner_member"].is_active = False
    world.users["partner_member"].save()

    forged = refused(client, "made-up-token-made-up-token-made-up-token-xx")
    revoked = refused(client, OTHER)
    deactivated = refused(client, TOKEN)

    assert forged[0] == 404
    assert forged == revoked == deactivated
    assert b"This calendar feed does not work" in forged[1]


def test_it_refuses_a_token_too_long_to_be_one_of_ours_without_hashing_it(world, client):
    CalendarFeedFactory(user=world.users["partner_member"], token="x" * 101)

    assert client.get(feed_url("x" * 101)).status_code == 404


def test_it_answers_405_to_a_post_with_a_working_link_and_404_with_a_forged_one(world, member_feed, client):
    assert client.post(feed_url()).status_code == 405
    assert client.post(feed_url("made-up")).status_code == 404


def test_it_serves_a_head_request(world, member_feed, client):
    assert client.head(feed_url()).status_code == 200


def test_it_keeps_the_review_date_in_force_while_a_newer_version_awaits_endorsement(
    world, member_feed, client
):
    current = in_force(world.partnership, number=1, review_date=date(2027, 1, 1), status="superseded")
    AgreementVersionFactory(
        partnership=world.partnership, number=2, status="published", review_date=date(2028, 1, 1)
    )

    [review] = fetch(client).walk("VEVENT")

    assert str(review["UID"]) == f"agreement-{current.uuid}-review@127.0.0.1"
    assert review.decoded("DTSTART") == date(2027, 1, 1)
