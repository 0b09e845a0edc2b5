"""The working groups' rows for the access table (consortia/core/tests/test_access.py):
every groups URL, GET and POST, for every persona, and `scene(world, s)`, which adds
the groups the rows name and puts their ids on `s`.

Who may do what (consortia/groups/rules.py): everyone who sees the partnership reads
its groups (site admins too); members of the convener and core partners set groups
up; the lead (here the convener's admin) or the convener's admins run a group; anyone
who takes part (not observers) joins an open group and leaves one they are in, and a
closed group answers 409 with a reason. All else is a 404.
"""

from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import GroupMembershipFactory, PartnershipFactory, WorkingGroupFactory

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
CREATE_PAGE = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
CREATED = (LOGIN, 404, 404, OK, OK, OK, 404, 404)
CREATE_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 404, 404)
MANAGE_PAGE = (LOGIN, 404, 404, 404, 404, 200, 404, 404)
MANAGED = (LOGIN, 404, 404, 404, 404, OK, 404, 404)
MANAGE_REFUSED = (LOGIN, 404, 404, 404, 404, 400, 404, 404)
MANAGE_CONFLICT = (LOGIN, 404, 404, 404, 404, 409, 404, 404)
# In "group": the convener's admin (lead), the core partner's admin and the participant.
JOINED = (LOGIN, 404, 404, OK, 409, 409, 409, 404)
JOIN_CLOSED = (LOGIN, 404, 404, 409, 409, 409, 409, 404)
LEFT = (LOGIN, 404, 404, 404, OK, 409, OK, 404)


def group(s, **overrides):
    return {
        "name": "Training",
        "purpose": "Train volunteers.",
        "lead": s.lead,
        "openness": "open",
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("groups:list", GET,                            READ, args=(P,)),
    Row("groups:list", POST,                           SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("groups:detail", GET,                          READ, args=(P, "group")),
    Row("groups:detail", GET,                          READ, args=(P, "archived_group"), label="archived"),
    Row("groups:detail", GET,                          NOT_FOUND, args=(P, "other_group"),
        label="another partnership's group"),
    Row("groups:detail", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P, "group")),

    # --- setting up: the convener's and core partners' members ----------------------------------
    Row("groups:create", GET,                          CREATE_PAGE, args=(P,)),
    Row("groups:create", POST,                         CREATED, args=(P,), data=group, done="group.created"),
    Row("groups:create", POST,                         CREATE_REFUSED, args=(P,),
        data=lambda s: group(s, name="  "), label="empty name"),
    Row("groups:create", POST,                         CREATE_REFUSED, args=(P,),
        data=lambda s: group(s, lead=s.outsider), label="lead from outside"),
    Row("groups:create", POST,                         CREATE_REFUSED, args=(P,),
        data=lambda s: group(s, name="referral PATHWAY"), label="name taken"),

    # --- running a group: its lead or the convener's admins ---------------------------------------
    Row("groups:edit", GET,                            MANAGE_PAGE, args=(P, "group")),
    Row("groups:edit", POST,                           MANAGED, args=(P, "group"),
        data=lambda s: group(s, lead=s.lead), done="group.updated"),
    Row("groups:edit", POST,                           MANAGE_REFUSED, args=(P, "group"),
        data=lambda s: group(s, lead=s.partner_member), label="lead not a member"),
    Row("groups:member_add", GET,                      MANAGE_PAGE, args=(P, "group")),
    Row("groups:member_add", POST,                     MANAGED, args=(P, "group"),
        data=lambda s: {"person": s.partner_member}, done="group.member_added"),
    Row("groups:member_add", POST,                     MANAGE_REFUSED, args=(P, "group"),
        data=lambda s: {"person": s.outsider}, label="someone from outside"),
    Row("groups:member_remove", GET,                   SIGN_IN_THEN_NOT_ALLOWED, args=(P, "group", "admin_membership")),
    Row("groups:member_remove", POST,                  MANAGED, args=(P, "group", "admin_membership"),
        done="group.member_removed"),
    Row("groups:member_remove", POST,                  MANAGE_CONFLICT, args=(P, "group", "lead_membership"),
        label="the lead"),
    Row("groups:member_remove", POST,                  NOT_FOUND, args=(P, "other_group", "other_membership"),
        label="another partnership's group"),
    Row("groups:archive", GET,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P, "group")),
    Row("groups:archive", POST,                        MANAGED, args=(P, "group"), done="group.archived"),
    Row("groups:archive", POST,                        MANAGE_CONFLICT, args=(P, "archived_group"),
        label="already archived"),
    Row("groups:reopen", GET,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P, "archived_group")),
    Row("groups:reopen", POST,                         MANAGED, args=(P, "archived_group"), done="group.reopened"),
    Row("groups:reopen", POST,                         MANAGE_CONFLICT, args=(P, "group"), label="not archived"),

    # --- joining and leaving: anyone who takes part ------------------------------------------------
    Row("groups:join", GET,                            SIGN_IN_THEN_NOT_ALLOWED, args=(P, "group")),
    Row("groups:join", POST,                           JOINED, args=(P, "group"), done="group.member_joined"),
    Row("groups:join", POST,                           JOIN_CLOSED, args=(P, "closed_group"), label="closed"),
    Row("groups:join", POST,                           NOT_FOUND, args=(P, "other_group"),
        label="another partnership's group"),
    Row("groups:leave", GET,                           SIGN_IN_THEN_NOT_ALLOWED, args=(P, "group")),
    Row("groups:leave", POST,                          LEFT, args=(P, "group"), done="group.member_left"),
]
# fmt: on

# Plain members and individual participants join and leave groups themselves; a
# core partner's plain member sets groups up (as they open polls).
ALLOWED_CHANGES = {
    ("partner_member", "groups:create"),
    ("partner_member", "groups:join"),
    ("participant", "groups:leave"),
}


def scene(world, s: SimpleNamespace) -> None:
    """ "Referral pathway", open, led by the convener's admin with the core partner's
    admin and the participant as members; a closed group and an archived one with the
    same lead; and another partnership's group with a member."""
    users = world.users
    lead = users["convener_admin"]
    main = WorkingGroupFactory(partnership=world.partnership, name="Referral pathway", lead=lead)
    lead_membership = GroupMembershipFactory(group=main, user=lead)
    admin_membership = GroupMembershipFactory(group=main, user=users["partner_admin"])
    GroupMembershipFactory(group=main, user=users["participant"])
    closed = WorkingGroupFactory(
        partnership=world.partnership, name="Commissioning", lead=lead, is_open=False
    )
    GroupMembershipFactory(group=closed, user=lead)
    archived = WorkingGroupFactory(
        partnership=world.partnership, name="Launch event", lead=lead, archived_at=timezone.now()
    )
    GroupMembershipFactory(group=archived, user=lead)
    other = WorkingGroupFactory(partnership=PartnershipFactory())
    other_membership = GroupMembershipFactory(group=other)
    s.group = str(main.uuid)
    s.closed_group = str(closed.uuid)
    s.archived_group = str(archived.uuid)
    s.other_group = str(other.uuid)
    s.lead_membership = str(lead_membership.uuid)
    s.admin_membership = str(admin_membership.uuid)
    s.other_membership = str(other_membership.uuid)
    s.lead = str(lead.uuid)
