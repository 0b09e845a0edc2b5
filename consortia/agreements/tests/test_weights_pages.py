"""Voting weights as read (selectors) and shown and set through the pages."""

import re

import pytest
from django.urls import reverse

from consortia.agreements import selectors, services
from consortia.agreements.models import AgreementVersion, Weighting
from consortia.core.testing import assert_event, error_summary, inline_error, problem_message, snapshot, text

from .conftest import REASON, draft_in, endorse_all, row, set_weights, stored, version_url


def weights_section(html: str) -> str:
    """The "Voting weights" section of a version's page, up to the next section."""
    found = re.search(r'id="weights">Voting weights</h2>(.*?)<h2 class="govuk-heading-m" id=', html, re.S)
    assert found, "no voting weights section on the page"
    return found.group(1)


def votes_shown(section: str) -> dict[str, str]:
    """{organisation name: votes} from the section's table."""
    return dict(
        re.findall(
            r'<th scope="row" class="govuk-table__header">(.*?)</th>\s*'
            r'<td class="govuk-table__cell govuk-table__cell--numeric" data-label="Votes">(.*?)</td>',
            section,
            re.S,
        )
    )


def with_parts(version):
    return AgreementVersion.objects.prefetch_related(*selectors.version_parts()).get(pk=version.pk)


# --- selectors -----------------------------------------------------------------------------------


def test_no_weights_without_a_version_in_force(world):
    assert selectors.agreement_vote_weights(world.partnership) == (None, None)

    weighted = draft_in(world)
    set_weights(world, weighted)
    assert selectors.agreement_vote_weights(world.partnership) == (None, None)  # a draft

    services.agreement_publish(actor=world.users["convener_admin"], version=weighted)
    assert selectors.agreement_vote_weights(world.partnership) == (None, None)  # not yet endorsed


def test_an_equal_version_in_force_gives_no_weights(world, published):
    endorse_all(world, published)

    assert selectors.agreement_vote_weights(world.partnership) == (published, None)


def test_a_stated_version_in_force_gives_the_votes_by_partner(world):
    draft = draft_in(world)
    set_weights(world, draft, votes={world.convener_partner: 2, world.core_partner: 5})
    version = services.agreement_publish(actor=world.users["convener_admin"], version=draft)
    endorse_all(world, version)

    in_force, weights = selectors.agreement_vote_weights(world.partnership)

    assert in_force == version
    assert weights == {world.convener_partner.pk: 2, world.core_partner.pk: 5}


def test_stated_weights_with_every_partner_on_one_vote_are_an_empty_dict(world):
    draft = draft_in(world)
    set_weights(world, draft, votes={world.core_partner: 1})
    version = services.agreement_publish(actor=world.users["convener_admin"], version=draft)
    endorse_all(world, version)

    assert selectors.agreement_vote_weights(world.partnership) == (version, {})


def test_the_weights_in_force_stay_until_the_next_version_is_endorsed(world, published):
    endorse_all(world, published)
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)
    set_weights(world, draft)
    second = services.agreement_publish(actor=world.users["convener_admin"], version=draft)

    assert selectors.agreement_vote_weights(world.partnership) == (published, None)

    endorse_all(world, second)

    assert selectors.agreement_vote_weights(world.partnership) == (second, {world.core_partner.pk: 5})


def test_weight_rows_list_every_partner_on_a_draft_and_the_named_ones_once_published(world, draft):
    set_weights(world, draft, votes={world.convener_partner: 1, world.core_partner: 5})
    partners = [world.convener_partner, world.core_partner]

    rows = selectors.weight_rows(with_parts(draft), partners)
    assert [(p.pk, votes) for p, votes in rows] == [
        (world.convener_partner.pk, 1),
        (world.core_partner.pk, 5),
    ]

    published = services.agreement_publish(actor=world.users["convener_admin"], version=draft)
    rows = selectors.weight_rows(with_parts(published), partners)
    assert [(p.pk, votes) for p, votes in rows] == [(world.core_partner.pk, 5)]


