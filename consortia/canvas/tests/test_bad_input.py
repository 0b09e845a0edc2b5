"""Bad input through the canvas pages: every refusal is a clear message with a 4xx
(never a 500) and leaves the database exactly as it was."""

import uuid
from datetime import timedelta

import pytest

from consortia.canvas.models import Indicator, Need, Outcome, Pledge
from consortia.core.factories import (
    IndicatorFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnershipFactory,
)
from consortia.core.testing import IMG, SCRIPT, assert_inert, error_summary, inline_error, snapshot, text

from .conftest import PAGES, TODAY, indicator_form, need_form, pledge_form, url

# --- refusals: bad input -------------------------------------------------------------------------

QUANTITY_ERRORS = {
    "0": "Enter a quantity greater than 0",
    "-1": "Enter a quantity greater than 0",
    "0.001": "Enter a quantity with no more than 2 decimal places",
    "1e12": "Enter a quantity of 1,000,000,000 or less",
    "99999999999999999999": "Enter a quantity of 1,000,000,000 or less",
    "lots": "Enter a quantity as a number, like 12 or 12.5",
    "NaN": "Enter a quantity as a number, like 12 or 12.5",
    "Infinity": "Enter a quantity as a number, like 12 or 12.5",
    "-Infinity": "Enter a quantity as a number, like 12 or 12.5",
    "": "Enter a quantity",
}


@pytest.mark.parametrize(("quantity", "says"), QUANTITY_ERRORS.items())
@pytest.mark.parametrize("form", ["need", "pledge"])
def test_it_refuses_a_negative_or_absurd_quantity_with_one_clear_message(
    world, client_for, form, quantity, says
):
    if form == "need":
        client, target, data = (
            client_for("convener_admin"),
            url(world, "need_add"),
            need_form(quantity=quantity),
        )
    else:
        client = client_for("partner_admin")
        target, data = url(world, "pledge_add", world.core_partner.uuid), pledge_form(quantity=quantity)
    before = snapshot()

    response = client.post(target, data)

    assert response.status_code == 400
    assert inline_error(response, "quantity").endswith(f"</span> {says}")
    assert says in error_summary(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("category", "unit", "says"),
    [
        ("funding", "hours", "For funding, choose £"),
        ("premises", "gbp", "For premises and office space, choose hours, days, sessions or square metres"),
        ("premises", "", "Choose a unit"),
        ("premises", "parsecs", "Choose a unit from the list"),
    ],
)
def test_it_refuses_a_unit_that_does_not_fit_naming_the_allowed_units(
    world, client_for, category, unit, says
):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(url(world, "need_add"), need_form(category=category, unit=unit))

    assert response.status_code == 400
    assert says in inline_error(response, "unit")
    assert snapshot() == before


def test_it_refuses_a_pledge_against_another_partnerships_need(world, client_for):
    elsewhere = NeedFactory(partnership=PartnershipFactory())
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(
        url(world, "pledge_add", world.core_partner.uuid), pledge_form(need=str(elsewhere.uuid))
    )

    assert response.status_code == 400
    assert "Choose a need from this partnership" in inline_error(response, "need")
    assert snapshot() == before


def test_it_refuses_a_need_serving_another_partnerships_outcome(world, client_for):
    elsewhere = OutcomeFactory(partnership=PartnershipFactory())
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(url(world, "need_add"), need_form(outcomes=[str(elsewhere.uuid)]))

    assert response.status_code == 400
    assert "Choose outcomes of this partnership" in inline_error(response, "outcomes")
    assert snapshot() == before


def test_it_asks_for_a_value_of_an_in_kind_pledge(world, client_for):
    client = client_for("partner_admin")
    before = snapshot()

    response = client.post(url(world, "pledge_add", world.core_partner.uuid), pledge_form(value_gbp=""))

    assert response.status_code == 400
    assert "Enter an estimated value in £" in inline_error(response, "value_gbp")
    assert snapshot() == before


