"""Drafting an agreement (starting, editing, objectives and roles) and what stays as
published: what each service guarantees (permission, invariant, event), called
directly with the `world` personas."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.agreements import services
from consortia.agreements.models import AgreementObjective, AgreementRole, AgreementVersion
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import AgreementObjectiveFactory, AgreementVersionFactory, PartnerFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, snapshot

from .conftest import next_year, row

FIELDS = {
    "vision": "A new vision.",
    "aims": "New aims.",
    "principles": "Courage.",
    "meeting_rhythm": "Every other month",
    "decision_rule": "majority_orgs",
    "quorum_percent": 60,
    "spending_threshold_gbp": Decimal("750.50"),
    "spending_approvals": 3,
    "review_date": None,
    "joining_and_leaving": "Ask the convener.",
}


# --- starting a draft --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "organisation"), [("convener_admin", "convener_org"), ("partner_member", "core_org")]
)
def test_it_starts_an_empty_first_draft_for_a_core_member(world, persona, organisation):
    actor = world.users[persona]

    draft = services.agreement_draft_start(actor=actor, partnership=world.partnership)

    assert (draft.number, draft.status, draft.vision, draft.created_by) == (1, "draft", "", actor)
    assert_event(
        "agreement.draft_started",
        actor=actor,
        organisation=getattr(world, organisation),
        partnership=world.partnership,
    )


@pytest.mark.parametrize("persona", ["observer", "participant", "outsider", "site_admin"])
def test_it_lets_only_core_members_start_a_draft(world, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.agreement_draft_start(actor=world.users[persona], partnership=world.partnership)

    assert snapshot() == before


def test_it_keeps_one_draft_at_a_time(world, draft):
    before = snapshot()

    with pytest.raises(Conflict, match="already being drafted"):
        services.agreement_draft_start(actor=world.users["partner_admin"], partnership=world.partnership)

    assert snapshot() == before


def test_it_starts_a_new_draft_as_a_copy_of_the_latest_version(world, published):
    published_objective = published.objectives.get()

    draft = services.agreement_draft_start(actor=world.users["partner_admin"], partnership=world.partnership)

    assert draft.number == published.number + 1
    assert {f: getattr(draft, f) for f in services.EDITABLE_FIELDS} == {
        f: getattr(published, f) for f in services.EDITABLE_FIELDS
    }
    copied = draft.objectives.get()
    assert copied.pk != published_objective.pk
    assert (copied.text, copied.measure, copied.owner, copied.due) == (
        published_objective.text,
        published_objective.measure,
        published_objective.owner,
        published_objective.due,
    )
    assert {(r.partner_id, r.responsibilities) for r in draft.roles.all()} == {
        (r.partner_id, r.responsibilities) for r in published.roles.all()
    }
    assert draft.resource_commitments == [] and draft.published_at is None
    assert published.objectives.count() == 1  # the published version keeps its own


def test_a_copy_leaves_out_a_review_date_that_has_passed(world, published):
    # A past date cannot be published, so make the latest version one that has aged.
    AgreementVersion.objects.filter(pk=published.pk).update(status="superseded")
    aged = AgreementVersionFactory(
        partnership=world.partnership,
        number=published.number + 1,
        status="published",
        review_date=timezone.localdate() - timedelta(days=1),
    )

    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)

    assert (draft.number, draft.review_date, draft.vision) == (aged.number + 1, None, aged.vision)


def test_a_copy_keeps_objectives_but_not_an_owner_that_left(world, published):
    world.core_partner.left_at = timezone.now()
    world.core_partner.save()

    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)

    assert [(o.text, o.owner) for o in draft.objectives.all()] == [("Advise 200 carers a year", None)]
    assert [r.partner for r in draft.roles.all()] == [world.convener_partner]


def test_it_refuses_a_new_draft_in_a_closed_partnership(world):
    world.partnership.status = "closed"
    world.partnership.save()

    with pytest.raises(Conflict, match="closed"):
        services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)


# --- editing a draft -----------------------------------------------------------------------


def test_it_updates_a_draft_and_records_which_fields_changed(world, draft):
    actor = world.users["partner_member"]

    services.agreement_draft_update(actor=actor, version=draft, **FIELDS)

    assert {f: v for f, v in row(draft).items() if f in FIELDS} == FIELDS
    event = assert_event(
        "agreement.draft_updated", actor=actor, organisation=world.core_org, partnership=world.partnership
    )
    assert event.payload == {"number": 1, "fields": list(FIELDS)}


def test_it_writes_no_event_when_nothing_changed(world, draft):
    same = {f: getattr(draft, f) for f in services.EDITABLE_FIELDS}
    events = Event.objects.count()

    services.agreement_draft_update(actor=world.users["convener_admin"], version=draft, **same)

    assert Event.objects.count() == events


@pytest.mark.parametrize("persona", ["observer", "participant", "site_admin", "outsider"])
def test_it_lets_only_core_members_edit_a_draft(world, draft, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.agreement_draft_update(actor=world.users[persona], version=draft, **FIELDS)

    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        ({"quorum_percent": 0}, ValidationError, "quorum_percent"),
        ({"quorum_percent": 101}, ValidationError, "quorum_percent"),
        ({"spending_threshold_gbp": Decimal("-1")}, ValidationError, "spending_threshold_gbp"),
        ({"spending_approvals": 0}, ValidationError, "spending_approvals"),
        ({"decision_rule": "coin_toss"}, ValidationError, "decision_rule"),
        ({"meeting_rhythm": "x" * 201}, ServiceError, "meeting_rhythm"),
        ({"vision": "x" * 3001}, ServiceError, "vision"),
        ({"review_date": timezone.localdate() - timedelta(days=1)}, ServiceError, "review_date"),
    ],
)
def test_it_refuses_values_out_of_range_and_changes_nothing(world, draft, change, error, field):
    before = snapshot()

    with pytest.raises(error) as refused:
        services.agreement_draft_update(
            actor=world.users["convener_admin"], version=draft, **{**FIELDS, **change}
        )

    if error is ValidationError:
        assert field in refused.value.message_dict
    else:
        assert refused.value.field == field
    assert snapshot() == before


# --- what was published never changes --------------------------------------------------------


def test_it_refuses_to_edit_a_published_version_and_leaves_its_row_as_it_was(world, published):
    before = row(published)

    with pytest.raises(Conflict, match="has been published"):
        services.agreement_draft_update(actor=world.users["convener_admin"], version=published, **FIELDS)

    assert row(published) == before


def test_it_refuses_to_change_objectives_or_roles_of_a_published_version(world, published):
    actor = world.users["convener_admin"]
    objective = published.objectives.get()
    before = snapshot()

    with pytest.raises(Conflict):
        services.agreement_objective_add(
            actor=actor, version=published, text="More", measure="Count", owner=None, due=None
        )
    with pytest.raises(Conflict):
        services.agreement_objective_remove(actor=actor, objective=objective)
    with pytest.raises(Conflict):
        services.agreement_role_set(
            actor=actor, version=published, partner=world.core_partner, responsibilities="Other things."
        )

    assert snapshot() == before


def test_an_edit_in_a_stale_tab_is_refused_once_the_draft_is_published(world, draft):
    """The caller still holds the draft as it was loaded; the service reads it again."""
    stale = AgreementVersion.objects.get(pk=draft.pk)
    services.agreement_publish(actor=world.users["convener_admin"], version=draft)
    before = row(draft)

    with pytest.raises(Conflict):
        services.agreement_draft_update(actor=world.users["partner_admin"], version=stale, **FIELDS)

    assert row(draft) == before


@pytest.mark.parametrize(
    "change",
    [
        {"vision": "Rewritten behind everyone's back."},
        {"quorum_percent": 99},
        {"resource_commitments": [{"description": "A minibus"}]},
        {"number": 7},
        {"status": "draft", "published_at": None},
    ],
    ids=["vision", "quorum", "commitments", "number", "back-to-draft"],
)
def test_the_database_refuses_to_change_a_published_version(world, published, change):
    before = row(published)

    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersion.objects.filter(pk=published.pk).update(**change)

    assert row(published) == before


def test_the_database_refuses_new_or_changed_parts_of_a_published_version(world, published):
    objective = published.objectives.get()
    role = published.roles.first()

    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementObjectiveFactory(version=published)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementObjective.objects.filter(pk=objective.pk).update(text="Something else")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementRole.objects.filter(pk=role.pk).update(responsibilities="Nothing")
    with pytest.raises(IntegrityError), transaction.atomic():
        published.required_partners.add(world.observer_partner)

    assert published.objectives.get().text == objective.text


def test_the_database_allows_what_publishing_and_endorsing_do(world, published):
    """Superseding, coming into force and a deleted user's SET_NULL are not edits."""
    AgreementVersion.objects.filter(pk=published.pk).update(
        in_force_at=timezone.now(), published_by=None, created_by=None
    )
    AgreementVersion.objects.filter(pk=published.pk).update(status="superseded")

    published.refresh_from_db()
    assert published.status == "superseded"
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersion.objects.filter(pk=published.pk).update(status="published")


