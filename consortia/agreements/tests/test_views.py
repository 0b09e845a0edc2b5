"""The agreement pages: what each persona sees and can do, and bad input. Every
refusal is a clear message with a 4xx (never a 500) and leaves the database exactly
as it was."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.agreements import services
from consortia.agreements.models import AgreementVersion, Endorsement
from consortia.core.factories import PartnerFactory, PartnershipFactory
from consortia.core.testing import (
    IMG,
    SCRIPT,
    assert_inert,
    error_summary,
    inline_error,
    problem_message,
    snapshot,
    text,
)

from .conftest import VISION, draft_in, endorse_all, next_year, published_in

FORM = {
    "vision": "Carers get timely advice.",
    "aims": "One front door.",
    "principles": "Openness.",
    "meeting_rhythm": "Monthly",
    "decision_rule": "consent_core",
    "quorum_percent": "50",
    "spending_threshold_gbp": "500",
    "spending_approvals": "2",
    "review_date": "",
    "joining_and_leaving": "Give notice.",
}


def url(name: str, world, *args) -> str:
    return reverse(f"agreements:{name}", args=[world.partnership.uuid, *args])


def version_url(name: str, version, *args) -> str:
    return reverse(f"agreements:{name}", args=[version.partnership.uuid, version.uuid, *args])


# --- reading -----------------------------------------------------------------------------------


def test_the_partnership_page_links_to_the_agreement_and_its_readiness(world, client_for):
    html = text(client_for("observer").get(reverse("partnerships:detail", args=[world.partnership.uuid])))

    assert url("detail", world) in html
    assert url("readiness", world) in html


def test_the_agreement_page_without_an_agreement_offers_a_first_draft_to_core_members(world, client_for):
    member = text(client_for("partner_member").get(url("detail", world)))
    observer = text(client_for("observer").get(url("detail", world)))

    assert "There is no agreement yet" in member and "There is no agreement yet" in observer
    assert "Start the first draft" in member
    assert "Start the first draft" not in observer


@pytest.mark.parametrize("persona", ["observer", "participant", "site_admin", "partner_member"])
def test_readers_see_the_published_agreement_and_who_endorsed_it(world, published, client_for, persona):
    services.agreement_endorse(
        actor=world.users["partner_admin"], version=published, partner=world.core_partner
    )

    response = client_for(persona).get(url("detail", world))

    html = text(response)
    assert response.status_code == 200
    assert VISION in html
    assert "Advise 200 carers a year" in html and "Runs the drop-in." in html
    assert "Waiting for endorsements" in html
    assert "Endorsed</strong>" in html and "by Pat Partner" in html
    assert "Endorse<span" not in html  # none of these personas speaks for a partner still to endorse
    assert "Change the draft" not in html


def test_the_page_offers_to_endorse_only_for_partners_the_user_speaks_for(world, published, client_for):
    html = text(client_for("partner_admin").get(url("detail", world)))

    assert version_url("endorse", published, world.core_partner.uuid) in html
    assert version_url("endorse", published, world.convener_partner.uuid) not in html
    assert "Your endorsement is asked for" in html and "then endorse it for Core Org." in html


def test_the_request_to_endorse_goes_once_the_partner_has_endorsed(world, published, client_for):
    client = client_for("partner_admin")
    client.post(version_url("endorse", published, world.core_partner.uuid))

    html = text(client.get(url("detail", world)))

    assert "Your endorsement is asked for" not in html
    assert version_url("endorse", published, world.core_partner.uuid) not in html


def test_the_page_shows_the_version_in_force_while_a_newer_one_waits(world, published, client_for):
    endorse_all(world, published)
    second = published_in(world, vision="A second vision.")

    html = text(client_for("observer").get(url("detail", world)))

    assert "A second vision." in html
    assert "Version 1 is the agreement in force until every partner asked has endorsed version 2" in html
    assert version_url("changes", second) in html


def test_a_draft_shows_every_partner_taking_part_and_links_to_change_it(world, draft, client_for):
    html = text(client_for("partner_member").get(version_url("version", draft)))

    assert "This is a draft" in html
    assert version_url("draft_edit", draft) in html
    assert version_url("objective_add", draft) in html
    assert version_url("role_set", draft, world.core_partner.uuid) in html
    assert version_url("role_set", draft, world.observer_partner.uuid) not in html
    assert version_url("publish", draft) not in html  # only the convener's admins publish


def test_the_changes_page_marks_added_and_removed_words_for_everyone(world, published, client_for):
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)
    fields = {f: getattr(draft, f) for f in services.EDITABLE_FIELDS}
    services.agreement_draft_update(
        actor=world.users["convener_admin"],
        version=draft,
        **{**fields, "vision": VISION.replace("joined-up", "timely")},
    )

    html = text(client_for("observer").get(version_url("changes", draft)))

    assert (
        '<del class="consortia-diff__del"><span class="govuk-visually-hidden">[removed: </span>joined-up'
        in html
    )
    assert (
        '<ins class="consortia-diff__ins"><span class="govuk-visually-hidden">[added: </span>timely' in html
    )
    assert "Not changed" in html and "Aims" in html


def test_the_readiness_page_shows_each_item_with_its_state(world, draft, client_for):
    html = text(client_for("observer").get(url("readiness", world)))

    for heading in ("Who", "Why", "What"):
        assert f'<h2 class="govuk-heading-m" id="{heading.lower()}">{heading}</h2>' in html
    assert "Vision and aims" in html and "Fully in place" in html and "Not in place" in html
    assert version_url("draft_edit", draft) not in html  # the observer cannot change it


def test_the_printable_page_holds_the_agreement(world, published, client_for):
    response = client_for("participant").get(version_url("print", published))

    assert response.status_code == 200
    assert VISION in text(response) and "consortia-agreement--print" in text(response)


# --- changing, publishing, endorsing through the pages --------------------------------------------


def test_core_members_draft_and_the_convener_publishes_and_partners_endorse(world, client_for):
    member, convener, core_admin = (
        client_for(p) for p in ("partner_member", "convener_admin", "partner_admin")
    )

    started = member.post(url("draft_start", world))
    draft = AgreementVersion.objects.get()
    edited = member.post(version_url("draft_edit", draft), {**FORM, "review_date": next_year().isoformat()})
    objective = member.post(
        version_url("objective_add", draft),
        {
            "text": "Advise 200 carers",
            "measure": "Carers advised",
            "owner": str(world.core_partner.uuid),
            "due": next_year().isoformat(),
        },
    )
    role = member.post(
        version_url("role_set", draft, world.core_partner.uuid), {"responsibilities": "Runs the drop-in."}
    )
    published = convener.post(version_url("publish", draft))
    first = core_admin.post(version_url("endorse", draft, world.core_partner.uuid))
    last = convener.post(version_url("endorse", draft, world.convener_partner.uuid))

    assert [r.status_code for r in (started, edited, objective, role, published, first, last)] == [302] * 7
    assert started["Location"] == version_url("version", draft)
    draft.refresh_from_db()
    assert (draft.status, draft.vision, draft.quorum_percent) == (
        "published",
        "Carers get timely advice.",
        50,
    )
    assert draft.objectives.get().owner == world.core_partner
    assert draft.roles.get().responsibilities == "Runs the drop-in."
    assert draft.in_force_at is not None
    page = text(convener.get(last["Location"]))
    assert "it is now in force" in page and "In force" in page


def test_a_role_left_empty_is_taken_out_of_the_draft(world, draft, client_for):
    response = client_for("partner_admin").post(
        version_url("role_set", draft, world.core_partner.uuid), {"responsibilities": "  "}
    )

    assert response.status_code == 302
    assert not draft.roles.filter(partner=world.core_partner).exists()


def test_an_objective_is_removed_from_a_draft(world, draft, client_for):
    objective = draft.objectives.get()

    response = client_for("convener_admin").post(version_url("objective_remove", draft, objective.uuid))

    assert response.status_code == 302
    assert not draft.objectives.exists()


# --- bad input --------------------------------------------------------------------------------------


def test_it_answers_409_for_endorsing_a_superseded_version(world, published, client_for):
    published_in(world, vision="Newer.")
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(version_url("endorse", published, world.core_partner.uuid))

    assert response.status_code == 409
    assert "replaced by a newer version" in problem_message(response)
    assert snapshot() == before


def test_it_answers_409_for_endorsing_twice(world, published, client_for):
    client = client_for("partner_admin")
    client.post(version_url("endorse", published, world.core_partner.uuid))
    before = snapshot()

    response = client.post(version_url("endorse", published, world.core_partner.uuid))

    assert response.status_code == 409
    assert "already endorsed" in problem_message(response)
    assert snapshot() == before
    assert Endorsement.objects.count() == 1


def test_it_answers_409_for_endorsing_a_draft(world, draft, client_for):
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(version_url("endorse", draft, world.core_partner.uuid))

    assert response.status_code == 409
    assert "is a draft" in problem_message(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("persona", "partner"),
    [
        ("convener_admin", "core_partner"),
        ("partner_admin", "convener_partner"),
        ("partner_member", "core_partner"),
        ("observer", "observer_partner"),
        ("participant", "core_partner"),
        ("site_admin", "convener_partner"),
    ],
)
def test_it_answers_404_for_endorsing_for_an_organisation_one_does_not_represent(
    world, published, client_for, persona, partner
):
    client = client_for(persona)
    before = snapshot()

    response = client.post(version_url("endorse", published, getattr(world, partner).uuid))

    assert response.status_code == 404
    assert snapshot() == before


def test_it_answers_400_for_publishing_without_a_vision(world, client_for):
    draft = draft_in(world, vision="")
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(version_url("publish", draft))

    assert response.status_code == 400
    assert "vision before publishing" in problem_message(response)
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("page", ["draft_edit", "objective_add", "publish"])
def test_it_answers_409_for_changing_a_published_version(world, published, client_for, page, method):
    client = client_for("convener_admin")
    before = snapshot()

    response = getattr(client, method)(version_url(page, published), FORM)

    assert response.status_code == 409
    assert "can no longer be changed" in problem_message(response)
    assert snapshot() == before


def test_it_answers_409_for_removing_an_objective_of_a_published_version(world, published, client_for):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(version_url("objective_remove", published, published.objectives.get().uuid))

    assert response.status_code == 409
    assert snapshot() == before


def test_it_answers_409_for_a_second_draft(world, draft, client_for):
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(url("draft_start", world))

    assert response.status_code == 409
    assert "already being drafted" in problem_message(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("quorum_percent", "0", "Enter a quorum between 1 and 100, as a whole number"),
        ("quorum_percent", "101", "Enter a quorum between 1 and 100, as a whole number"),
        ("quorum_percent", "half", "Enter a quorum between 1 and 100, as a whole number"),
        ("quorum_percent", "", "Enter a quorum between 1 and 100, as a whole number"),
        ("spending_threshold_gbp", "-1", "The amount must be £0 or more"),
        ("spending_threshold_gbp", "lots", "Enter an amount in pounds, like 500 or 1250.50"),
        ("spending_threshold_gbp", "1e12", "The amount must be £1,000,000,000 or less"),
        ("spending_threshold_gbp", "1.234", "no more than 2 decimal places"),
        (
            "spending_approvals",
            "0",
            "Enter the number of partners who must approve between 1 and 50",
        ),
        ("decision_rule", "coin_toss", "Choose one of the ways of making decisions"),
        ("review_date", "2001-01-01", "The review date must be today or in the future"),
        ("review_date", "31/02/2027", "Enter the review date as a real date, like 2027-03-31"),
        ("vision", "x" * 3001, "Vision must be 3,000 characters or fewer"),
        (
            "joining_and_leaving",
            "x" * 3001,
            "How a partner joins or leaves must be 3,000 characters or fewer",
        ),
        ("meeting_rhythm", "x" * 201, "Meeting rhythm must be 200 characters or fewer"),
    ],
)
def test_it_answers_400_with_a_clear_message_for_bad_draft_values(
    world, draft, client_for, field, value, message
):
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(version_url("draft_edit", draft), {**FORM, field: value})

    assert response.status_code == 400
    assert message in inline_error(response, field)
    assert message in error_summary(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("owner", "message"),
    [
        ("elsewhere", "Choose a partner of this partnership"),
        ("observer", "Choose a partner of this partnership"),
        ("random", "Choose a partner of this partnership"),
        ("not-a-uuid", "Choose a partner of this partnership"),
        ("", "Choose the partner responsible for the objective"),
    ],
)
def test_it_answers_400_for_an_objective_owner_from_elsewhere(world, draft, client_for, owner, message):
    value = {
        "elsewhere": lambda: str(PartnerFactory(partnership=PartnershipFactory()).uuid),
        "observer": lambda: str(world.observer_partner.uuid),
        "random": lambda: str(uuid.uuid4()),
    }.get(owner, lambda: owner)()
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        version_url("objective_add", draft),
        {"text": "X", "measure": "Y", "owner": value, "due": next_year().isoformat()},
    )

    assert response.status_code == 400
    assert message in inline_error(response, "owner")
    assert snapshot() == before


def test_it_answers_400_for_an_objective_without_words_or_with_a_past_date(world, draft, client_for):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        version_url("objective_add", draft),
        {"text": "", "measure": "x" * 301, "owner": str(world.core_partner.uuid), "due": "2001-01-01"},
    )

    assert response.status_code == 400
    assert "Enter the objective" in inline_error(response, "text")
    assert "How you will know it is done must be 300 characters or fewer" in inline_error(response, "measure")
    assert "The date must be today or in the future" in inline_error(response, "due")
    assert snapshot() == before


def test_it_answers_404_for_a_role_of_an_observer_or_a_partner_elsewhere(world, draft, client_for):
    client = client_for("convener_admin")
    partner_elsewhere = PartnerFactory()
    before = snapshot()

    observer = client.post(
        version_url("role_set", draft, world.observer_partner.uuid), {"responsibilities": "X"}
    )
    elsewhere = client.post(version_url("role_set", draft, partner_elsewhere.uuid), {"responsibilities": "X"})

    assert (observer.status_code, elsewhere.status_code) == (404, 404)
    assert snapshot() == before


def test_it_answers_404_for_unknown_or_malformed_ids(world, published, client_for):
    p, v, core = world.partnership.uuid, published.uuid, world.core_partner.uuid
    unknown = uuid.uuid4()
    other = published_in_other_partnership()
    urls = [
        ("get", f"/partnerships/{unknown}/agreement/"),
        ("get", "/partnerships/not-a-uuid/agreement/"),
        ("get", f"/partnerships/{p}/agreement/versions/{unknown}/"),
        ("get", f"/partnerships/{p}/agreement/versions/1/"),
        ("get", f"/partnerships/{p}/agreement/versions/{other.uuid}/"),  # another partnership's
        ("get", f"/partnerships/{p}/agreement/versions/{v}0/changes/"),
        ("get", f"/partnerships/{p}/agreement/versions/{unknown}/pdf/"),
        ("get", f"/partnerships/{p}/agreement/versions/{unknown}/print/"),
        ("post", f"/partnerships/{p}/agreement/versions/{unknown}/endorse/{core}/"),
        ("post", f"/partnerships/{p}/agreement/versions/{v}/endorse/{unknown}/"),
        ("post", f"/partnerships/{p}/agreement/versions/{other.uuid}/endorse/{core}/"),
        ("post", f"/partnerships/{p}/agreement/versions/{v}/objectives/{unknown}/remove/"),
        ("post", f"/partnerships/{p}/agreement/versions/{unknown}/publish/"),
        ("get", f"/partnerships/{unknown}/agreement/readiness/"),
    ]
    clients = [client_for(persona) for persona in ("convener_admin", "partner_admin")]
    before = snapshot()

    for client in clients:
        for method, address in urls:
            assert getattr(client, method)(address).status_code == 404, address

    assert snapshot() == before


def published_in_other_partnership() -> AgreementVersion:
    return AgreementVersion.objects.create(
        partnership=PartnershipFactory(),
        number=1,
        status="published",
        published_at=timezone.now(),
        vision="V",
    )


def test_hostile_markup_is_shown_as_text_everywhere(world, client_for):
    hostile = f"{SCRIPT} {IMG}"
    version = published_in(
        world,
        vision=hostile,
        aims=hostile,
        principles=hostile,
        meeting_rhythm=IMG,
        joining_and_leaving=hostile,
    )
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)
    services.agreement_role_set(
        actor=world.users["convener_admin"],
        version=draft,
        partner=world.core_partner,
        responsibilities=hostile,
    )
    services.agreement_objective_add(
        actor=world.users["convener_admin"],
        version=draft,
        text=hostile,
        measure=IMG,
        owner=world.core_partner,
        due=next_year(),
    )
    client = client_for("observer")

    for address in (
        url("detail", world),
        version_url("version", version),
        version_url("version", draft),
        version_url("changes", draft),
        version_url("print", version),
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        assert_inert(text(response), address)
        assert "&lt;script&gt;" in text(response), address


def test_a_past_review_date_on_a_draft_is_refused_at_publication(world, client_for):
    draft = draft_in(world)
    AgreementVersion.objects.filter(pk=draft.pk).update(review_date=timezone.localdate() - timedelta(days=1))
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(version_url("publish", draft))

    assert response.status_code == 400
    assert "The review date must be today or in the future" in problem_message(response)
    assert snapshot() == before