@pytest.mark.parametrize("when", ["yesterday", "long ago"])
def test_it_refuses_a_target_date_in_the_past(world, client_for, when):
    outcome = OutcomeFactory(partnership=world.partnership)
    past = (TODAY() - timedelta(days=1 if when == "yesterday" else 3650)).isoformat()
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(url(world, "indicator_add", outcome.uuid), indicator_form(target_date=past))

    assert response.status_code == 400
    assert "The target date must be today or in the future" in inline_error(response, "target_date")
    assert snapshot() == before


def test_it_refuses_changing_an_indicator_to_a_past_target_date(world, client_for):
    indicator = IndicatorFactory(outcome=OutcomeFactory(partnership=world.partnership))
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        url(world, "indicator_edit", indicator.uuid),
        indicator_form(target_date=(TODAY() - timedelta(days=1)).isoformat()),
    )

    assert response.status_code == 400
    assert "today or in the future" in inline_error(response, "target_date")
    assert snapshot() == before


@pytest.mark.parametrize(
    ("needed_by", "says"),
    [
        ("2001-01-01", "must be today or in the future"),
        ("31/02/2030", "Enter a real date"),
        ("soon", "Enter a real date"),
    ],
)
def test_it_refuses_a_need_by_date_in_the_past_or_not_a_date(world, client_for, needed_by, says):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(url(world, "need_add"), need_form(needed_by=needed_by))

    assert response.status_code == 400
    assert says in inline_error(response, "needed_by")
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "field", "data", "says"),
    [
        ("outcome_add", "statement", {"statement": "x" * 301}, "Outcome must be 300 characters or fewer"),
        (
            "need_add",
            "description",
            need_form(description="x" * 501),
            "What is needed must be 500 characters",
        ),
        ("purpose_edit", "area", {"purpose": "P", "area": "x" * 201}, "Area served must be 200 characters"),
        ("comment_add", "body", {"body": "x" * 2001}, "Add a comment must be 2,000 characters or fewer"),
        ("comment_add", "body", {"body": "   "}, "Enter a comment"),
        ("step_complete", "completed", {}, "Select yes if you have completed this section"),
        (
            "step_complete",
            "completed",
            {"completed": "maybe"},
            "Select yes if you have completed this section",
        ),
    ],
)
def test_it_refuses_over_long_or_missing_text(world, client_for, name, field, data, says):
    args = ["needs"] if name in ("comment_add", "step_complete") else []
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(url(world, name, *args), data)

    assert response.status_code == 400
    assert says in inline_error(response, field)
    assert text(response).count("<title>Error: ") == 1
    assert snapshot() == before


def test_it_will_not_mark_an_empty_step_as_done(world, client_for):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(url(world, "step_complete", "pledges"), {"completed": "yes"})

    assert response.status_code == 400
    assert "before marking it as done" in inline_error(response, "completed")
    assert snapshot() == before


