"""The "how we work" pages: a partnership's partners side by side, one organisation's
profile for those allowed to see it, the edit form's refusals and the review button."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import SignOffFactory, WorkingProfileFactory
from consortia.core.testing import snapshot
from consortia.workingprofiles.models import WorkingProfile

pytestmark = pytest.mark.django_db


def form(**overrides):
    return {
        "sign_offs": "Spending over £5,000 | Board of trustees | 42",
        "board_dates": "2027-03-14",
        "board_rhythm": "Quarterly",
        "financial_year_start": "4",
        "working_hours": "Monday to Thursday",
        "channel": "email",
        "contact": "hello@example.org",
        "reply_days": "3",
        "languages": "English, Welsh",
        **overrides,
    }


def test_it_lists_every_active_partner_with_not_written_yet_and_update_yours(world, client_for):
    SignOffFactory(
        profile=WorkingProfileFactory(organisation=world.convener_org, working_hours="Tuesdays only")
    )

    page = client_for("partner_admin").get(reverse("workingprofiles:partners", args=[world.partnership.uuid]))

    html = page.content.decode()
    assert page.status_code == 200
    for name in ("Convener Org", "Core Org", "Observer Org"):
        assert name in html
    assert "Outsider Org" not in html
    assert "Tuesdays only" in html and "Spending over £5,000: Board of trustees, usually 42 days" in html
    assert html.count("Not written yet") == 2
    assert html.count("Update yours") == 1
    assert reverse("workingprofiles:edit", args=[world.core_org.uuid]) in html
    assert reverse("workingprofiles:edit", args=[world.convener_org.uuid]) not in html


def test_it_shows_a_plain_member_no_update_link(world, client_for):
    page = client_for("partner_member").get(
        reverse("workingprofiles:partners", args=[world.partnership.uuid])
    )

    assert "Update yours" not in page.content.decode()


def test_the_partnership_page_links_to_how_our_partners_work(world, client_for):
    page = client_for("observer").get(reverse("partnerships:detail", args=[world.partnership.uuid]))

    assert reverse("workingprofiles:partners", args=[world.partnership.uuid]) in page.content.decode()


def test_it_shows_when_a_profile_was_last_updated_and_reviewed(world, client_for):
    profile = WorkingProfileFactory(organisation=world.core_org, languages=["English", "Polish"])
    profile.reviewed_at, profile.reviewed_by = timezone.now(), world.users["partner_admin"]
    profile.save()

    page = client_for("observer").get(reverse("workingprofiles:detail", args=[world.core_org.uuid]))

    html = page.content.decode()
    assert f"Last updated {timezone.localdate():%-d %B %Y}" in html
    assert "reviewed" in html and "Pat Partner" in html
    assert "English, Polish" in html and "April" in html
    assert "Mark as reviewed" not in html


def test_an_admin_writes_the_profile_through_the_form(world, client_for):
    response = client_for("partner_admin").post(
        reverse("workingprofiles:edit", args=[world.core_org.uuid]), form()
    )

    assert response.status_code == 302
    profile = WorkingProfile.objects.get(organisation=world.core_org)
    assert profile.languages == ["English", "Welsh"] and profile.board_dates == ["2027-03-14"]
    assert profile.sign_offs.get().usual_days == 42


def test_the_form_is_filled_with_the_profile_to_change_it(world, client_for):
    SignOffFactory(profile=WorkingProfileFactory(organisation=world.core_org))

    page = client_for("partner_admin").get(reverse("workingprofiles:edit", args=[world.core_org.uuid]))

    html = page.content.decode()
    assert "Spending over £5,000 | Board of trustees | 42" in html and "English, Welsh" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"board_dates": "14/03/2027"}, "is not a date; write it as 2027-03-14"),
        ({"board_dates": "2027-02-30"}, "is not a date"),
        ({"financial_year_start": "13"}, "Select a valid choice"),
        ({"reply_days": "-2"}, "greater than or equal to 0"),
        ({"sign_offs": "Spending | Board | -5"}, "Line 1: the usual time cannot be negative"),
        ({"sign_offs": "Spending | Board | soon"}, "Line 1: the usual time is a whole number of days"),
        ({"sign_offs": "Spending over £5,000"}, "separated by |"),
        ({"languages": "x" * 61}, "Name each language in 1 to 60 characters"),
        ({"accessibility": "x" * 1001}, "at most 1000 characters"),
    ],
    ids=[
        "date-format",
        "no-such-day",
        "month-13",
        "negative-reply",
        "negative-days",
        "days-not-number",
        "row-incomplete",
        "long-language",
        "overlong-text",
    ],
)
def test_it_refuses_bad_input_with_a_clear_message_and_writes_nothing(world, client_for, overrides, message):
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(reverse("workingprofiles:edit", args=[world.core_org.uuid]), form(**overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert snapshot() == before


def test_editing_another_organisations_profile_is_a_404(world, client_for):
    client = client_for("outsider")
    before = snapshot()

    response = client.post(reverse("workingprofiles:edit", args=[world.core_org.uuid]), form())

    assert response.status_code == 404
    assert snapshot() == before


def test_a_partner_that_left_no_longer_sees_its_former_partners_profiles(world, client_for):
    WorkingProfileFactory(organisation=world.core_org)
    url = reverse("workingprofiles:detail", args=[world.core_org.uuid])
    assert client_for("observer").get(url).status_code == 200

    world.observer_partner.left_at = timezone.now()
    world.observer_partner.save()

    assert client_for("observer").get(url).status_code == 404


def test_a_profile_shown_in_the_directory_is_public_only_while_the_organisation_is_listed(world, client):
    profile = WorkingProfileFactory(organisation=world.outsider_org, shown_in_directory=True)
    url = reverse("workingprofiles:detail", args=[world.outsider_org.uuid])
    assert client.get(url).status_code == 404

    world.outsider_org.listed_in_directory = True
    world.outsider_org.save()
    assert client.get(url).status_code == 200

    profile.shown_in_directory = False
    profile.save()
    assert client.get(url).status_code == 404


def test_the_review_button_marks_the_profile_reviewed(world, client_for):
    WorkingProfileFactory(organisation=world.core_org)

    response = client_for("partner_admin").post(reverse("workingprofiles:review", args=[world.core_org.uuid]))

    assert response.status_code == 302
    assert WorkingProfile.objects.get().reviewed_at is not None
