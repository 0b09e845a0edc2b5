from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

from consortia.core.events import event_actor_name, event_text

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
def actor_name(event) -> str:
    """Who did it: the person, "Consortia" for a scheduled job, or "Someone"."""
    return event_actor_name(event)


@register.filter
def status_tag(status: str) -> str:
    return STATUS_TAG.get(status, "govuk-tag--grey")


@register.filter
def ago(moment) -> str:
    """ "just now" for the last minute, then "5 minutes ago", "2 days ago"."""
    if timezone.now() - moment < timedelta(minutes=1):
        return "just now"
    return f"{timesince(moment, depth=1)} ago"


@register.filter
def page_numbers(page) -> list:
    """The page numbers GOV.UK pagination lists for `page`: the first and last, the
    ones either side of the current page, and Paginator.ELLIPSIS for each gap."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
