from django import template

from consortia.core.events import event_text

register = template.Library()


@register.filter
def verb_text(event) -> str:
    """How an event's verb reads in a feed, e.g. "convened the partnership"."""
    return event_text(event)