def test_version_diff_shows_the_changed_weighting_reason_and_votes(world, published):
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)
    set_weights(world, draft, votes={world.convener_partner: 1, world.core_partner: 5})

    fields, lists = selectors.version_diff(with_parts(published), with_parts(draft))

    changed = {f.label: f.segments for f in fields if f.changed}
    assert set(changed) == {"Voting weights", "Why votes are weighted"}
    assert "".join(s.text for s in changed["Why votes are weighted"] if s.kind == "insert") == REASON
    new_text = "".join(s.text for s in changed["Voting weights"] if s.kind != "delete")
    old_text = "".join(s.text for s in changed["Voting weights"] if s.kind != "insert")
    assert (old_text, new_text) == (Weighting.EQUAL.label, Weighting.STATED.label)
    by_label = {c.label: c for c in lists}
    weights = by_label["Voting weights"]
    assert weights.changed
    assert [(line.kind, "".join(s.text for s in line.segments)) for line in weights.lines] == [
        ("added", "Core Org: 5 votes")
    ]
    assert not by_label["Objectives"].changed and not by_label["Roles and responsibilities"].changed


def test_version_diff_shows_weights_changed_and_removed(world):
    first = draft_in(world)
    set_weights(world, first, votes={world.convener_partner: 2, world.core_partner: 5})
    published = services.agreement_publish(actor=world.users["convener_admin"], version=first)
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)
    set_weights(world, draft, votes={world.convener_partner: 1, world.core_partner: 6})

    _, lists = selectors.version_diff(with_parts(published), with_parts(draft))
    weights = next(c for c in lists if c.label == "Voting weights")
    kinds = [line.kind for line in weights.lines]
    assert "removed" in kinds and ("changed" in kinds or "added" in kinds)

    set_weights(world, draft, weighting="equal")
    fields, lists = selectors.version_diff(with_parts(published), with_parts(draft))
    weights = next(c for c in lists if c.label == "Voting weights")
    assert [line.kind for line in weights.lines] == ["removed", "removed"]
    assert {f.label for f in fields if f.changed} == {"Voting weights", "Why votes are weighted"}


def test_an_unchanged_weighting_is_no_change(world, published):
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)

    fields, lists = selectors.version_diff(with_parts(published), with_parts(draft))

    assert not any(f.changed for f in fields if f.label in ("Voting weights", "Why votes are weighted"))
    assert not next(c for c in lists if c.label == "Voting weights").changed


# --- the pages -----------------------------------------------------------------------------------


def weights_form(world, **change) -> dict:
    return {
        "weighting": "stated",
        "weighting_reason": REASON,
        f"votes_{world.convener_partner.uuid}": "3",
        f"votes_{world.core_partner.uuid}": "1",
        **change,
    }


def test_a_draft_shows_each_partners_votes_and_offers_editors_the_change(world, draft, client_for):
    set_weights(world, draft)

    editor = text(client_for("partner_member").get(version_url("version", draft)))
    reader = text(client_for("observer").get(version_url("version", draft)))

    section = weights_section(editor)
    assert votes_shown(section) == {"Convener Org": "1", "Core Org": "5"}
    assert REASON in section
    assert version_url("weights_set", draft) in section and "Change the voting weights" in section
    assert votes_shown(weights_section(reader)) == {"Convener Org": "1", "Core Org": "5"}
    assert version_url("weights_set", draft) not in reader


def test_an_equal_draft_says_one_vote_each(world, draft, client_for):
    section = weights_section(text(client_for("partner_admin").get(version_url("version", draft))))

    assert "Every partner organisation has one vote." in section
    assert votes_shown(section) == {}
    assert version_url("weights_set", draft) in section


def test_a_published_version_shows_its_weights_without_the_change_link(world, weighted, client_for):
    html = text(client_for("convener_admin").get(version_url("version", weighted)))

    section = weights_section(html)
    assert votes_shown(section) == {"Core Org": "5"}
    assert REASON in section
    assert version_url("weights_set", weighted) not in html


def test_the_weights_page_prefills_one_vote_for_each_partner(world, draft, client_for):
    response = client_for("partner_admin").get(version_url("weights_set", draft))

    html = text(response)
    assert response.status_code == 200
    for partner in (world.convener_partner, world.core_partner):
        field = re.search(rf'<input[^>]*name="votes_{partner.uuid}"[^>]*>', html)
        assert field, f"no votes field for {partner.organisation}"
        assert 'value="1"' in field.group(0)
    assert f"votes_{world.observer_partner.uuid}" not in html
    checked = re.search(r'<input[^>]*name="weighting"[^>]*value="equal"[^>]*>', html)
    assert checked and "checked" in checked.group(0)


