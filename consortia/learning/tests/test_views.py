"""The learning log's pages: the log (open or all, by source), recording a lesson
directly, from a closed poll (the link on the poll's page) and from a meeting (the
link on the meeting's page, resolved by meetings/lessons.py), refusals shown with a
4xx and nothing written, marking reviewed from the meeting's "Lessons to review" and
from the lesson's page, status changes told to other members, hostile Markdown inert,
and lessons in search and the owner's calendar feed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from consortia.core.factories import (
    CalendarFeedFactory,
    LessonFactory,
    MeetingFactory,
    PartnershipFactory,
    PollFactory,
)
from consortia.core.testing import IMG, SCRIPT, assert_inert, inline_error, problem_message, signed_in, text
from consortia.learning.models import Lesson
from consortia.search.testing import found

from .helpers import closed_poll, record

pytestmark = pytest.mark.django_db


def url(world, name="learning:list", *args):
    return reverse(name, args=[world.partnership.uuid, *args])


def form(world, **overrides):
    return {
        "what_happened": "The drop-in clashed with half term.",
        "what_we_learned": "Check the school holidays first.",
        "what_we_will_change": "Holidays in the shared calendar.",
        "owner": str(world.users["partner_member"].uuid),
        "due": "",
        "source_kind": "other",
        "source_label": "",
        **overrides,
    }


def past_meeting(partnership, **kwargs):
    starts = timezone.now() - timedelta(days=1)
    return MeetingFactory(
        partnership=partnership, starts_at=starts, ends_at=starts + timedelta(hours=1), **kwargs
    )


def test_the_log_shows_open_lessons_and_filters_by_status_and_source(world):
    LessonFactory(partnership=world.partnership, what_we_learned="Open from a meeting", source_kind="meeting")
    LessonFactory(
        partnership=world.partnership,
        what_we_learned="Changed already",
        status="changed",
        closed_at=timezone.now(),
    )
    LessonFactory(partnership=PartnershipFactory(), what_we_learned="Someone else's")
    client = signed_in(world.users["observer"])
    page = text(client.get(url(world)))
    assert "Open from a meeting" in page and "Changed already" not in page and "Someone else" not in page
    page = text(client.get(url(world), {"status": "all"}))
    assert "Open from a meeting" in page and "Changed already" in page
    page = text(client.get(url(world), {"status": "all", "source": "other"}))
    assert "Open from a meeting" not in page and "Changed already" in page


def test_a_member_records_a_lesson_directly(world):
    client = signed_in(world.users["participant"])
    assert "Record a lesson" in text(client.get(url(world)))
    response = client.post(
        url(world, "learning:new"), form(world, source_kind="exchange", source_label="Job shadowing")
    )
    lesson = Lesson.objects.get()
    assert response.status_code == 302 and response["Location"] == url(world, "learning:detail", lesson.uuid)
    assert (lesson.source_kind, lesson.source_label, lesson.owner) == (
        "exchange",
        "Job shadowing",
        world.users["partner_member"],
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"what_we_learned": ""}, "what_we_learned", "Say what we learned"),
        ({"owner": "not-a-uuid"}, "owner", "Choose someone in the partnership"),
        ({"due": "2001-01-01"}, "due", "today or later"),
        ({"due": "31/02/2027"}, "due", "Enter a real date"),
    ],
    ids=["nothing learned", "unknown owner", "past due date", "not a date"],
)
def test_bad_input_is_refused_on_the_form_and_nothing_written(world, overrides, field, message):
    response = signed_in(world.users["partner_member"]).post(
        url(world, "learning:new"), form(world, **overrides)
    )
    assert response.status_code == 400
    assert message in inline_error(response, field)
    assert not Lesson.objects.exists()


def test_an_owner_outside_the_partnership_is_refused(world):
    response = signed_in(world.users["partner_member"]).post(
        url(world, "learning:new"), form(world, owner=str(world.users["outsider"].uuid))
    )
    assert response.status_code == 400 and not Lesson.objects.exists()


def test_a_closed_polls_page_links_to_recording_a_lesson_from_it(world):
    poll = closed_poll(world.partnership, title="Move the drop-in")
    client = signed_in(world.users["partner_member"])
    new = f"{url(world, 'learning:new')}?poll={poll.uuid}"
    assert new in text(client.get(reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid])))
    open_poll = PollFactory(partnership=world.partnership)
    page = text(client.get(reverse("decisions:detail", args=[world.partnership.uuid, open_poll.uuid])))
    assert "Record a lesson from this poll" not in page

    assert "The closed poll “Move the drop-in”" in text(client.get(new))
    response = client.post(new, form(world, source_kind="", source_label=""))
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert lesson.poll == poll and lesson.source_kind == "poll" and lesson.source_label == "Move the drop-in"


@pytest.mark.parametrize("which", ["open", "another partnership's"])
def test_a_poll_still_open_or_of_another_partnership_is_refused(world, which):
    poll = (
        PollFactory(partnership=world.partnership) if which == "open" else closed_poll(PartnershipFactory())
    )
    response = signed_in(world.users["partner_member"]).post(
        f"{url(world, 'learning:new')}?poll={poll.uuid}", form(world)
    )
    assert response.status_code == 400 and not Lesson.objects.exists()


def test_an_unknown_poll_or_meeting_answers_400_with_a_message(world):
    client = signed_in(world.users["partner_member"])
    for query in ("poll=nope", f"meeting={past_meeting(PartnershipFactory()).uuid}"):
        response = client.get(f"{url(world, 'learning:new')}?{query}")
        assert response.status_code == 400
        assert "of this partnership" in problem_message(response)


def test_a_meeting_page_records_a_lesson_from_the_meeting(world):
    meeting = past_meeting(world.partnership, title="Steering group")
    client = signed_in(world.users["partner_admin"])
    meeting_url = reverse("meetings:detail", args=[world.partnership.uuid, meeting.uuid])
    new = f"{url(world, 'learning:new')}?meeting={meeting.uuid}"
    assert new in text(client.get(meeting_url))
    assert "The meeting “Steering group," in text(client.get(new))
    assert client.post(new, form(world)).status_code == 302
    lesson = Lesson.objects.get()
    assert (lesson.source_kind, lesson.source_url, lesson.source_key) == (
        "meeting",
        meeting_url,
        str(meeting.uuid),
    )
    assert lesson.source_label.startswith("Steering group, ")


def test_lessons_to_review_are_listed_on_the_meeting_and_marked_reviewed_there(world):
    from consortia.meetings.models import AgendaItem

    meeting = past_meeting(world.partnership)
    AgendaItem.objects.create(meeting=meeting, kind="lessons", title="Lessons to review", position=1)
    lesson = record(world, what_we_learned="Ask carers first")
    meeting_url = reverse("meetings:detail", args=[world.partnership.uuid, meeting.uuid])
    client = signed_in(world.users["observer"])
    page = text(client.get(meeting_url))
    assert "Ask carers first" in page and "Mark reviewed" in page

    response = client.post(
        url(world, "learning:reviewed", lesson.uuid), {"meeting": str(meeting.uuid), "back": "meeting"}
    )
    assert response.status_code == 302 and response["Location"] == meeting_url
    lesson.refresh_from_db()
    assert lesson.reviewed_meeting_url == meeting_url and lesson.reviewed_by == world.users["observer"]
    page = text(client.get(meeting_url))
    assert "Ask carers first" not in page and "No lessons waiting for review." in page
    assert meeting.title in text(client.get(url(world, "learning:detail", lesson.uuid)))


def test_the_lesson_page_offers_recent_meetings_to_mark_it_reviewed(world):
    meeting = past_meeting(world.partnership, title="Autumn review")
    lesson = record(world)
    page = text(signed_in(world.users["participant"]).get(url(world, "learning:detail", lesson.uuid)))
    assert f'<option value="{meeting.uuid}">Autumn review, ' in page


def test_another_member_posting_a_status_is_told_why(world):
    lesson = record(world)
    client = signed_in(world.users["partner_admin"])
    assert "Mark the change made" not in text(client.get(url(world, "learning:detail", lesson.uuid)))
    response = client.post(url(world, "learning:status", lesson.uuid), {"status": "dropped", "note": "No."})
    assert response.status_code == 400
    assert "Only the owner of the change or the convener" in text(response)
    lesson.refresh_from_db()
    assert lesson.status == "open"


def test_the_owner_marks_the_change_made(world):
    lesson = record(world)
    client = signed_in(world.users["partner_member"])
    response = client.post(url(world, "learning:status", lesson.uuid), {"status": "changed", "note": "Done."})
    assert response.status_code == 302
    page = text(client.get(url(world, "learning:detail", lesson.uuid)))
    assert "Changed" in page and "Done." in page


def test_hostile_markdown_stays_inert_on_the_lesson_and_the_log(world):
    hostile = f"{SCRIPT} {IMG} [click](javascript:alert(1)) <a href='#' onclick='alert(1)'>x</a>"
    client = signed_in(world.users["partner_member"])
    client.post(
        url(world, "learning:new"),
        form(world, what_happened=hostile, what_we_learned=hostile, what_we_will_change=hostile),
    )
    lesson = Lesson.objects.get()
    for page_url, where in [
        (url(world, "learning:detail", lesson.uuid), "the lesson"),
        (url(world), "the log"),
    ]:
        page = text(client.get(page_url))
        assert_inert(page, where)
        assert 'href="javascript' not in page.lower()


def test_a_lesson_is_found_by_search(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record(world, what_we_learned="Safeguarding referrals need a named lead")
    assert found(world.partnership, "safeguarding", kind="lesson") == 1


def test_the_owners_calendar_feed_holds_the_due_dates_of_their_open_lessons(world, client):
    token = "a-learning-feed-token-for-tests-0123456789a"
    CalendarFeedFactory(user=world.users["partner_member"], token=token)
    due = timezone.localdate() + timedelta(days=3)
    record(world, what_we_learned="Book rooms early", due=due)
    record(world, what_we_learned="Someone else's", owner=world.users["observer"], due=due)
    calendar = Calendar.from_ical(client.get(reverse("calendars:feed", args=[token])).content)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert any("Book rooms early" in s for s in summaries)
    assert not any("Someone else" in s for s in summaries)
