"""Vocabularies shared by several apps (DESIGN.md)."""

from django.db import models


class ContributionCategory(models.TextChoices):
    FUNDING = "funding", "Funding"
    PAID_STAFF = "paid_staff", "Paid staff time"
    VOLUNTEER_TIME = "volunteer_time", "Volunteer time"
    PREMISES = "premises", "Premises and office space"
    EQUIPMENT = "equipment", "Equipment and vehicles"
    TRAINING = "training", "Training places"
    EXPERTISE = "expertise", "Subject expertise"
    DATA = "data", "Data and research"
    ACCESS = "access", "Access to service users and communities"
    FACILITATION = "facilitation", "Facilitation and leadership"
    FINANCE = "finance", "Financial management"
    ADVOCACY = "advocacy", "Advocacy and influence"
    DIGITAL = "digital", "IT and digital"
    OTHER = "other", "Other"


class Unit(models.TextChoices):
    """Units for needs and pledges. Quantities are comparable only in the same unit."""

    GBP = "gbp", "£"
    HOURS = "hours", "hours"
    DAYS = "days", "days"
    SESSIONS = "sessions", "sessions"
    PLACES = "places", "places"
    PEOPLE = "people", "people"
    ITEMS = "items", "items"
    SQUARE_METRES = "square_metres", "square metres"


_TIME: set[str] = {Unit.HOURS, Unit.DAYS}
# Which units make sense for each contribution category: "£ of premises" or "hours of
# funding" are mistakes, refused with a message that names the allowed units.
UNITS_BY_CATEGORY: dict[str, set[str]] = {
    ContributionCategory.FUNDING: {Unit.GBP},
    ContributionCategory.PAID_STAFF: _TIME,
    ContributionCategory.VOLUNTEER_TIME: _TIME | {Unit.PEOPLE, Unit.SESSIONS},
    ContributionCategory.PREMISES: _TIME | {Unit.SESSIONS, Unit.SQUARE_METRES},
    ContributionCategory.EQUIPMENT: _TIME | {Unit.ITEMS},
    ContributionCategory.TRAINING: {Unit.PLACES, Unit.SESSIONS, Unit.DAYS},
    ContributionCategory.EXPERTISE: _TIME | {Unit.SESSIONS},
    ContributionCategory.DATA: _TIME | {Unit.ITEMS},
    ContributionCategory.ACCESS: {Unit.PEOPLE, Unit.SESSIONS, Unit.PLACES},
    ContributionCategory.FACILITATION: _TIME | {Unit.SESSIONS},
    ContributionCategory.FINANCE: _TIME | {Unit.GBP},
    ContributionCategory.ADVOCACY: _TIME | {Unit.SESSIONS},
    ContributionCategory.DIGITAL: _TIME | {Unit.ITEMS},
    ContributionCategory.OTHER: set(Unit.values),
}


def units_for(category: str) -> list[str]:
    """The units allowed for a category, in the Unit list's order."""
    allowed = UNITS_BY_CATEGORY.get(category, set())
    return [u for u in Unit.values if u in allowed]
