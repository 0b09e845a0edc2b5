"""The discussion link on a poll's page. `decisions` sits below this app and never
imports it: its poll template loads this tag (`{% load threads %}`). It costs no
query: decisions' poll_get_for_user joins the reverse one-to-one `discussion_thread`."""

from typing import Any

import rules
from django import template

from consortia.decisions.models import Poll

from ..selectors import poll_discussion

register = template.Library()


@register.inclusion_tag("threads/partials/poll_discussion.html", takes_context=True)
def poll_discussion_link(context: template.Context, poll: Poll) -> dict[str, Any]:
    user = context["request"].user
    return {
        "poll": poll,
        "partnership": poll.partnership,
        "thread": poll_discussion(poll),
        "can_start": rules.has_perm("threads.start_thread_in_partnership", user, poll.partnership),
    }
