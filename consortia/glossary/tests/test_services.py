"""The glossary's services: members suggest, approvers (the convening partner's
speakers, or the stewards group the convener names) approve, reject, change and
retire; every refusal writes nothing; every change writes one event; the approvers
are told of a suggestion."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import (
    DefinitionFactory,
    GroupMembershipFactory,
    TermFactory,
    WorkingGroupFactory,
)
from consortia.core.models import Event
from consortia.glossary import services
from consortia.glossary.models import DEFINITION_MAX, NAME_MAX, Definition, Term
from consortia.notifications.models import Notification

pytestmark = pytest.mark.django_db


def suggest(world, who="partner_member", **kwargs):
    return services.term_suggest(
        actor=world.users[who],
        partnership=world.partnership,
        **{
            "name": "Social prescribing",
            "definitions": {"health": "A GP refers to **local** support."},
            **kwargs,
        },
    )


def test_it_suggests_a_term_with_a_definition_per_sector(world):
    term = suggest(
        world,
        name="  Carer's   assessment ",
        definitions={"council": "Under the Care Act 2014.", "charity": "Help to ask for one.", "health": " "},
    )

    assert term.name == "Carer's assessment"
    assert term.status == "suggested"
    assert {d.sector: d.text for d in term.definitions.all()} == {
        "council": "Under the Care Act 2014.",
        "charity": "Help to ask for one.",
    }
    assert Event.objects.get().verb == "glossary.term_suggested"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the term"),
        ("   ", "Enter the term"),
        ("x" * (NAME_MAX + 1), "80 characters or fewer"),
        ("--", "a letter"),
    ],
    ids=["empty", "blank", "overlong", "no letters"],
)
def test_it_refuses_an_empty_or_overlong_term(world, name, message):
    with pytest.raises(ServiceError, match=message) as refused:
        suggest(world, name=name)
    assert refused.value.status_code == 400
    assert not Term.objects.exists() and not Event.objects.exists()


def test_it_refuses_a_duplicate_term_whatever_its_case(world):
    suggest(world, name="Social prescribing")
    with pytest.raises(Conflict, match="already has the term"):
        suggest(world, name="SOCIAL  prescribing")
    assert Term.objects.count() == 1 and Event.objects.count() == 1


def test_the_database_refuses_a_duplicate_live_name(world):
    TermFactory(partnership=world.partnership, name="Referral")
    with pytest.raises(IntegrityError), transaction.atomic():
        TermFactory(partnership=world.partnership, name="referral", status="suggested")


def test_a_rejected_or_retired_name_may_be_suggested_again(world):
    TermFactory(partnership=world.partnership, name="Referral", status="retired")
    assert suggest(world, name="referral").status == "suggested"


def test_another_partnership_may_have_the_same_term(world):
    TermFactory(name="Social prescribing")
    assert suggest(world).pk


@pytest.mark.parametrize(
    ("definitions", "message"),
    [
        ({"police": "Arrest referral."}, "not a sector"),
        ({}, "at least one sector"),
        ({"general": "   "}, "at least one sector"),
        ({"general": "x" * (DEFINITION_MAX + 1)}, "2,000 characters or fewer"),
    ],
    ids=["unknown sector", "none", "only blank", "overlong"],
)
def test_it_refuses_a_bad_definition(world, definitions, message):
    with pytest.raises(ServiceError, match=message):
        suggest(world, definitions=definitions)
    assert not Term.objects.exists() and not Definition.objects.exists() and not Event.objects.exists()


def test_an_outsider_does_not_suggest(world):
    with pytest.raises(PermissionDenied):
        suggest(world, who="outsider")
    assert not Term.objects.exists()


@pytest.mark.parametrize("who", ["convener_admin"])
def test_the_convener_approves_and_the_term_is_shown(world, who):
    term = suggest(world)
    services.term_approve(actor=world.users[who], term=term)
    term.refresh_from_db()
    assert term.status == "approved" and term.decided_by == world.users[who]
    assert Event.objects.latest("id").verb == "glossary.term_approved"


@pytest.mark.parametrize("who", ["partner_admin", "partner_member", "observer", "participant", "site_admin"])
def test_a_non_approver_does_not_approve(world, who):
    term = suggest(world)
    with pytest.raises(ServiceError, match="Only the glossary's approvers") as refused:
        services.term_approve(actor=world.users[who], term=term)
    assert refused.value.status_code == 403
    term.refresh_from_db()
    assert term.status == "suggested" and Event.objects.count() == 1


def test_the_stewards_group_approves_once_named(world):
    member = world.users["partner_member"]
    group = WorkingGroupFactory(partnership=world.partnership, name="Plain English group")
    GroupMembershipFactory(group=group, user=member)
    term = suggest(world, who="observer")
    with pytest.raises(ServiceError):
        services.term_approve(actor=member, term=term)

    services.stewards_name(actor=world.users["convener_admin"], partnership=world.partnership, group=group)
    world.partnership.refresh_from_db()
    term = Term.objects.get(pk=term.pk)
    services.term_reject(actor=member, term=term)

    assert Term.objects.get(pk=term.pk).status == "rejected"
    assert [e.verb for e in Event.objects.order_by("id")][-2:] == [
        "glossary.stewards_named",
        "glossary.term_rejected",
    ]


def test_only_the_convener_names_the_stewards_and_only_its_own_groups(world):
    group = WorkingGroupFactory(partnership=world.partnership)
    with pytest.raises(PermissionDenied):
        services.stewards_name(actor=world.users["partner_admin"], partnership=world.partnership, group=group)
    with pytest.raises(ServiceError, match="this partnership's working groups"):
        services.stewards_name(
            actor=world.users["convener_admin"], partnership=world.partnership, group=WorkingGroupFactory()
        )
    assert not Event.objects.exists()


def test_a_decided_term_is_not_decided_again(world):
    term = suggest(world)
    services.term_approve(actor=world.users["convener_admin"], term=term)
    with pytest.raises(Conflict, match="already approved"):
        services.term_reject(actor=world.users["convener_admin"], term=term)


def test_an_approver_changes_a_term_and_its_definitions(world):
    term = TermFactory(partnership=world.partnership, name="Case")
    DefinitionFactory(term=term, sector="general", text="A matter.")
    changed = services.term_update(
        actor=world.users["convener_admin"],
        term=term,
        name="Case",
        expansion="",
        definitions={"council": "A person known to social care.", "general": ""},
    )
    assert changed == ["definitions"]
    assert {d.sector: d.text for d in term.definitions.all()} == {"council": "A person known to social care."}
    assert not services.term_update(
        actor=world.users["convener_admin"],
        term=term,
        name="Case",
        definitions={"council": "A person known to social care."},
    )
    assert Event.objects.filter(verb="glossary.term_changed").count() == 1


def test_a_change_may_not_take_another_terms_name(world):
    TermFactory(partnership=world.partnership, name="Referral")
    term = TermFactory(partnership=world.partnership, name="Case")
    with pytest.raises(Conflict):
        services.term_update(
            actor=world.users["convener_admin"], term=term, name="REFERRAL", definitions={"general": "x"}
        )
    assert Term.objects.get(pk=term.pk).name == "Case"


def test_a_retired_term_is_no_longer_approved(world):
    term = TermFactory(partnership=world.partnership)
    services.term_retire(actor=world.users["convener_admin"], term=term)
    assert Term.objects.get(pk=term.pk).status == "retired"
    with pytest.raises(Conflict):
        services.term_retire(actor=world.users["convener_admin"], term=term)
    with pytest.raises(ServiceError):
        services.term_retire(
            actor=world.users["partner_member"], term=TermFactory(partnership=world.partnership)
        )


def test_a_closed_partnership_glossary_does_not_change(world):
    world.partnership.status = "closed"
    world.partnership.save()
    with pytest.raises(Conflict, match="has closed"):
        suggest(world)


@pytest.mark.usefixtures("notifications_on")
def test_a_suggestion_tells_the_approvers_and_the_decision_tells_the_suggester(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        term = suggest(world)
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {
        world.users["convener_admin"].pk
    }
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.term_approve(actor=world.users["convener_admin"], term=term)
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [
        world.users["partner_member"].pk
    ]
