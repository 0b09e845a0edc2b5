"""The consultation panel on a poll's page: the summary for partners, and the link
to the consultation page for the poll's manager. Kept out of the poll view so the
page costs no query for a poll without a consultation (poll_get_for_user joins it)."""

from django import template
from django.core.exceptions import ObjectDoesNotExist

from ..consultation_selectors import consultation_summary

register = template.Library()


@register.inclusion_tag("decisions/consultation_panel.html")
def consultation_panel(poll, can_manage: bool) -> dict:
    try:
        consultation = poll.consultation
    except ObjectDoesNotExist:
        consultation = None
    return {
        "poll": poll,
        "partnership": poll.partnership,
        "consultation": consultation,
        "summary": consultation_summary(consultation) if consultation else None,
        "can_manage": can_manage,
    }
