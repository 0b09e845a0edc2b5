"""The convener acts on the health radar's warning, in a real browser (issue 12).

Ada's trust convenes the partnership with Grace's advice centre, and next month's
partnership meeting is scheduled. The radar's inputs are shaped like the demo's
(replies and polls three times slower in the last two months, fewer actions closed,
trust "borderline" in the health check): on this branch the contract selectors are
stubs, so the journey sets what they answer; after the merge the lead's journey reads
the real health check and the demo's history instead. Ada opens the radar, sees the
warning with its evidence, and adds a remedy for trust to the next meeting's agenda in
one click; the meeting's page shows it with its notes. Grace, who may not change the
meeting, sees the remedies but no button, on a 360 px wide screen. Every page is
checked with axe.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD
from consortia.meetings.services import meeting_schedule
from consortia.radar import selectors
from consortia.radar.tests.fakes import demo_shaped, factor

from .scenes import ADA_EMAIL, GRACE_EMAIL, two_partners

pytestmark = pytest.mark.browser

REMEDY = "Set a modest shared aim that can be won quickly"
AGENDA_ITEM = "A small shared aim we can achieve in the next month"
ADD = "Add to the next meeting\u2019s agenda"  # the button, for every remedy


def radar_inputs_like_the_demos(monkeypatch) -> None:
    """What the three contract selectors answer: the demo's slow-down and trust on watch."""
    signals = demo_shaped(timezone.localdate())
    trust = [
        factor("trust", "borderline", label="Trust"),
        factor("vision", "strength", label="Shared vision"),
    ]
    monkeypatch.setattr(selectors, "signal_series", lambda *, partnership, periods=6: signals)
    monkeypatch.setattr(selectors, "factor_scores_latest", lambda *, partnership: trust)
    monkeypatch.setattr(selectors, "outcome_progress", lambda *, partnership: [])


def next_meeting_scheduled(partnership, ada):
    starts = timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=14)
    return meeting_schedule(
        actor=ada,
        partnership=partnership,
        title="January partnership meeting",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Northshire Carers Trust, meeting room 1",
        send_invitations=False,
    )


def convener_adds_a_remedy_for_trust(ada, partnership_url) -> None:
    page = ada.page
    ada.open(f"{partnership_url}radar/", heading="Health radar")
    expect(page.locator("#radar-level")).to_contain_text("Warning")
    expect(page.locator("#mark-slow_pace")).to_contain_text(
        "First replies to threads took a median of 20 hours"
    )
    trust = page.get_by_role("region", name="Trust")
    expect(trust).to_contain_text("Partners rate “Trust” as borderline, worth discussing.")
    ada.follow(
        trust.get_by_role("button", name=f"{ADD} \u2013 {REMEDY}"),
        heading="Health radar",
    )
    expect(page.get_by_role("alert")).to_contain_text(
        "The remedy is on the agenda of January partnership meeting"
    )
    expect(trust).to_contain_text("On the agenda")
    ada.follow(
        trust.get_by_role("link", name="January partnership meeting"), heading="January partnership meeting"
    )
    expect(page.get_by_role("strong").filter(has_text=AGENDA_ITEM)).to_be_visible()
    expect(page.get_by_text("Suggested by the partnership's health radar, answering “Trust”")).to_be_visible()


def test_the_convener_puts_a_remedy_for_a_warning_on_the_next_agenda(new_visitor, audit, monkeypatch):
    radar_inputs_like_the_demos(monkeypatch)
    partnership, ada_user, _ = two_partners()
    next_meeting_scheduled(partnership, ada_user)
    partnership_url = f"/partnerships/{partnership.uuid}/"

    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    convener_adds_a_remedy_for_trust(ada, partnership_url)

    # Grace may not change the meeting: the remedies, without the button, on a small phone.
    grace = new_visitor("Grace")
    grace.sign_in(GRACE_EMAIL, PASSWORD, lands_on="Hello, Grace Hopper")
    grace.page.set_viewport_size({"width": 360, "height": 780})
    grace.open(f"{partnership_url}radar/", heading="Health radar")
    expect(grace.page.get_by_text(REMEDY).first).to_be_visible()
    expect(grace.page.get_by_role("button", name=ADD)).to_have_count(0)
    scroll_width = grace.page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the radar scrolls sideways at 360 px ({scroll_width} px wide)"

    audit.assert_clean()
