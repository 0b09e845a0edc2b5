"""What the canvas tests share: what the services and the pages are given (need,
pledge and indicator values and forms, the canvas URLs) and a canvas with one of
everything (`filled`)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.canvas.models import CanvasComment, PartnerStatement
from consortia.core.factories import IndicatorFactory, NeedFactory, OutcomeFactory, PledgeFactory
from consortia.partnerships.rules import active_partners

TODAY = timezone.localdate


def core_partner(world):
    """The core partner as views get it: from the partnership's active partners."""
    return next(p for p in active_partners(world.partnership) if p.pk == world.core_partner.pk)


def need_kwargs(**overrides):
    return {
        "category": "premises",
        "description": "A room for a weekly drop-in",
        "quantity": Decimal("50"),
        "unit": "hours",
        "needed_by": None,
        "priority": "essential",
        "outcomes": [],
        **overrides,
    }


def pledge_kwargs(**overrides):
    return {
        "need": None,
        "category": "premises",
        "description": "Our hall on Tuesdays",
        "quantity": Decimal("20"),
        "unit": "hours",
        "value_gbp": Decimal("400"),
        "availability": "",
        **overrides,
    }


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
