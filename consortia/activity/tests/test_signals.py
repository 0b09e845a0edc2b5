"""Every signal, by worked examples: a few events written into last month (or read
from the services that write them), the signals computed, the figure checked by hand."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.actions.services import action_create, action_done
from consortia.activity.computation import signals_read
from consortia.activity.models import Period
from consortia.activity.selectors import SIGNAL_KEYS, signal_series
from consortia.activity.signals import SIGNALS, SIGNALS_BY_KEY
from consortia.activity.tests.logs import Log, month_start, new
from consortia.core.factories import OutcomeFactory
from consortia.meetings.services import attendance_record, meeting_schedule
from consortia.threads.services import thread_reply, thread_start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("joined_long_ago")]
NOW = timedelta(0)


def test_every_signal_key_has_one_table_entry_with_its_explanation():
    assert [s.key for s in SIGNALS] == list(SIGNAL_KEYS)
    assert all(s.how and s.label for s in SIGNALS)


def test_the_closure_ratio_counts_done_over_closed_or_fallen_due(world):
    log = Log(world)
    due_in_month = log.at(10).date().isoformat()
    a, b, c, d = new(), new(), new(), new()
    for action in (a, b, c, d):
        log.add(
            1, "partner_admin", "action.created", action, due=due_in_month, serves=False, owner_partner=None
        )
    log.add(5, "partner_admin", "action.done", a)
    log.add(6, "partner_admin", "action.done", b)
    log.add(7, "partner_admin", "action.dropped", c)
    # d fell due on day 10 and was still open at the month's end.

    signals = log.signals()

    assert signals["action_closure_ratio"]["value"] == 0.5  # 2 done / (2 done + 1 dropped + 1 overdue)
    assert signals["actions_done"]["value"] == 2
    assert signals["action_overdue_rate"]["value"] == 1.0  # d is the only open action, and overdue


def test_an_action_done_late_counts_against_the_month_it_fell_due_in(world):
    log = Log(world, months_back=2)
    late = new()
    log.add(1, "partner_admin", "action.created", late, due=log.at(5).date().isoformat(), serves=True)
    log.add(40, "partner_admin", "action.done", late)  # the next month
    log.signals()

    two_ago, last = (
        Period.objects.get(partnership=world.partnership, start=month_start(n).date()).signals for n in (2, 1)
    )
    assert two_ago["action_closure_ratio"]["value"] == 0.0
    assert two_ago["action_overdue_rate"]["value"] == 1.0
    assert last["action_closure_ratio"]["value"] == 1.0
    assert last["action_overdue_rate"]["value"] is None  # nothing open at its end


def test_the_share_of_actions_linked_counts_the_links_as_they_stand(world):
    log = Log(world)
    a, b = new(), new()
    log.add(1, "partner_admin", "action.created", a, serves=True)
    log.add(1, "partner_admin", "action.created", b, serves=False)
    log.add(2, "partner_admin", "action.updated", b, serves=True)

    assert log.value("actions_linked_share") == 1.0


def test_poll_decision_days_is_the_median_from_opening_to_outcome(world):
    log = Log(world)
    for opened, decided in ((1, 3), (2, 12), (3, 7)):
        poll = new()
        log.add(opened, "convener_admin", "poll.opened", poll)
        log.add(decided, "convener_admin", "poll.outcome_written", poll)

    assert log.value("poll_decision_days") == 4.0  # 2, 10 and 4 days


def test_first_reply_hours_is_the_median_of_replies_by_someone_else(world):
    log = Log(world)
    quick, slow, answered_by_self = new(), new(), new()
    log.add(1, "partner_admin", "thread.started", quick)
    log.add(1.25, "observer", "thread.replied", quick)  # 6 hours
    log.add(2, "partner_admin", "thread.started", slow)
    log.add(2.5, "partner_admin", "thread.replied", slow)  # the author: not a reply
    log.add(4, "convener_admin", "thread.replied", slow)  # 48 hours
    log.add(3, "observer", "thread.started", answered_by_self)  # nobody else replied: left out

    assert log.value("first_reply_hours") == 27.0  # the median of 6 and 48


def test_attendance_is_the_share_of_invited_partners_present_and_per_partner(world):
    log = Log(world)
    orgs = [world.convener_org.pk, world.core_org.pk, world.observer_org.pk]
    first, second = new(), new()
    log.add(
        3,
        "convener_admin",
        "meeting.attendance_recorded",
        first,
        organisations_invited=orgs,
        organisations_present=orgs[:1],
    )
    # Corrected the same day: the correction replaces the first record.
    log.add(
        3.1,
        "convener_admin",
        "meeting.attendance_recorded",
        first,
        organisations_invited=orgs,
        organisations_present=orgs[:2],
    )
    log.add(
        20,
        "convener_admin",
        "meeting.attendance_recorded",
        second,
        organisations_invited=orgs[:2],
        organisations_present=orgs[:2],
    )

    signal = log.signals()["meeting_attendance"]

    assert signal["value"] == 0.8  # 4 present of 5 invitations
    assert signal["detail"] == {
        str(world.convener_org.uuid): 1.0,
        str(world.core_org.uuid): 1.0,
        str(world.observer_org.uuid): 0.0,
    }


def test_participation_counts_every_partner_and_names_the_inactive(world):
    log = Log(world)
    for i in range(6):
        log.add(1 + i, "partner_admin", "thread.started", new())
    for i in range(2):
        log.add(1 + i, "convener_admin", "thread.started", new())
    log.add(9, None, "action.due_soon", new())  # the site's reminder credits nobody

    signals = log.signals()

    # Events per partner 6, 2, 0: the differences over ordered pairs sum to 24, over
    # n squared (9) that is 8/3, over twice the mean (16/3): 0.5.
    assert signals["participation_gini"]["value"] == 0.5
    assert signals["elephant_factor"]["value"] == 1
    assert signals["inactive_partners"]["value"] == 1
    assert signals["inactive_partners"]["detail"] == {str(world.observer_org.uuid): 1.0}


def test_voice_balance_counts_votes_in_the_polls_closed_in_the_month(world):
    log = Log(world)
    poll, still_open = new(), new()
    log.add(1, "convener_admin", "poll.opened", poll)
    log.add(2, "convener_admin", "vote.cast", poll)
    log.add(2, "partner_admin", "vote.cast", poll)
    log.add(2, "observer", "vote.cast", poll)
    log.add(5, None, "poll.closed", poll, automatic=True)
    log.add(1, "convener_admin", "poll.opened", still_open)
    log.add(2, "convener_admin", "vote.cast", still_open)

    assert log.value("voice_balance") == 0.0  # one vote each


def test_pledges_and_contributions_count_to_date(world):
    log = Log(world)
    kept, withdrawn, waiting = new(), new(), new()
    for pledge in (kept, withdrawn, waiting):
        log.add(1, "partner_admin", "pledge.added", pledge)
    log.add(2, "partner_admin", "pledge.removed", withdrawn)
    log.add(3, "partner_admin", "contribution.recorded", new(), value_gbp="300.00", pledge=kept)
    log.add(4, "convener_admin", "contribution.recorded", new(), value_gbp="100.00", pledge=None)
    log.add(5, "convener_admin", "contribution.recorded", new(), value_gbp="50.00", pledge=None)
    log.add(6, "convener_admin", "contribution.reversed", new(), value_gbp="-50.00")

    signals = log.signals()

    assert signals["pledged_delivered_ratio"]["value"] == 0.5  # 1 of the 2 pledges kept
    balance = signals["contribution_balance"]
    assert balance["detail"] == {
        str(world.convener_org.uuid): 100.0,
        str(world.core_org.uuid): 300.0,
        str(world.observer_org.uuid): 0.0,
    }
    assert balance["value"] == 0.5  # 0, 100, 300: differences 1,200 over 9, over 2 x 133.33


def test_interaction_density_and_talk_per_done(world):
    log = Log(world)
    thread, action = new(), new()
    log.add(1, "partner_admin", "thread.started", thread)
    log.add(2, "convener_admin", "thread.replied", thread)  # convener and core tie
    log.add(3, "convener_admin", "thread.replied", thread)
    log.add(
        4, "partner_admin", "action.created", action, owner_partner=world.core_partner.pk
    )  # own partner: no tie
    log.add(5, "partner_admin", "action.done", action)

    signals = log.signals()

    assert signals["interaction_density"]["value"] == pytest.approx(1 / 3, abs=1e-4)  # 1 of 3 pairs
    assert signals["talk_per_done"]["value"] == 3.0  # three posts, one action done


def test_the_services_write_what_the_signals_need(world):
    """The same signals from the real services: an action serving an outcome, done;
    a thread answered by another partner; a meeting's attendance."""
    convener, core_admin = world.users["convener_admin"], world.users["partner_admin"]
    action = action_create(
        core_admin,
        world.partnership,
        title="Book the hall",
        owner_partner=world.convener_partner,
        due=timezone.localdate(),
        outcome=OutcomeFactory(partnership=world.partnership),
    )
    action_done(core_admin, action)
    thread = thread_start(actor=core_admin, partnership=world.partnership, title="Venue", body="Any ideas?")
    thread_reply(actor=convener, thread=thread, body="The church hall.")
    start = timezone.now() - timedelta(hours=2)
    meeting = meeting_schedule(
        actor=convener,
        partnership=world.partnership,
        title="Board",
        place="The church hall",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        invited_partners=[world.convener_partner, world.core_partner],
        send_invitations=False,
    )
    attendance_record(
        actor=convener, meeting=meeting, statuses={convener.pk: "attended", core_admin.pk: "absent"}
    )

    signals_read(world.partnership, settle=NOW)
    series = signal_series(partnership=world.partnership)

    latest = {key: points[-1] for key, points in series.items()}
    assert latest["actions_done"].value == 1
    assert latest["action_closure_ratio"].value == 1.0
    assert latest["actions_linked_share"].value == 1.0
    assert latest["first_reply_hours"].value is not None and latest["first_reply_hours"].value < 1
    assert latest["meeting_attendance"].value == 0.5
    assert latest["meeting_attendance"].detail == {
        str(world.convener_org.uuid): 1.0,
        str(world.core_org.uuid): 0.0,
    }
    assert latest["interaction_density"].value > 0
    assert latest["actions_done"].complete is False


def test_the_signals_are_explained_in_plain_words():
    assert "median" in SIGNALS_BY_KEY["first_reply_hours"].how
    assert SIGNALS_BY_KEY["action_closure_ratio"].higher_is_better is True
    assert SIGNALS_BY_KEY["talk_per_done"].higher_is_better is False
