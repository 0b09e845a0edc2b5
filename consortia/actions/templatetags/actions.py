"""Actions shown on the pages of apps below this one, which never import it: their
templates load these tags (`{% load actions %}`). The thread page's "Add an action"
link costs no query: the permission is answered from the partners the page loaded."""

from typing import Any

import rules
from django import template

from consortia.threads.models import Thread

register = template.Library()


@register.inclusion_tag("actions/partials/thread_actions.html", takes_context=True)
def thread_add_action(context: template.Context, thread: Thread) -> dict[str, Any]:
    user = context["request"].user
    partnership = thread.partnership
    return {
        "thread": thread,
        "partnership": partnership,
        "can_add": partnership.status != "closed"
        and rules.has_perm("actions.add_action_in_partnership", user, partnership),
    }