def test_the_database_keeps_one_draft_and_one_published_version(world, published, draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersionFactory(partnership=world.partnership, number=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersionFactory(partnership=world.partnership, number=9, status="published")


# --- objectives and roles ---------------------------------------------------------------------


def test_it_adds_and_removes_an_objective(world, draft):
    actor = world.users["partner_admin"]

    objective = services.agreement_objective_add(
        actor=actor,
        version=draft,
        text=" Halve waiting times ",
        measure="Days",
        owner=world.core_partner,
        due=next_year(),
    )
    assert_event(
        "agreement.objective_added", actor=actor, organisation=world.core_org, partnership=world.partnership
    )
    services.agreement_objective_remove(actor=actor, objective=objective)

    assert not draft.objectives.filter(pk=objective.pk).exists()
    event = assert_event(
        "agreement.objective_removed", actor=actor, organisation=world.core_org, partnership=world.partnership
    )
    assert event.payload["objective"] == "Halve waiting times"


@pytest.mark.parametrize("owner", ["elsewhere", "left", "observer"])
def test_it_refuses_an_objective_owner_that_is_not_taking_part_here(world, draft, owner):
    partner = {
        "elsewhere": lambda: PartnerFactory(),
        "left": lambda: PartnerFactory(partnership=world.partnership, left_at=timezone.now()),
        "observer": lambda: world.observer_partner,
    }[owner]()
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        services.agreement_objective_add(
            actor=world.users["convener_admin"], version=draft, text="X", measure="Y", owner=partner, due=None
        )

    assert (refused.value.field, refused.value.status_code) == ("owner", 400)
    assert snapshot() == before


def test_it_refuses_an_objective_due_in_the_past(world, draft):
    with pytest.raises(ServiceError) as refused:
        services.agreement_objective_add(
            actor=world.users["convener_admin"],
            version=draft,
            text="X",
            measure="Y",
            owner=world.core_partner,
            due=timezone.localdate() - timedelta(days=1),
        )

    assert refused.value.field == "due"


def test_it_sets_changes_and_clears_a_partners_role(world, draft):
    actor = world.users["convener_admin"]

    services.agreement_role_set(
        actor=actor, version=draft, partner=world.core_partner, responsibilities=" Venue. "
    )
    assert draft.roles.get(partner=world.core_partner).responsibilities == "Venue."
    services.agreement_role_set(actor=actor, version=draft, partner=world.core_partner, responsibilities="")

    assert not draft.roles.filter(partner=world.core_partner).exists()
    event = assert_event(
        "agreement.role_set", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )
    assert event.payload == {"number": 1, "partner": "Core Org", "cleared": True}


def test_it_refuses_a_role_for_a_partner_of_another_partnership(world, draft):
    with pytest.raises(ServiceError):
        services.agreement_role_set(
            actor=world.users["convener_admin"], version=draft, partner=PartnerFactory(), responsibilities="X"
        )
