"""The canvas pages end to end: what each persona sees and can do, and bad input —
every refusal is a clear message with a 4xx (never a 500) and leaves the database
exactly as it was."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.canvas.models import Canvas, CanvasComment, Indicator, Need, Outcome, PartnerStatement, Pledge
from consortia.core.factories import (
    IndicatorFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnershipFactory,
    PledgeFactory,
)
from consortia.core.models import Event
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

TODAY = timezone.localdate
PAGES = ["overview", "purpose", "outcomes", "needs", "pledges", "gaps"]


def url(world, name: str, *args) -> str:
    return reverse(f"canvas:{name}", args=[world.partnership.uuid, *args])


def need_form(**overrides) -> dict:
    return {
        "category": "premises",
        "description": "A room for a weekly drop-in",
        "quantity": "50",
        "unit": "hours",
        "needed_by": "",
        "priority": "essential",
        **overrides,
    }


def pledge_form(**overrides) -> dict:
    return {
        "need": "",
        "category": "premises",
        "description": "Our hall on Tuesday mornings",
        "quantity": "20",
        "unit": "hours",
        "value_gbp": "400",
        "availability": "From March",
        **overrides,
    }


def indicator_form(**overrides) -> dict:
    return {
        "question": "better_off",
        "name": "Carers who feel less alone",
        "unit": "%",
        "baseline": "20",
        "target": "60",
        "target_date": (TODAY() + timedelta(days=365)).isoformat(),
        **overrides,
    }


@pytest.fixture
def filled(world):
    """A canvas with one of everything."""
    outcome = OutcomeFactory(partnership=world.partnership, statement="Carers feel less alone")
    IndicatorFactory(outcome=outcome, name="Carers who say so")
    need = NeedFactory(partnership=world.partnership, description="A drop-in room")
    need.outcomes.add(outcome)
    PledgeFactory(partner=world.core_partner, need=need, description="Our meeting room")
    PartnerStatement.objects.create(partner=world.core_partner, wants="To reach new carers")
    CanvasComment.objects.create(partnership=world.partnership, step="needs", body="Fridays too?")
    return world


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["observer", "partner_member", "convener_admin", "participant", "site_admin"]
)
def test_it_shows_every_canvas_page_to_those_who_see_the_partnership_and_changes_nothing(
    filled, client_for, persona
):
    client = client_for(persona)
    before = snapshot()

    pages = {page: client.get(url(filled, page)) for page in PAGES}

    assert {page: r.status_code for page, r in pages.items()} == dict.fromkeys(PAGES, 200)
    assert "Carers feel less alone" in text(pages["outcomes"])
    assert "Our meeting room" in text(pages["pledges"]) and "To reach new carers" in text(pages["pledges"])
    assert "Fridays too?" in text(pages["needs"])
    assert snapshot() == before
    assert not Canvas.objects.exists()  # reading never creates the canvas row


def test_it_shows_the_task_list_with_each_steps_status(world, client_for):
    OutcomeFactory(partnership=world.partnership)
    Canvas.objects.create(partnership=world.partnership, completed_steps=["outcomes"])

    html = text(client_for("observer").get(url(world, "overview")))

    assert 'class="govuk-task-list"' in html
    assert html.count('<li class="govuk-task-list__item') == 4
    assert '<div class="govuk-task-list__status" id="step-outcomes-status">\n          Done' in html
    assert ">Not started</strong>" in html and ">In progress</strong>" in html


@pytest.mark.parametrize(
    ("persona", "edits", "comments", "pledges"),
    [
        ("observer", False, False, False),
        ("participant", False, True, False),
        ("partner_member", True, True, True),
        ("convener_admin", True, True, False),
    ],
)
def test_it_offers_each_persona_only_what_it_may_do(filled, client_for, persona, edits, comments, pledges):
    client = client_for(persona)

    needs = text(client.get(url(filled, "needs")))
    pledge_page = text(client.get(url(filled, "pledges")))

    assert (url(filled, "need_add") in needs) is edits
    assert ("Have you completed this section?" in needs) is edits
    assert (url(filled, "comment_add", "needs") in needs) is comments
    assert (url(filled, "pledge_add", filled.core_partner.uuid) in pledge_page) is pledges


def test_it_shows_gaps_with_uncovered_needs_first_as_a_warning_and_who_could_help(world, client_for):
    covered = NeedFactory(partnership=world.partnership, description="Covered room", quantity=5)
    NeedFactory(
        partnership=world.partnership, description="Uncovered minibus", category="equipment", unit="items"
    )
    PledgeFactory(partner=world.core_partner, need=covered, quantity=5, value_gbp=300)
    helper = OrganisationFactory(name="Eastbridge Minibus Trust", listed_in_directory=True)
    OfferFactory(organisation=helper, category="equipment", description="A 16-seat minibus")

    html = text(client_for("partner_member").get(url(world, "gaps")))

    assert html.index("Uncovered minibus") < html.index("Covered room")
    assert "govuk-warning-text" in html and "1 need has nothing pledged towards it yet." in html
    assert reverse("organisations:detail", args=[helper.uuid]) in html
    assert "A 16-seat minibus" in html
    assert f"{url(world, 'pledge_add', world.core_partner.uuid)}?need=" in html
    # The bar chart is hidden from screen readers, and a captioned table says the same.
    assert '<div class="consortia-bar-chart" aria-hidden="true">' in html
    assert "consortia-bar-chart__bar--100" in html
    assert '<caption class="govuk-table__caption govuk-table__caption--s">Pledges by partner' in html
    assert "style=" not in html


# --- changing ----------------------------------------------------------------------------------


def test_it_lets_an_editor_build_the_canvas_step_by_step(world, client_for):
    client = client_for("partner_member")

    responses = [
        client.post(
            url(world, "purpose_edit"),
            {
                "purpose": "Carers get joined-up advice",
                "beneficiaries": "Carers",
                "why_together": "",
                "area": "North",
            },
        ),
        client.post(url(world, "outcome_add"), {"statement": "Carers feel less alone", "description": ""}),
    ]
    outcome = Outcome.objects.get()
    responses += [
        client.post(url(world, "indicator_add", outcome.uuid), indicator_form()),
        client.post(url(world, "need_add"), need_form(outcomes=[str(outcome.uuid)])),
        client.post(url(world, "step_complete", "outcomes"), {"completed": "yes"}),
        client.post(url(world, "comment_add", "needs"), {"body": "Is Friday possible?"}),
    ]

    assert [r.status_code for r in responses] == [302] * 6
    assert responses[4]["Location"] == url(world, "overview")
    need = Need.objects.get()
    assert list(need.outcomes.all()) == [outcome]
    assert Indicator.objects.get().outcome == outcome
    assert Canvas.objects.get().completed_steps == ["outcomes"]
    assert list(Event.objects.order_by("id").values_list("verb", flat=True)) == [
        "canvas.purpose_updated",
        "outcome.added",
        "indicator.added",
        "need.added",
        "canvas.step_completed",
        "canvas.commented",
    ]


def test_it_lets_a_partner_pledge_towards_a_need_and_say_what_it_wants(world, client_for):
    need = NeedFactory(partnership=world.partnership)
    client = client_for("partner_member")

    form_page = client.get(url(world, "pledge_add", world.core_partner.uuid) + f"?need={need.uuid}")
    pledged = client.post(url(world, "pledge_add", world.core_partner.uuid), pledge_form(need=str(need.uuid)))
    said = client.post(url(world, "statement_edit", world.core_partner.uuid), {"wants": "New carers"})

    assert f'<option value="{need.uuid}" selected>' in text(form_page)
    assert (pledged.status_code, said.status_code) == (302, 302)
    pledge = Pledge.objects.get()
    assert (pledge.partner, pledge.need, pledge.value_gbp) == (world.core_partner, need, 400)
    assert PartnerStatement.objects.get().wants == "New carers"
    assert list(Event.objects.values_list("organisation", flat=True)) == [world.core_org.pk] * 2


def test_it_values_a_money_pledge_at_its_amount_when_no_value_is_given(world, client_for):
    response = client_for("partner_admin").post(
        url(world, "pledge_add", world.core_partner.uuid),
        pledge_form(category="funding", unit="gbp", quantity="£2,500", value_gbp=""),
    )

    assert response.status_code == 302
    assert (Pledge.objects.get().quantity, Pledge.objects.get().value_gbp) == (2500, 2500)


def test_it_changes_and_removes_what_it_shows(filled, client_for):
    need, pledge = Need.objects.get(), Pledge.objects.get()
    editor, pledger = client_for("convener_admin"), client_for("partner_admin")

    changed = editor.post(url(filled, "need_edit", need.uuid), need_form(quantity="80"))
    withdrawn = pledger.post(url(filled, "pledge_remove", pledge.uuid))
    removed = editor.post(url(filled, "need_remove", need.uuid))

    assert [r.status_code for r in (changed, withdrawn, removed)] == [302] * 3
    assert not Need.objects.exists() and not Pledge.objects.exists()


# --- refusals: who --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["observer", "participant", "outsider", "site_admin"])
def test_it_answers_404_to_those_who_may_not_edit(filled, client_for, persona):
    outcome, need = Outcome.objects.get(), Need.objects.get()
    client = client_for(persona)
    before = snapshot()

    answers = [
        client.get(url(filled, "purpose_edit")).status_code,
        client.post(url(filled, "outcome_add"), {"statement": "Taken over"}).status_code,
        client.post(url(filled, "outcome_remove", outcome.uuid)).status_code,
        client.post(url(filled, "need_edit", need.uuid), need_form()).status_code,
        client.post(url(filled, "step_complete", "needs"), {"completed": "yes"}).status_code,
        client.post(url(filled, "pledge_add", filled.core_partner.uuid), pledge_form()).status_code,
    ]

    assert answers == [404] * 6
    assert snapshot() == before


@pytest.mark.parametrize(
    ("persona", "partner"),
    [
        ("partner_admin", "convener_partner"),
        ("convener_admin", "core_partner"),
        ("observer", "observer_partner"),
    ],
)
def test_it_answers_404_for_pledging_for_a_partner_you_do_not_act_for(world, client_for, persona, partner):
    client = client_for(persona)
    before = snapshot()

    response = client.post(url(world, "pledge_add", getattr(world, partner).uuid), pledge_form())

    assert response.status_code == 404
    assert snapshot() == before


def test_it_answers_404_for_changing_another_partners_pledge(filled, client_for):
    pledge = Pledge.objects.get()  # the core partner's
    client = client_for("convener_admin")
    before = snapshot()

    changed = client.post(url(filled, "pledge_edit", pledge.uuid), pledge_form())
    removed = client.post(url(filled, "pledge_remove", pledge.uuid))

    assert (changed.status_code, removed.status_code) == (404, 404)
    assert snapshot() == before


def test_it_lets_observers_read_comments_but_not_add_them(filled, client_for):
    client = client_for("observer")
    before = snapshot()

    response = client.post(url(filled, "comment_add", "needs"), {"body": "Me too"})

    assert response.status_code == 404
    assert snapshot() == before


def test_it_refuses_changes_once_the_partnership_has_closed(filled, client_for):
    filled.partnership.status = "closed"
    filled.partnership.save()
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(url(filled, "outcome_add"), {"statement": "Late"})
    removed = client.post(url(filled, "need_remove", Need.objects.get().uuid))

    assert response.status_code == 409 and "has closed" in error_summary(response)
    assert removed.status_code == 409 and "has closed" in problem_message(removed)
    assert snapshot() == before


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
