"""The actions' rows for the access table (consortia/core/tests/test_access.py): every
actions URL, GET and POST, for every persona, and `scene(world, s)`, which adds the
actions the rows name and puts their ids on `s`.

Who may do what (consortia/actions/rules.py): everyone who sees the partnership sees
its actions (observers and site admins too); members of partners that are not only
observing, and individual participants, add them; an action is changed, done, dropped
and reopened by its owner (the core partner's plain member owns `action` in person;
the Core Org owns `partner_action`, so both its members may), whoever added it, and
the convener's admins. A closed working group's action only for its members who joined
before it was added. "My actions" is everyone's own page. All else is a 404.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import (
    ActionFactory,
    GroupMembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    WorkingGroupFactory,
)
from consortia.groups.models import GroupMembership

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
MINE = (LOGIN, 200, 200, 200, 200, 200, 200, 200)
ADD_PAGE = (LOGIN, 404, 404, 200, 200, 200, 200, 404)
ADDED = (LOGIN, 404, 404, OK, OK, OK, OK, 404)
ADD_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 400, 404)
# `action`: its owner (the core partner's plain member, who also added it) and the convener's admins.
OWNER_PAGE = (LOGIN, 404, 404, 200, 404, 200, 404, 404)
OWNER_DONE = (LOGIN, 404, 404, OK, 404, OK, 404, 404)
OWNER_REFUSED = (LOGIN, 404, 404, 400, 404, 400, 404, 404)
OWNER_CONFLICT = (LOGIN, 404, 404, 409, 404, 409, 404, 404)
# `partner_action`: every member of the owning Core Org, and the convener's admins.
PARTNER_PAGE = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
PARTNER_DONE = (LOGIN, 404, 404, OK, OK, OK, 404, 404)
# A closed working group's action: only its members who joined before it was added (the
# core partner's member; the participant joined after it, the others never did).
GROUP_MEMBER_READ = (LOGIN, 404, 404, 200, 404, 404, 404, 404)
GROUP_MEMBER_DONE = (LOGIN, 404, 404, OK, 404, 404, 404, 404)


def action(s, **overrides):
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    return {
        "title": "Send the referral form to the surgeries",
        "details": "Use the **new** form.",
        "owner": f"user:{s.partner_member}",
        "due": due,
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("actions:mine", GET,                           MINE),
    Row("actions:mine", POST,                          SIGN_IN_THEN_NOT_ALLOWED),
    Row("actions:list", GET,                           READ, args=(P,)),
    Row("actions:list", POST,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- adding an action: contributing partners' members and participants ----------------------
    Row("actions:create", GET,                         ADD_PAGE, args=(P,)),
    Row("actions:create", POST,                        ADDED, args=(P,), data=action, done="action.created"),
    Row("actions:create", POST,                        ADDED, args=(P,),
        data=lambda s: action(s, owner=f"partner:{s.core_partner}"), done="action.created",
        label="owned by a partner"),
    Row("actions:create", POST,                        ADD_REFUSED, args=(P,),
        data=lambda s: action(s, title=""), label="no title"),
    Row("actions:create", POST,                        ADD_REFUSED, args=(P,),
        data=lambda s: action(s, owner=f"user:{s.outsider}"), label="owned by an outsider"),
    Row("actions:create", POST,                        ADD_REFUSED, args=(P,),
        data=lambda s: action(s, owner=f"partner:{s.other_partner}"), label="owned by another's partner"),
    Row("actions:create", POST,                        ADD_REFUSED, args=(P,),
        data=lambda s: action(s, due="2199-01-01"), label="due in 2199"),

    # --- an action's page ----------------------------------------------------------------------
    Row("actions:detail", GET,                         READ, args=(P, "action")),
    Row("actions:detail", GET,                         NOT_FOUND, args=(P, "other_action"),
        label="another partnership's action"),
    Row("actions:detail", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "action")),
    Row("actions:detail", GET,                         GROUP_MEMBER_READ, args=(P, "closed_group_action"),
        label="a closed group's action"),
    Row("actions:edit", GET,                           GROUP_MEMBER_READ, args=(P, "closed_group_action"),
        label="a closed group's action"),
    Row("actions:done", POST,                          GROUP_MEMBER_DONE, args=(P, "closed_group_action"),
        done="action.done", label="a closed group's action"),

    # --- changing, closing and reopening: the owner, the creator, the convener's admins ---------
    Row("actions:edit", GET,                           OWNER_PAGE, args=(P, "action")),
    Row("actions:edit", POST,                          OWNER_DONE, args=(P, "action"),
        data=lambda s: action(s, title="Send the new referral form"), done="action.updated"),
    Row("actions:edit", POST,                          OWNER_REFUSED, args=(P, "action"),
        data=lambda s: action(s, owner=""), label="no owner"),
    Row("actions:edit", GET,                           PARTNER_PAGE, args=(P, "partner_action"),
        label="owned by a partner"),
    Row("actions:edit", POST,                          PARTNER_DONE, args=(P, "partner_action"),
        data=lambda s: action(s, owner=f"partner:{s.core_partner}", title="Print leaflets"),
        done="action.updated", label="owned by a partner"),
    Row("actions:edit", GET,                           NOT_FOUND, args=(P, "other_action"),
        label="another partnership's action"),
    Row("actions:done", GET,                           SIGN_IN_THEN_NOT_ALLOWED, args=(P, "action")),
    Row("actions:done", POST,                          OWNER_DONE, args=(P, "action"), done="action.done"),
    Row("actions:done", POST,                          PARTNER_DONE, args=(P, "partner_action"),
        done="action.done", label="owned by a partner"),
    Row("actions:done", POST,                          OWNER_CONFLICT, args=(P, "done_action"),
        label="already done"),
    Row("actions:done", POST,                          NOT_FOUND, args=(P, "other_action"),
        label="another partnership's action"),
    Row("actions:drop", GET,                           OWNER_PAGE, args=(P, "action")),
    Row("actions:drop", POST,                          OWNER_DONE, args=(P, "action"),
        data=lambda s: {"reason": "The surgeries use their own form now."}, done="action.dropped"),
    Row("actions:drop", POST,                          OWNER_REFUSED, args=(P, "action"),
        data=lambda s: {"reason": "  "}, label="no reason"),
    Row("actions:drop", POST,                          OWNER_CONFLICT, args=(P, "done_action"),
        data=lambda s: {"reason": "Not needed"}, label="already done"),
    Row("actions:reopen", GET,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P, "done_action")),
    Row("actions:reopen", POST,                        OWNER_DONE, args=(P, "done_action"),
        done="action.reopened"),
    Row("actions:reopen", POST,                        OWNER_CONFLICT, args=(P, "action"), label="still open"),
]
# fmt: on

ALLOWED_CHANGES = {
    ("partner_member", "actions:create"),
    ("participant", "actions:create"),
    ("partner_member", "actions:edit"),
    ("partner_member", "actions:done"),
    ("partner_member", "actions:drop"),
    ("partner_member", "actions:reopen"),
}


def scene(world, s: SimpleNamespace) -> None:
    """An open action the core partner's plain member owns and added, one the Core Org
    owns (added by the convener's admin), a done one of the plain member's, and
    another partnership's action and partner."""
    member = world.users["partner_member"]
    mine = ActionFactory(partnership=world.partnership, owner_user=member, created_by=member)
    theirs = ActionFactory(
        partnership=world.partnership,
        owner_user=None,
        owner_partner=world.core_partner,
        created_by=world.users["convener_admin"],
    )
    done = ActionFactory(
        partnership=world.partnership,
        owner_user=member,
        created_by=member,
        status="done",
        closed_at=timezone.now(),
        closed_by=member,
    )
    other = ActionFactory(partnership=PartnershipFactory())
    s.action = str(mine.uuid)
    s.partner_action = str(theirs.uuid)
    s.done_action = str(done.uuid)
    s.other_action = str(other.uuid)
    s.other_partner = str(PartnerFactory(partnership=other.partnership, organisation=world.outsider_org).uuid)
    _closed_group_scene(world, s)


def _closed_group_scene(world, s: SimpleNamespace) -> None:
    """A closed group the core partner's member joined before its action was added, and
    the participant after: the action is the member's alone to open."""
    member = world.users["partner_member"]
    group = WorkingGroupFactory(partnership=world.partnership, is_open=False, lead=member)
    joined = GroupMembershipFactory(group=group, user=member)
    GroupMembership.objects.filter(pk=joined.pk).update(created_at=timezone.now() - timedelta(days=30))
    secret = ActionFactory(
        partnership=world.partnership, owner_user=member, created_by=member, working_group=group
    )
    GroupMembershipFactory(group=group, user=world.users["participant"])  # joined after it was added
    s.closed_group_action = str(secret.uuid)
