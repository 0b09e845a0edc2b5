"""The agreement services: what each guarantees (permission, invariant, event, email
after commit), called directly with the `world` personas."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.agreements import services
from consortia.agreements.models import AgreementObjective, AgreementRole, AgreementVersion, Endorsement
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    AgreementObjectiveFactory,
    AgreementVersionFactory,
    MembershipFactory,
    PartnerFactory,
    PledgeFactory,
    RepresentativeFactory,
)
from consortia.core.models import Event
from consortia.core.testing import assert_event, snapshot

from .conftest import VISION, draft_in, endorse_all, next_year, published_in

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


def row(version: AgreementVersion) -> dict:
    return AgreementVersion.objects.filter(pk=version.pk).values().get()


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


# --- publishing ---------------------------------------------------------------------------------


def test_it_publishes_a_draft_asks_the_convener_and_core_partners_and_copies_the_pledges(
    world, draft, django_capture_on_commit_callbacks
):
    actor = world.users["convener_admin"]
    PledgeFactory(
        partner=world.core_partner, description="Our hall", quantity=10, unit="hours", value_gbp=250
    )
    PledgeFactory(partner=PartnerFactory(partnership=world.partnership, left_at=timezone.now()))

    with django_capture_on_commit_callbacks(execute=True):
        version = services.agreement_publish(actor=actor, version=draft)

    version.refresh_from_db()
    assert (version.status, version.published_by, version.in_force_at) == ("published", actor, None)
    assert version.published_at is not None
    assert set(version.required_partners.all()) == {world.convener_partner, world.core_partner}
    assert [
        (c["organisation"], c["description"], c["quantity"], c["unit"], c["value_gbp"])
        for c in version.resource_commitments
    ] == [("Core Org", "Our hall", "10", "hours", "250.00")]
    event = assert_event(
        "agreement.published", actor=actor, organisation=world.convener_org, partnership=world.partnership
    )
    assert sorted(event.payload["asked"]) == ["Convener Org", "Core Org"]
    # Core Org's representative is asked; the publisher is not emailed about their own act.
    assert [m.to for m in mail.outbox] == [["core-admin@example.org"]]
    assert "endorse" in mail.outbox[0].subject.lower()
    assert f"/agreement/versions/{version.uuid}/" in mail.outbox[0].body


def test_it_asks_a_partners_admins_when_it_has_no_representative(
    world, draft, django_capture_on_commit_callbacks
):
    world.core_partner.representatives.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_publish(actor=world.users["convener_admin"], version=draft)

    assert [m.to for m in mail.outbox] == [["core-admin@example.org"]]


def test_publishing_supersedes_the_version_published_before(world, published):
    endorse_all(world, published)
    draft = draft_in(world)

    services.agreement_publish(actor=world.users["convener_admin"], version=draft)

    published.refresh_from_db()
    assert published.status == "superseded"
    assert published.endorsements.count() == 2  # endorsements stay with their version
    assert draft.endorsements.count() == 0


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "observer", "site_admin"])
def test_only_the_conveners_admins_publish(world, draft, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.agreement_publish(actor=world.users[persona], version=draft)

    assert snapshot() == before


def test_it_refuses_to_publish_without_a_vision(world, django_capture_on_commit_callbacks):
    draft = draft_in(world, vision="   ")
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError) as refused:
        services.agreement_publish(actor=world.users["convener_admin"], version=draft)

    assert (refused.value.status_code, refused.value.field) == (400, "vision")
    assert snapshot() == before
    assert mail.outbox == []


def test_it_refuses_to_publish_twice(world, published):
    with pytest.raises(Conflict):
        services.agreement_publish(actor=world.users["convener_admin"], version=published)


# --- endorsing -----------------------------------------------------------------------------------


def test_a_partners_admin_endorses_for_it(world, published):
    actor = world.users["partner_admin"]

    endorsement = services.agreement_endorse(actor=actor, version=published, partner=world.core_partner)

    assert (endorsement.version, endorsement.partner, endorsement.endorsed_by) == (
        published,
        world.core_partner,
        actor,
    )
    assert_event(
        "agreement.endorsed", actor=actor, organisation=world.core_org, partnership=world.partnership
    )
    published.refresh_from_db()
    assert published.in_force_at is None  # the convener has not endorsed yet


def test_a_named_representative_who_is_not_an_admin_endorses_too(world, published):
    RepresentativeFactory(partner=world.core_partner, user=world.users["partner_member"])
    world.core_partner.refresh_from_db()  # forget the prefetched representatives

    services.agreement_endorse(
        actor=world.users["partner_member"], version=published, partner=world.core_partner
    )

    assert published.endorsements.get().endorsed_by == world.users["partner_member"]


def test_the_last_endorsement_brings_the_version_into_force(world, published):
    services.agreement_endorse(
        actor=world.users["convener_admin"], version=published, partner=world.convener_partner
    )
    before = Event.objects.count()

    services.agreement_endorse(
        actor=world.users["partner_admin"], version=published, partner=world.core_partner
    )

    published.refresh_from_db()
    assert published.in_force_at is not None
    assert list(Event.objects.order_by("id").values_list("verb", "organisation__name")[before:]) == [
        ("agreement.endorsed", "Core Org"),
        ("agreement.in_force", "Core Org"),
    ]


@pytest.mark.parametrize(
    ("persona", "partner"),
    [
        ("partner_member", "core_partner"),  # a member, but neither admin nor representative
        ("convener_admin", "core_partner"),  # another partner's
        ("observer", "observer_partner"),  # observers are not asked
        ("participant", "core_partner"),
        ("site_admin", "core_partner"),
    ],
)
def test_nobody_endorses_for_a_partner_they_do_not_speak_for(world, published, persona, partner):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.agreement_endorse(
            actor=world.users[persona], version=published, partner=getattr(world, partner)
        )

    assert snapshot() == before


def test_it_refuses_to_endorse_twice(world, published):
    actor = world.users["partner_admin"]
    services.agreement_endorse(actor=actor, version=published, partner=world.core_partner)
    before = snapshot()

    with pytest.raises(Conflict, match="already endorsed"):
        services.agreement_endorse(actor=actor, version=published, partner=world.core_partner)

    assert snapshot() == before


def test_the_database_holds_one_endorsement_per_partner_and_version(world, published):
    Endorsement.objects.create(version=published, partner=world.core_partner)

    with pytest.raises(IntegrityError), transaction.atomic():
        Endorsement.objects.create(version=published, partner=world.core_partner)


def test_it_refuses_to_endorse_a_draft_or_a_superseded_version(world, published):
    draft = draft_in(world)
    with pytest.raises(Conflict, match="is a draft"):
        services.agreement_endorse(
            actor=world.users["partner_admin"], version=draft, partner=world.core_partner
        )
    services.agreement_publish(actor=world.users["convener_admin"], version=draft)
    before = snapshot()

    with pytest.raises(Conflict, match="replaced by a newer version"):
        services.agreement_endorse(
            actor=world.users["partner_admin"], version=published, partner=world.core_partner
        )

    assert snapshot() == before


def test_a_partner_that_became_core_after_publication_was_not_asked(world, published):
    newcomer = PartnerFactory(partnership=world.partnership, role="core")
    admin = MembershipFactory(organisation=newcomer.organisation, role="admin").user

    with pytest.raises(Conflict, match="was not asked"):
        services.agreement_endorse(actor=admin, version=published, partner=newcomer)


def test_it_refuses_a_partner_of_another_partnership(world, published):
    elsewhere = PartnerFactory(organisation=world.core_org, role="core")
    with pytest.raises(ServiceError) as refused:
        services.agreement_endorse(actor=world.users["partner_admin"], version=published, partner=elsewhere)

    assert refused.value.status_code == 404


def test_publishing_anew_asks_the_partners_as_they_are_then(world, published):
    newcomer = PartnerFactory(partnership=world.partnership, role="core")
    world.partnership.__dict__.pop("_active_partners", None)

    second = published_in(world, vision=VISION + " Together.")

    assert set(second.required_partners.all()) == {world.convener_partner, world.core_partner, newcomer}
    assert set(published.required_partners.all()) == {world.convener_partner, world.core_partner}
