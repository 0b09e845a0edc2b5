"""The consultation panel on a poll's page: the summary for partners, and the link
to the consultation page for the poll's manager. `decisions` sits below this app and
never imports it: its poll template loads this tag (`{% load consultations %}`), the
way a lower app shows a higher one's data. The panel costs no query for a poll
without a consultation: decisions' poll_get_for_user joins the reverse one-to-one
`consultation` by name."""

from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist

from consortia.decisions.models import Poll

from ..selectors import consultation_summary

register = template.Library()


@register.inclusion_tag("consultations/partials/panel.html")
def consultation_panel(poll: Poll, can_manage: bool) -> dict[str, Any]:
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
