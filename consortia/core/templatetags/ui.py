from django import template

from consortia.core.events import event_text

register = template.Library()

# GOV.UK tag colour per partnership status; the status is always written out too.
STATUS_TAG = {
    "forming": "govuk-tag--yellow",
    "active": "govuk-tag--green",
    "paused": "govuk-tag--orange",
    "closed": "govuk-tag--grey",
}


@register.filter
def verb_text(event) -> str:
    """How an event's verb reads in a feed, e.g. "convened the partnership"."""
    return event_text(event)


@register.filter
def status_tag(status: str) -> str:
    return STATUS_TAG.get(status, "govuk-tag--grey")
