"""Agreements in the world's partnership (Convener Org convenes, Core Org is a core
partner, Observer Org observes), made through the services as people would; and what
several test modules share: weights set on a version, a version's stored row, the
draft form and the agreement URLs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.agreements import services
from consortia.agreements.models import AgreementVersion, AgreementWeight
from consortia.core.factories import AgreementObjectiveFactory, AgreementRoleFactory

VISION = "Carers of people living with dementia get joined-up advice in one place."


def next_year():
    return timezone.localdate() + timedelta(days=365)


def draft_in(world, **fields) -> AgreementVersion:
    """A draft started and written by the convener's admin, with one objective
    (owned by Core Org) and a role for each of the convener and Core Org."""
    actor = world.users["convener_admin"]
    draft = services.agreement_draft_start(actor=actor, partnership=world.partnership)
    values = {
        "vision": VISION,
        "aims": "One front door for advice.",
        "principles": "Openness and equity.",
        "meeting_rhythm": "Monthly",
        "decision_rule": "consent_core",
        "quorum_percent": 50,
        "spending_threshold_gbp": 500,
        "spending_approvals": 2,
        "review_date": next_year(),
        "joining_and_leaving": "Three months' notice.",
        **fields,
    }
    draft = services.agreement_draft_update(actor=actor, version=draft, **values)
    if not draft.objectives.exists():
        AgreementObjectiveFactory(version=draft, owner=world.core_partner, text="Advise 200 carers a year")
        AgreementRoleFactory(version=draft, partner=world.convener_partner, responsibilities="Convenes.")
        AgreementRoleFactory(version=draft, partner=world.core_partner, responsibilities="Runs the drop-in.")
    return draft


def published_in(world, **fields) -> AgreementVersion:
    """The next version, drafted and published by the convener's admin."""
    draft = draft_in(world, **fields)
    return services.agreement_publish(actor=world.users["convener_admin"], version=draft)


def endorse_all(world, version: AgreementVersion) -> None:
    services.agreement_endorse(
        actor=world.users["convener_admin"], version=version, partner=world.convener_partner
    )
    services.agreement_endorse(
        actor=world.users["partner_admin"], version=version, partner=world.core_partner
    )


@pytest.fixture
def draft(world) -> AgreementVersion:
    return draft_in(world)


@pytest.fixture
def published(world) -> AgreementVersion:
    return published_in(world)


REASON = "In proportion to what each partner pays into the pooled budget."


def set_weights(world, version, *, weighting="stated", reason=REASON, votes=None, persona="convener_admin"):
    return services.agreement_weights_set(
        actor=world.users[persona],
        version=version,
        weighting=weighting,
        reason=reason,
        votes={world.convener_partner: 1, world.core_partner: 5} if votes is None else votes,
    )


@pytest.fixture
def weighted(world) -> AgreementVersion:
    """A published version with stated weights: Core Org has 5 votes."""
    draft = draft_in(world)
    set_weights(world, draft)
    return services.agreement_publish(actor=world.users["convener_admin"], version=draft)


def stored(version) -> dict[int, int]:
    return dict(AgreementWeight.objects.filter(version=version).values_list("partner_id", "votes"))


def row(version) -> dict:
    return AgreementVersion.objects.filter(pk=version.pk).values().get()


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
