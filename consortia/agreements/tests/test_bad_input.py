"""Bad input through the agreement pages: every refusal is a clear message with a
4xx (never a 500) and leaves the database exactly as it was."""

import uuid
from datetime import timedelta

import pytest
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

from .conftest import FORM, draft_in, next_year, published_in, url, version_url

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
