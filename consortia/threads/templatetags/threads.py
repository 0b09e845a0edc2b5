"""Threads shown on the pages of apps below this one, which never import it: their
templates load these tags (`{% load threads %}`). The discussion link on a poll's
page costs no query (decisions' poll_get_for_user joins the reverse one-to-one
`discussion_thread`); a working group's threads cost one."""

import re
from typing import Any

import rules
from django import template
from django.utils.safestring import SafeString, mark_safe

from consortia.decisions.models import Poll
from consortia.groups.models import WorkingGroup

from ..selectors import group_threads, poll_discussion

register = template.Library()

# `@[Name]` in a post's rendered HTML (nh3 has already made it safe; a name holds no
# tag), shown as the person reads it: "@Name", marked as a mention.
_EXACT_MENTION = re.compile(r"(?<![\w@.+\-/])@\[([^\]<>\n]{1,200})\]")


@register.filter
def mentions_shown(html: str) -> SafeString:
    """Show exact mentions in rendered, sanitised post HTML as "@Name", in bold."""
    return mark_safe(_EXACT_MENTION.sub(r'<strong class="consortia-mention">@\1</strong>', str(html)))


@register.inclusion_tag("threads/partials/poll_discussion.html", takes_context=True)
def poll_discussion_link(context: template.Context, poll: Poll) -> dict[str, Any]:
    user = context["request"].user
    return {
        "poll": poll,
        "partnership": poll.partnership,
        "thread": poll_discussion(poll),
        "can_start": rules.has_perm("threads.start_thread_in_partnership", user, poll.partnership),
    }


@register.inclusion_tag("threads/partials/group_threads.html", takes_context=True)
def working_group_threads(context: template.Context, group: WorkingGroup) -> dict[str, Any]:
    """The group's threads, latest first, with a link to start one for those who may
    (one query; the permission is answered from what the page has loaded)."""
    user = context["request"].user
    return {
        "group": group,
        "partnership": group.partnership,
        "threads": group_threads(user, group),
        "can_start": rules.has_perm("threads.start_thread_in_partnership", user, group.partnership),
    }
