"""The canvas pages: reading and changing through them, and who is refused."""

import pytest
from django.urls import reverse

from consortia.canvas.models import Canvas, Indicator, Need, Outcome, PartnerStatement, Pledge
from consortia.core.factories import (
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    OutcomeFactory,
    PledgeFactory,
)
from consortia.core.models import Event
from consortia.core.testing import error_summary, problem_message, snapshot, text

from .conftest import PAGES, indicator_form, need_form, pledge_form, url

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
