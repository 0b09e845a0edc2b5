"""The agreement pages: reading, and changing, publishing and endorsing through them."""

import pytest
from django.urls import reverse

from consortia.agreements import services
from consortia.agreements.models import AgreementVersion
from consortia.core.testing import text

from .conftest import FORM, VISION, endorse_all, next_year, published_in, url, version_url

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
