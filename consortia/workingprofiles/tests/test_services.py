"""Writing, changing and reviewing a "how we work" profile: only the organisation's
admins, every change an event, impossible values refused with nothing written."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import SignOffFactory, WorkingProfileFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.workingprofiles.models import WorkingProfile
from consortia.workingprofiles.services import SignOffRow, profile_review, profile_save

pytestmark = pytest.mark.django_db


def fields(**overrides):
    return {
        "sign_offs": [SignOffRow("Spending over £5,000", "Board of trustees", 42)],
        "board_dates": [date(2027, 6, 13), date(2027, 3, 14), date(2027, 3, 14)],
        "board_rhythm": "Quarterly",
        "financial_year_start": 4,
        "reporting_deadlines": "Annual accounts by January.",
        "working_hours": "Monday to Thursday",
        "channel": "email",
        "contact": "hello@example.org",
        "reply_days": 3,
        "languages": ["English", "Welsh"],
        "accessibility": "Step-free entrance.",
        "shown_in_directory": False,
        **overrides,
    }


def test_it_writes_a_profile_with_its_decision_table_and_records_it(world):
    admin = world.users["partner_admin"]

    profile = profile_save(actor=admin, organisation=world.core_org, **fields())

    assert profile.board_dates == ["2027-03-14", "2027-06-13"]
    assert [(s.decision, s.signed_off_by, s.usual_days) for s in profile.sign_offs.all()] == [
        ("Spending over £5,000", "Board of trustees", 42)
    ]
    event = Event.objects.get(verb="workingprofile.written")
    assert event.organisation == world.core_org and event.actor == admin


def test_it_records_which_fields_changed_and_nothing_when_none_did(world):
    admin = world.users["partner_admin"]
    profile_save(actor=admin, organisation=world.core_org, **fields())

    profile_save(
        actor=admin,
        organisation=world.core_org,
        **fields(reply_days=5, sign_offs=[SignOffRow("New services", "Chief executive", 14)]),
    )
    profile_save(
        actor=admin,
        organisation=world.core_org,
        **fields(reply_days=5, sign_offs=[SignOffRow("New services", "Chief executive", 14)]),
    )

    updates = Event.objects.filter(verb="workingprofile.updated")
    assert [e.payload["fields"] for e in updates] == [["reply_days", "sign_offs"]]
    assert list(WorkingProfile.objects.get().sign_offs.values_list("decision", flat=True)) == ["New services"]


@pytest.mark.parametrize("persona", ["partner_member", "convener_admin", "outsider", "site_admin"])
def test_it_lets_only_the_organisations_admins_write_it(world, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        profile_save(actor=world.users[persona], organisation=world.core_org, **fields())

    assert snapshot() == before


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"financial_year_start": 13}, "financial_year_start"),
        ({"financial_year_start": 0}, "financial_year_start"),
        ({"reply_days": -1}, "reply_days"),
        ({"reply_days": 366}, "reply_days"),
        ({"sign_offs": [SignOffRow("Spending", "Board", -5)]}, "sign_offs"),
        ({"sign_offs": [SignOffRow("", "Board", 5)]}, "sign_offs"),
        ({"sign_offs": [SignOffRow("x" * 201, "Board", 5)]}, "sign_offs"),
        ({"sign_offs": [SignOffRow("Spending", "Board", 5)] * 21}, "sign_offs"),
        ({"languages": ["x" * 61]}, "languages"),
        ({"languages": [f"Language {n}" for n in range(21)]}, "languages"),
        ({"board_dates": [date(2027, 1, n) for n in range(1, 26)]}, "board_dates"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_it_refuses_impossible_values_and_writes_nothing(world, overrides, field):
    before = snapshot()

    with pytest.raises(ServiceError) as refusal:
        profile_save(actor=world.users["partner_admin"], organisation=world.core_org, **fields(**overrides))

    assert refusal.value.field == field
    assert snapshot() == before


def test_it_refuses_overlong_text_through_the_models_limits(world):
    from django.core.exceptions import ValidationError

    before = snapshot()

    with pytest.raises(ValidationError):
        profile_save(
            actor=world.users["partner_admin"], organisation=world.core_org, **fields(working_hours="x" * 201)
        )

    assert snapshot() == before


def test_it_marks_a_profile_reviewed_without_changing_its_last_update(world):
    profile = WorkingProfileFactory(organisation=world.core_org)
    SignOffFactory(profile=profile)
    updated = WorkingProfile.objects.get().updated_at

    profile_review(actor=world.users["partner_admin"], organisation=world.core_org)

    profile.refresh_from_db()
    assert profile.reviewed_at is not None and profile.reviewed_by == world.users["partner_admin"]
    assert profile.updated_at == updated
    assert Event.objects.filter(verb="workingprofile.reviewed", organisation=world.core_org).count() == 1


def test_it_refuses_to_review_a_profile_not_written_yet(world):
    before = snapshot()

    with pytest.raises(Conflict):
        profile_review(actor=world.users["convener_admin"], organisation=world.convener_org)

    assert snapshot() == before


def test_it_refuses_a_review_by_someone_not_admin(world):
    WorkingProfileFactory(organisation=world.core_org)

    with pytest.raises(PermissionDenied):
        profile_review(actor=world.users["partner_member"], organisation=world.core_org)