def test_the_weights_page_prefills_the_stated_votes(world, draft, client_for):
    set_weights(world, draft)

    html = text(client_for("partner_admin").get(version_url("weights_set", draft)))

    field = re.search(rf'<input[^>]*name="votes_{world.core_partner.uuid}"[^>]*>', html)
    assert field and 'value="5"' in field.group(0)
    assert REASON in html


def test_stated_weights_without_a_reason_are_refused_with_a_clear_message(world, draft, client_for):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(version_url("weights_set", draft), weights_form(world, weighting_reason="  "))

    assert response.status_code == 400
    assert "Say why votes are weighted" in error_summary(response)
    assert "Say why votes are weighted" in inline_error(response, "weighting_reason")
    assert snapshot() == before


def test_votes_out_of_range_are_refused_next_to_the_partner(world, draft, client_for):
    client = client_for("convener_admin")
    before = snapshot()

    response = client.post(
        version_url("weights_set", draft), weights_form(world, **{f"votes_{world.core_partner.uuid}": "101"})
    )

    assert response.status_code == 400
    assert "Core Org" in inline_error(response, f"votes_{world.core_partner.uuid}")
    assert "Core Org" in error_summary(response)
    assert snapshot() == before


def test_valid_weights_are_saved_and_shown_on_the_draft(world, draft, client_for):
    client = client_for("partner_member")

    response = client.post(version_url("weights_set", draft), weights_form(world))

    assert response.status_code == 302
    assert response["Location"] == f"{version_url('version', draft)}#weights"
    assert stored(draft) == {world.convener_partner.pk: 3}
    assert_event(
        "agreement.weights_set",
        actor=world.users["partner_member"],
        organisation=world.core_org,
        partnership=world.partnership,
    )
    section = weights_section(text(client.get(response["Location"])))
    assert votes_shown(section) == {"Convener Org": "3", "Core Org": "1"}
    assert REASON in section


def test_choosing_one_vote_each_on_the_page_clears_the_weights(world, draft, client_for):
    set_weights(world, draft)
    client = client_for("convener_admin")

    response = client.post(version_url("weights_set", draft), weights_form(world, weighting="equal"))

    assert response.status_code == 302
    assert stored(draft) == {}
    assert (row(draft)["weighting"], row(draft)["weighting_reason"]) == ("equal", "")
    section = weights_section(text(client.get(version_url("version", draft))))
    assert "Every partner organisation has one vote." in section


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_weights_page_of_a_published_version_answers_409(world, weighted, client_for, method):
    client = client_for("convener_admin")
    before = snapshot()

    response = getattr(client, method)(
        version_url("weights_set", weighted), weights_form(world, weighting="equal")
    )

    assert response.status_code == 409
    assert "can no longer be changed" in problem_message(response)
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["observer", "outsider"])
def test_readers_and_outsiders_find_no_weights_page(world, draft, client_for, persona):
    client = client_for(persona)
    before = snapshot()

    response = client.post(version_url("weights_set", draft), weights_form(world))

    assert response.status_code == 404
    assert snapshot() == before


def test_choosing_one_vote_each_ignores_what_is_in_the_vote_boxes(world, client_for):
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)
    url = reverse("agreements:weights_set", args=[world.partnership.uuid, draft.uuid])

    response = client_for("convener_admin").post(
        url,
        {
            "weighting": "equal",
            "weighting_reason": "",
            f"votes_{world.convener_partner.uuid}": "",
            f"votes_{world.core_partner.uuid}": "lots",
        },
    )

    assert response.status_code == 302
    assert AgreementVersion.objects.get(pk=draft.pk).weighting == "equal"


def test_stated_weights_need_a_number_for_every_partner(world, client_for):
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)
    url = reverse("agreements:weights_set", args=[world.partnership.uuid, draft.uuid])

    response = client_for("convener_admin").post(
        url,
        {
            "weighting": "stated",
            "weighting_reason": "Budget shares.",
            f"votes_{world.convener_partner.uuid}": "3",
            f"votes_{world.core_partner.uuid}": "",
        },
    )

    assert response.status_code == 400
    assert "Enter the votes for Core Org between 1 and 100" in inline_error(
        response, f"votes_{world.core_partner.uuid}"
    )
    assert not draft.weights.exists()
