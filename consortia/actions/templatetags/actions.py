"""Actions shown on the pages of apps below this one, which never import it: their
templates load these tags (`{% load actions %}`). Each costs one query (the thread's
or the group's actions); the permission behind the "Add an action" link is answered
from the partners the page has loaded."""

from typing import Any

import rules
from django import template

from consortia.groups.models import WorkingGroup
from consortia.threads.models import Thread

from ..selectors import open_actions, thread_actions

register = template.Library()


@register.inclusion_tag("actions/partials/thread_actions.html", takes_context=True)
def thread_add_action(context: template.Context, thread: Thread) -> dict[str, Any]:
    """The actions that came from the thread, and "Add an action from this thread"
    for those who may (one query)."""
    user = context["request"].user
    partnership = thread.partnership
    return {
        "thread": thread,
        "partnership": partnership,
        "actions": thread_actions(user, thread),
        "can_add": partnership.status != "closed"
        and rules.has_perm("actions.add_action_in_partnership", user, partnership),
    }


@register.inclusion_tag("actions/partials/group_actions.html", takes_context=True)
def working_group_actions(context: template.Context, group: WorkingGroup) -> dict[str, Any]:
    """The group's open actions, the soonest due first, with a link to add one for
    those who may (one query; the permission is answered from what the page loaded)."""
    user = context["request"].user
    partnership = group.partnership
    return {
        "group": group,
        "partnership": partnership,
        "actions": list(open_actions(partnership, working_group=group, user=user)),
        "can_add": partnership.status != "closed"
        and not group.is_archived
        and rules.has_perm("actions.add_action_in_partnership", user, partnership),
    }