def test_it_answers_404_for_unknown_or_malformed_ids(filled, client_for):
    p = filled.partnership.uuid
    unknown = uuid.uuid4()
    base = f"/partnerships/{p}/canvas"
    elsewhere_need = NeedFactory(partnership=PartnershipFactory()).uuid
    requests = [
        ("get", f"/partnerships/{unknown}/canvas/"),
        ("get", "/partnerships/not-a-uuid/canvas/"),
        ("get", f"/partnerships/{unknown}/canvas/gaps/"),
        ("get", f"{base}/outcomes/{unknown}/edit/"),
        ("get", f"{base}/outcomes/not-a-uuid/edit/"),
        ("post", f"{base}/outcomes/{unknown}/remove/"),
        ("get", f"{base}/outcomes/{unknown}/indicators/new/"),
        ("get", f"{base}/indicators/{unknown}/edit/"),
        ("post", f"{base}/indicators/{unknown}/remove/"),
        ("get", f"{base}/needs/{unknown}/edit/"),
        ("get", f"{base}/needs/{elsewhere_need}/edit/"),
        ("post", f"{base}/needs/{elsewhere_need}/remove/"),
        ("get", f"{base}/partners/{unknown}/pledges/new/"),
        ("get", f"{base}/partners/{unknown}/statement/"),
        ("get", f"{base}/pledges/{unknown}/edit/"),
        ("post", f"{base}/pledges/{unknown}/remove/"),
        ("post", f"{base}/steps/budget/complete/"),
        ("post", f"{base}/steps/{'x' * 5000}/comments/"),
        ("get", f"{base}/export/budget.csv"),
        ("get", f"{base}/export/needs.xlsx"),
    ]
    clients = [client_for("convener_admin"), client_for("partner_admin")]
    before = snapshot()

    for client in clients:
        for method, path in requests:
            response = getattr(client, method)(
                path, {"completed": "yes", "body": "x"} if method == "post" else None
            )
            assert response.status_code == 404, path

    assert snapshot() == before


def test_it_ignores_a_need_in_the_pledge_link_that_is_not_this_partnerships(world, client_for):
    elsewhere = NeedFactory(partnership=PartnershipFactory())
    client = client_for("partner_admin")

    for value in [str(elsewhere.uuid), "not-a-uuid", "' OR 1=1"]:
        response = client.get(url(world, "pledge_add", world.core_partner.uuid), {"need": value})
        assert response.status_code == 200
        assert '<option value="" selected>Not against a specific need</option>' in text(response)


# --- hostile markup -----------------------------------------------------------------------------------


def test_it_renders_hostile_markup_inert_on_every_canvas_page(world, client_for):
    hostile = f"{SCRIPT}{IMG}"
    editor, pledger = client_for("convener_admin"), client_for("partner_admin")
    responses = [
        editor.post(
            url(world, "purpose_edit"),
            {"purpose": hostile, "beneficiaries": hostile, "why_together": hostile, "area": IMG},
        ),
        editor.post(url(world, "outcome_add"), {"statement": hostile[:300], "description": hostile}),
    ]
    outcome = Outcome.objects.get()
    responses += [
        editor.post(url(world, "indicator_add", outcome.uuid), indicator_form(name=hostile, unit=IMG[:40])),
        editor.post(url(world, "need_add"), need_form(description=hostile, outcomes=[str(outcome.uuid)])),
    ]
    need = Need.objects.get()
    responses += [
        pledger.post(
            url(world, "pledge_add", world.core_partner.uuid),
            pledge_form(need=str(need.uuid), description=hostile, availability=IMG),
        ),
        pledger.post(url(world, "statement_edit", world.core_partner.uuid), {"wants": hostile}),
        pledger.post(url(world, "comment_add", "needs"), {"body": hostile}),
    ]
    helper = OrganisationFactory(name=hostile, area_served="", listed_in_directory=True)
    OfferFactory(organisation=helper, category="premises", description=hostile)
    NeedFactory(partnership=world.partnership, description="Uncovered", category="premises")
    assert [r.status_code for r in responses] == [302] * 7

    pages = [url(world, page) for page in PAGES] + [
        url(world, "outcome_edit", outcome.uuid),
        url(world, "need_edit", need.uuid),
        url(world, "pledge_edit", Pledge.objects.get().uuid),
        url(world, "indicator_edit", Indicator.objects.get().uuid),
    ]
    for page in pages:
        response = pledger.get(page) if "pledges/" in page else editor.get(page)
        assert response.status_code == 200, page
        assert_inert(text(response), page)


def test_it_echoes_hostile_markup_inert_in_a_refused_form(world, client_for):
    response = client_for("convener_admin").post(
        url(world, "need_add"), need_form(description=SCRIPT, quantity=IMG)
    )

    assert response.status_code == 400
    assert_inert(text(response), "need_add")
