"""Reading the agreement: the version in force and its defaults, who endorsed what,
what changed between versions, and the readiness checklist."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.agreements import selectors, services
from consortia.agreements.diff import Line, Segment, lines_diff, words_diff
from consortia.agreements.models import AgreementVersion
from consortia.canvas.models import PartnerStatement
from consortia.core.factories import (
    IndicatorFactory,
    OutcomeFactory,
    PartnerFactory,
    PledgeFactory,
    RepresentativeFactory,
    UserFactory,
)

from .conftest import draft_in, endorse_all, published_in

# --- the version in force, and the defaults it sets ------------------------------------------


def test_nothing_is_in_force_until_every_partner_asked_has_endorsed(world, published):
    assert selectors.agreement_in_force(world.partnership) is None
    services.agreement_endorse(
        actor=world.users["partner_admin"], version=published, partner=world.core_partner
    )
    assert selectors.agreement_in_force(world.partnership) is None

    services.agreement_endorse(
        actor=world.users["convener_admin"], version=published, partner=world.convener_partner
    )

    assert selectors.agreement_in_force(world.partnership) == published


def test_a_version_stays_in_force_until_the_next_is_endorsed_in_turn(world, published):
    endorse_all(world, published)
    second = published_in(world, quorum_percent=75)

    assert selectors.agreement_in_force(world.partnership) == published
    assert selectors.agreement_defaults(world.partnership)["quorum_percent"] == 50

    endorse_all(world, second)

    assert selectors.agreement_in_force(world.partnership) == second
    assert selectors.agreement_defaults(world.partnership)["quorum_percent"] == 75


def test_the_defaults_are_documented_values_when_nothing_is_in_force(world, published):
    assert selectors.agreement_defaults(world.partnership) == {
        "decision_rule": "consent_core",
        "quorum_percent": 50,
        "spending_threshold_gbp": Decimal("500"),
        "spending_approvals": 2,
        "version": None,
    }


def test_the_defaults_come_from_the_version_in_force(world):
    version = published_in(
        world,
        decision_rule="majority_orgs",
        quorum_percent=66,
        spending_threshold_gbp=Decimal("1250.50"),
        spending_approvals=3,
    )
    endorse_all(world, version)

    assert selectors.agreement_defaults(world.partnership) == {
        "decision_rule": "majority_orgs",
        "quorum_percent": 66,
        "spending_threshold_gbp": Decimal("1250.50"),
        "spending_approvals": 3,
        "version": 1,
    }


# --- versions and endorsements -------------------------------------------------------------------


def test_the_version_list_says_who_endorsed_which_version(world, published):
    endorse_all(world, published)
    second = published_in(world, vision="Version two.")
    services.agreement_endorse(actor=world.users["partner_admin"], version=second, partner=world.core_partner)
    draft = draft_in(world)

    versions = selectors.version_list(world.partnership)

    assert [(v.number, v.status, v.asked_count, v.endorsed_count) for v in versions] == [
        (3, "draft", 0, 0),
        (2, "published", 2, 1),
        (1, "superseded", 2, 2),
    ]
    assert [e.partner.organisation.name for e in versions[1].endorsements.all()] == ["Core Org"]
    assert selectors.version_draft(versions) == draft
    assert selectors.version_published(versions) == second
    assert selectors.version_in_force(versions) == published


def test_endorsement_lines_list_the_convener_first_with_each_endorsement(world, published):
    services.agreement_endorse(
        actor=world.users["partner_admin"], version=published, partner=world.core_partner
    )
    version = AgreementVersion.objects.prefetch_related(*selectors.version_parts()).get(pk=published.pk)

    lines = selectors.endorsement_lines(version)

    assert [(line.partner, line.endorsement is not None) for line in lines] == [
        (world.convener_partner, False),
        (world.core_partner, True),
    ]
    assert lines[1].endorsement.endorsed_by == world.users["partner_admin"]


# --- what changed ---------------------------------------------------------------------------------


def test_words_diff_marks_inserted_and_deleted_words():
    assert words_diff("Carers get advice", "Carers get joined-up advice") == (
        Segment("equal", "Carers get "),
        Segment("insert", "joined-up"),  # the words only: spaces stay plain
        Segment("equal", " advice"),
    )
    assert words_diff("one two", "one three") == (
        Segment("equal", "one "),
        Segment("delete", "two"),
        Segment("insert", "three"),
    )
    assert words_diff("", "") == ()


def test_lines_diff_tells_kept_added_removed_and_changed_items():
    lines = lines_diff(["a b", "c", "d"], ["a b", "c e", "f", "g"])

    assert [line.kind for line in lines] == ["same", "changed", "removed", "added", "added"]
    assert lines[1].segments == (Segment("equal", "c "), Segment("insert", "e"))
    assert lines_diff(["x"], []) == (Line("removed", (Segment("delete", "x"),)),)


def _with_parts(version):
    return AgreementVersion.objects.prefetch_related(*selectors.version_parts()).get(pk=version.pk)


def test_version_diff_shows_each_changed_field_and_list(world, published):
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)
    fields = {f: getattr(draft, f) for f in services.EDITABLE_FIELDS}
    fields.update(vision=draft.vision.replace("joined-up", "timely"), quorum_percent=60)
    services.agreement_draft_update(actor=world.users["convener_admin"], version=draft, **fields)
    services.agreement_objective_add(
        actor=world.users["convener_admin"],
        version=draft,
        text="Open a Saturday clinic",
        measure="Clinics held",
        owner=world.convener_partner,
        due=timezone.localdate() + timedelta(days=90),
    )
    services.agreement_role_set(
        actor=world.users["convener_admin"], version=draft, partner=world.core_partner, responsibilities=""
    )

    fields, lists = selectors.version_diff(_with_parts(published), _with_parts(draft))

    changed = {f.label: f.segments for f in fields if f.changed}
    assert set(changed) == {"Vision", "Quorum"}
    assert Segment("delete", "joined-up") in changed["Vision"]
    assert Segment("insert", "timely") in changed["Vision"]
    assert Segment("delete", "50%") in changed["Quorum"] and Segment("insert", "60%") in changed["Quorum"]
    by_label = {c.label: c for c in lists}
    # Objectives are in date order: the new one is due first.
    assert [line.kind for line in by_label["Objectives"].lines] == ["added", "same"]
    assert [line.kind for line in by_label["Roles and responsibilities"].lines] == ["same", "removed"]
    assert by_label["Roles and responsibilities"].lines[1].segments[0].text.startswith("Core Org:")


def test_the_first_version_is_all_new(world, published):
    fields, lists = selectors.version_diff(None, _with_parts(published))

    vision = next(f for f in fields if f.label == "Vision")
    assert vision.segments == (Segment("insert", published.vision),)
    assert all(line.kind == "added" for change in lists for line in change.lines)


# --- readiness ----------------------------------------------------------------------------------


def states(groups) -> dict[str, str]:
    return {item.key: item.state for group in groups for item in group.items}


def test_a_new_partnership_has_little_in_place(world):
    groups = selectors.agreement_readiness(world.partnership)

    assert [g.key for g in groups] == ["who", "why", "what"]
    assert states(groups) == {
        "partners": "fully",  # a core partner besides the convener
        "representatives": "fully",  # the convener and Core Org have named theirs
        "vision": "not",
        "objectives": "not",
        "partner_objectives": "not",
        "principles": "not",
        "commitments": "not",
        "roles": "not",
        "indicators": "not",
        "review": "not",
        "exit": "not",
    }


def test_everything_in_place_reads_fully(world, published):
    for partner in (world.convener_partner, world.core_partner):
        PartnerStatement.objects.create(partner=partner, wants="More referrals")
        PledgeFactory(partner=partner)
    IndicatorFactory(outcome=OutcomeFactory(partnership=world.partnership))

    assert set(states(selectors.agreement_readiness(world.partnership)).values()) == {"fully"}


def test_readiness_counts_partly_done_items(world, draft):
    PartnerFactory(
        partnership=world.partnership, role="associate"
    )  # no representative, statement, pledge or role
    world.partnership.__dict__.pop("_active_partners", None)
    PartnerStatement.objects.create(partner=world.core_partner, wants="More referrals")
    PledgeFactory(partner=world.core_partner)
    OutcomeFactory(partnership=world.partnership)
    IndicatorFactory(outcome=OutcomeFactory(partnership=world.partnership))
    services.agreement_objective_add(
        actor=world.users["convener_admin"], version=draft, text="X", measure="Y", owner=None, due=None
    )

    groups = selectors.agreement_readiness(world.partnership)

    assert {k: v for k, v in states(groups).items() if v == "partly"} == {
        "representatives": "partly",
        "objectives": "partly",
        "partner_objectives": "partly",
        "commitments": "partly",
        "roles": "partly",
        "indicators": "partly",
    }
    details = {item.key: item.detail for group in groups for item in group.items}
    assert details["objectives"] == "1 of 2 objectives have an owner and a date"
    assert details["roles"] == "2 of 3 partners have their responsibilities written down"
    assert selectors.readiness_counts(groups) == {"not": 0, "partly": 6, "fully": 5}


def test_observers_are_not_counted_as_partners_who_must_commit(world, published):
    assert world.observer_partner.role == "observer"  # no statement, pledge or role
    for partner in (world.convener_partner, world.core_partner):
        PartnerStatement.objects.create(partner=partner, wants="More referrals")
        PledgeFactory(partner=partner)

    found = states(selectors.agreement_readiness(world.partnership))

    assert (found["partner_objectives"], found["commitments"], found["roles"]) == ("fully",) * 3


def test_a_review_date_that_has_passed_is_partly_in_place(world, published):
    AgreementVersion.objects.filter(pk=published.pk).update(status="superseded")
    AgreementVersion.objects.create(
        partnership=world.partnership,
        number=2,
        status="published",
        published_at=timezone.now(),
        vision="V",
        review_date=timezone.localdate() - timedelta(days=1),
    )

    assert states(selectors.agreement_readiness(world.partnership))["review"] == "partly"


def test_readiness_links_to_fixes_only_for_people_who_may_make_them(world, draft):
    def links(persona):
        groups = selectors.agreement_readiness(world.partnership, user=world.users[persona])
        return {item.key: item.fix_url for group in groups for item in group.items}

    editor, observer = links("partner_member"), links("observer")

    assert editor["vision"] == f"/partnerships/{world.partnership.uuid}/agreement/versions/{draft.uuid}/edit/"
    assert observer["vision"] is None
    assert links("convener_admin")["partners"] == f"/partnerships/{world.partnership.uuid}/invite/"
    assert editor["partners"] is None
    assert (
        editor["representatives"]
        == observer["representatives"]
        == f"/partnerships/{world.partnership.uuid}/#partners"
    )
    canvas = f"/partnerships/{world.partnership.uuid}/canvas/"
    assert (observer["commitments"], observer["partner_objectives"], observer["indicators"]) == (
        f"{canvas}pledges/",
        f"{canvas}pledges/",
        f"{canvas}outcomes/",
    )


def test_representatives_are_partly_in_place_until_every_partner_names_one(world):
    world.core_partner.representatives.all().delete()
    RepresentativeFactory(partner=world.observer_partner, user=UserFactory())  # observers do not count

    assert states(selectors.agreement_readiness(world.partnership))["representatives"] == "partly"


@pytest.mark.parametrize(
    ("roles", "expected"), [(["convener"], "not"), (["convener", "associate"], "partly")]
)
def test_partners_are_in_place_once_there_is_a_core_partner(roles, expected, db):
    from consortia.core.factories import PartnershipFactory

    partnership = PartnershipFactory()
    for role in roles:
        PartnerFactory(partnership=partnership, role=role)

    assert states(selectors.agreement_readiness(partnership))["partners"] == expected
