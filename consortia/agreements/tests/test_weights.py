"""Voting weights stated in the agreement: the service that sets them on a draft, the
database that freezes them with a published version, the copy into a new draft, the
selectors polls and the changes page read, and the pages that show and change them."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from consortia.agreements import selectors, services
from consortia.agreements.models import AgreementVersion, AgreementWeight, Weighting
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import PartnerFactory
from consortia.core.models import Event
from consortia.core.testing import (
    assert_event,
    error_summary,
    inline_error,
    problem_message,
    snapshot,
    text,
)

from .conftest import draft_in, endorse_all

REASON = "In proportion to what each partner pays into the pooled budget."


def set_weights(world, version, *, weighting="stated", reason=REASON, votes=None, persona="convener_admin"):
    return services.agreement_weights_set(
        actor=world.users[persona],
        version=version,
        weighting=weighting,
        reason=reason,
        votes={world.convener_partner: 1, world.core_partner: 5} if votes is None else votes,
    )


def stored(version) -> dict[int, int]:
    return dict(AgreementWeight.objects.filter(version=version).values_list("partner_id", "votes"))


def row(version) -> dict:
    return AgreementVersion.objects.filter(pk=version.pk).values().get()


def version_url(name: str, version, *args) -> str:
    return reverse(f"agreements:{name}", args=[version.partnership.uuid, version.uuid, *args])


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


# --- setting the weights on a draft -------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "organisation"), [("convener_admin", "convener_org"), ("partner_member", "core_org")]
)
def test_stated_weights_store_only_the_votes_that_are_not_one_with_one_event(
    world, draft, persona, organisation
):
    actor = world.users[persona]
    events = Event.objects.count()

    version = set_weights(world, draft, reason=f"  {REASON}  ", persona=persona)

    assert (version.weighting, version.weighting_reason) == ("stated", REASON)
    assert (row(draft)["weighting"], row(draft)["weighting_reason"]) == ("stated", REASON)
    assert stored(draft) == {world.core_partner.pk: 5}
    assert Event.objects.count() == events + 1
    event = assert_event(
        "agreement.weights_set",
        actor=actor,
        organisation=getattr(world, organisation),
        partnership=world.partnership,
    )
    assert event.payload == {"number": draft.number, "weighting": "stated", "votes": {"Core Org": 5}}


def test_changing_stated_weights_replaces_the_rows(world, draft):
    set_weights(world, draft)

    set_weights(world, draft, votes={world.convener_partner: 3, world.core_partner: 1})

    assert stored(draft) == {world.convener_partner.pk: 3}
    event = assert_event(
        "agreement.weights_set",
        actor=world.users["convener_admin"],
        organisation=world.convener_org,
        partnership=world.partnership,
    )
    assert event.payload["votes"] == {"Convener Org": 3}


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_stated_weights_need_a_reason(world, draft, reason):
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        set_weights(world, draft, reason=reason)

    assert (refused.value.field, refused.value.status_code) == ("weighting_reason", 400)
    assert "Say why votes are weighted" in refused.value.message
    assert snapshot() == before


def test_a_reason_longer_than_the_limit_is_refused(world, draft):
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        set_weights(world, draft, reason="x" * 1001)

    assert refused.value.field == "weighting_reason"
    assert snapshot() == before


def test_an_unknown_weighting_is_refused(world, draft):
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        set_weights(world, draft, weighting="by_size")

    assert refused.value.field == "weighting"
    assert snapshot() == before


@pytest.mark.parametrize("votes", [0, 101, -3, "5", 2.5, True, None], ids=repr)
def test_votes_must_be_a_whole_number_from_1_to_100(world, draft, votes):
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        set_weights(world, draft, votes={world.convener_partner: 2, world.core_partner: votes})

    assert (refused.value.field, refused.value.status_code) == (f"votes_{world.core_partner.uuid}", 400)
    assert "Core Org" in refused.value.message and "1 to 100" in refused.value.message
    assert snapshot() == before


@pytest.mark.parametrize("votes", [1, 100])
def test_the_limits_themselves_are_allowed(world, draft, votes):
    set_weights(world, draft, votes={world.core_partner: votes})

    assert stored(draft) == ({} if votes == 1 else {world.core_partner.pk: 100})


@pytest.mark.parametrize("partner", ["elsewhere", "observer", "left"])
def test_votes_only_for_partners_taking_part_here(world, draft, partner):
    other = {
        "elsewhere": lambda: PartnerFactory(),
        "observer": lambda: world.observer_partner,
        "left": lambda: PartnerFactory(partnership=world.partnership, left_at=timezone.now()),
    }[partner]()
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        set_weights(world, draft, votes={world.core_partner: 5, other: 2})

    assert (refused.value.field, refused.value.status_code) == ("weighting", 400)
    assert snapshot() == before


def test_equal_weighting_removes_stated_weights_and_clears_the_reason(world, draft):
    set_weights(world, draft)

    version = set_weights(world, draft, weighting="equal", reason="Left over.", votes={world.core_partner: 7})

    assert (version.weighting, version.weighting_reason) == ("equal", "")
    assert (row(draft)["weighting"], row(draft)["weighting_reason"]) == ("equal", "")
    assert stored(draft) == {}
    event = assert_event(
        "agreement.weights_set",
        actor=world.users["convener_admin"],
        organisation=world.convener_org,
        partnership=world.partnership,
    )
    assert event.payload == {"number": draft.number, "weighting": "equal", "votes": {}}


@pytest.mark.parametrize("weighting", ["stated", "equal"])
def test_setting_the_same_weights_again_writes_no_event(world, draft, weighting):
    set_weights(world, draft, weighting=weighting)
    before = snapshot()

    set_weights(world, draft, weighting=weighting)

    assert snapshot() == before


def test_a_new_draft_already_equal_writes_no_event(world, draft):
    before = snapshot()

    set_weights(world, draft, weighting="equal", reason="", votes={})

    assert snapshot() == before


def test_weights_of_a_published_version_are_refused_with_409(world, draft):
    set_weights(world, draft)
    published = services.agreement_publish(actor=world.users["convener_admin"], version=draft)
    before = snapshot()

    for weighting in ("stated", "equal"):
        with pytest.raises(Conflict, match="has been published") as refused:
            set_weights(world, published, weighting=weighting, votes={world.core_partner: 9})
        assert refused.value.status_code == 409

    assert snapshot() == before


def test_a_stale_draft_is_refused_once_published(world, draft):
    """The caller still holds the draft as it was loaded; the service reads it again."""
    stale = AgreementVersion.objects.get(pk=draft.pk)
    services.agreement_publish(actor=world.users["convener_admin"], version=draft)
    before = snapshot()

    with pytest.raises(Conflict):
        set_weights(world, stale)

    assert snapshot() == before


@pytest.mark.parametrize("persona", ["observer", "outsider", "participant", "site_admin"])
def test_only_core_members_set_the_weights(world, draft, persona):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        set_weights(world, draft, persona=persona)

    assert snapshot() == before


# --- the database freezes the weights of a published version -----------------------------------


@pytest.fixture
def weighted(world) -> AgreementVersion:
    """A published version with stated weights: Core Org has 5 votes."""
    draft = draft_in(world)
    set_weights(world, draft)
    return services.agreement_publish(actor=world.users["convener_admin"], version=draft)


@pytest.mark.parametrize(
    "change",
    [{"weighting": "equal"}, {"weighting_reason": "Rewritten behind everyone's back."}],
    ids=["weighting", "reason"],
)
def test_the_database_refuses_to_change_a_published_versions_weighting(world, weighted, change):
    before = row(weighted)

    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersion.objects.filter(pk=weighted.pk).update(**change)
    with pytest.raises(IntegrityError), transaction.atomic():
        version = AgreementVersion.objects.get(pk=weighted.pk)
        for field, value in change.items():
            setattr(version, field, value)
        version.save()

    assert row(weighted) == before


def test_the_database_refuses_new_or_changed_weights_of_a_published_version(world, weighted):
    weight = AgreementWeight.objects.get(version=weighted)
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)
    draft_weight = AgreementWeight.objects.get(version=draft)

    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementWeight.objects.create(version=weighted, partner=world.convener_partner, votes=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementWeight.objects.filter(pk=weight.pk).update(votes=99)
    with pytest.raises(IntegrityError), transaction.atomic():
        weight.votes = 99
        weight.save()
    with pytest.raises(IntegrityError), transaction.atomic():  # moved out of the published version
        AgreementWeight.objects.filter(pk=weight.pk).update(version=draft)
    with pytest.raises(IntegrityError), transaction.atomic():  # moved into it
        AgreementWeight.objects.filter(pk=draft_weight.pk).update(version=weighted)

    assert stored(weighted) == {world.core_partner.pk: 5}
    assert stored(draft) == {world.core_partner.pk: 5}


def test_the_database_lets_a_draft_change_its_weights_and_a_version_be_superseded(world, weighted):
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)

    AgreementWeight.objects.create(version=draft, partner=world.convener_partner, votes=2)
    AgreementWeight.objects.filter(version=draft, partner=world.core_partner).update(votes=4)
    AgreementVersion.objects.filter(pk=draft.pk).update(weighting="equal", weighting_reason="")
    AgreementVersion.objects.filter(pk=weighted.pk).update(status="superseded", in_force_at=timezone.now())

    assert stored(draft) == {world.convener_partner.pk: 2, world.core_partner.pk: 4}
    assert row(weighted)["status"] == "superseded"
    assert (row(weighted)["weighting"], row(weighted)["weighting_reason"]) == ("stated", REASON)


# --- a new draft copies the weights --------------------------------------------------------------


def test_a_new_draft_copies_the_weighting_the_reason_and_the_weights(world):
    first = draft_in(world)
    set_weights(world, first, votes={world.convener_partner: 3, world.core_partner: 5})
    published = services.agreement_publish(actor=world.users["convener_admin"], version=first)

    draft = services.agreement_draft_start(actor=world.users["partner_admin"], partnership=world.partnership)

    assert (draft.weighting, draft.weighting_reason) == ("stated", REASON)
    assert (row(draft)["weighting"], row(draft)["weighting_reason"]) == ("stated", REASON)
    assert stored(draft) == {world.convener_partner.pk: 3, world.core_partner.pk: 5}
    assert set(AgreementWeight.objects.filter(version=draft).values_list("pk", flat=True)).isdisjoint(
        AgreementWeight.objects.filter(version=published).values_list("pk", flat=True)
    )
    assert stored(published) == {world.convener_partner.pk: 3, world.core_partner.pk: 5}


@pytest.mark.parametrize("change", ["left", "observer"])
def test_a_new_draft_leaves_out_the_weight_of_a_partner_no_longer_taking_part(world, change):
    first = draft_in(world)
    set_weights(world, first, votes={world.convener_partner: 3, world.core_partner: 5})
    services.agreement_publish(actor=world.users["convener_admin"], version=first)
    if change == "left":
        world.core_partner.left_at = timezone.now()
    else:
        world.core_partner.role = "observer"
    world.core_partner.save()

    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)

    assert (draft.weighting, draft.weighting_reason) == ("stated", REASON)
    assert stored(draft) == {world.convener_partner.pk: 3}


def test_a_new_draft_copies_equal_weighting_with_no_rows(world, published):
    draft = services.agreement_draft_start(actor=world.users["convener_admin"], partnership=world.partnership)

    assert (draft.weighting, draft.weighting_reason) == ("equal", "")
    assert stored(draft) == {}


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
