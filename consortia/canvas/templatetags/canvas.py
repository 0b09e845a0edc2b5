"""Numbers as the canvas pages show them: "1,200", "12.5 hours", "£3,000"."""

from decimal import Decimal

from django import template

from consortia.core.choices import Unit

register = template.Library()

# One hour, one person: the unit's label when the quantity is exactly 1.
SINGULAR: dict[str, str] = {
    Unit.HOURS: "hour",
    Unit.DAYS: "day",
    Unit.SESSIONS: "session",
    Unit.PLACES: "place",
    Unit.PEOPLE: "person",
    Unit.ITEMS: "item",
    Unit.SQUARE_METRES: "square metre",
}

# GOV.UK tag colour per step status and need coverage; the words are always shown too.
TAGS = {
    "not_started": "",  # the default tag is blue
    "in_progress": "govuk-tag--turquoise",
    "uncovered": "govuk-tag--red",
    "partly": "govuk-tag--yellow",
    "covered": "govuk-tag--green",
    "essential": "govuk-tag--purple",
    "important": "",
    "useful": "govuk-tag--grey",
}


@register.filter
def number(value) -> str:
    """Thousands separated, without ".00" for whole numbers."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


@register.filter
def money(value) -> str:
    return f"£{number(value)}" if value is not None else ""


@register.filter
def qty(value, unit: str) -> str:
    """A quantity in its unit: "£1,200" or "40 hours"."""
    if unit == Unit.GBP:
        return money(value)
    label = Unit(unit).label if unit in Unit.values else unit
    if value is not None and Decimal(value) == 1:
        label = SINGULAR.get(unit, label)
    return f"{number(value)} {label}"


@register.filter
def tag(status: str) -> str:
    return TAGS.get(status, "govuk-tag--grey")


@register.filter
def get(mapping: dict, key):
    """mapping[key] in a template, or None."""
    return mapping.get(key)
