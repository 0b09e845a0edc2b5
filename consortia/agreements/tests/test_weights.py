"""Voting weights on an agreement: set on a draft, frozen by the database once
published, copied into a new draft."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.agreements import services
from consortia.agreements.models import AgreementVersion, AgreementWeight
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import PartnerFactory
from consortia.core.models import Event
from consortia.core.testing import assert_event, snapshot

from .conftest import REASON, draft_in, row, set_weights, stored

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
