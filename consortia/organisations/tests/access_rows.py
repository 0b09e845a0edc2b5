"""The organisations' rows for the access table (consortia/core/tests/test_access.py):
every organisations URL, GET and POST, for every persona, and `scene(world, s)`, which
adds what the rows name to the world and puts their ids on `s`.

The rows are about Core Org (partner_admin is its only admin; partner_member a
member). Invitations (pending, used, expired) are all addressed to the outsider.
Creating an organisation and leaving one are the only changes a plain member,
observer or participant makes here; the table's policy test names them itself, so
ALLOWED_CHANGES is empty.
"""

from datetime import timedelta
from types import SimpleNamespace

from consortia.core.access_table import (
    ALL_200,
    GET,
    LOGIN,
    NOT_ALLOWED,
    OK,
    POST,
    SIGN_IN_THEN_NOT_ALLOWED,
    Row,
)
from consortia.core.factories import OfferFactory
from consortia.core.testing import member_invitation
from consortia.organisations.models import InvitationStatus

MAILING_VERBS = {"organisation.member_invited"}
ALLOWED_CHANGES: set[tuple[str, str]] = set()

ORG = "core_org"


def org_profile(s):
    return {"name": "Renamed Org", "kind": "charity", "description": "New words.", "expertise": "advice"}


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("organisations:list", GET,                     (LOGIN, 200,   200,   200,   200,   200,   200,   200)),
    Row("organisations:list", POST,                    SIGN_IN_THEN_NOT_ALLOWED),
    Row("organisations:create", GET,                   (LOGIN, 200,   200,   200,   200,   200,   200,   200)),
    Row("organisations:create", POST,                  (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
        data=org_profile, done="organisation.created"),
    Row("organisations:directory", GET,                ALL_200),
    Row("organisations:directory", POST,               NOT_ALLOWED),
    Row("organisations:invitation", GET,               (200,   200,   403,   403,   403,   403,   403,   403),
        args=("member_token",)),
    Row("organisations:invitation", POST,              (LOGIN, OK,    403,   403,   403,   403,   403,   403),
        args=("member_token",), done="organisation.member_joined"),
    Row("organisations:invitation", GET,               (409,   409,   409,   409,   409,   409,   409,   409),
        args=("used_member_token",), label="used"),
    Row("organisations:invitation", POST,              (410,   410,   410,   410,   410,   410,   410,   410),
        args=("expired_member_token",), label="expired"),
    Row("organisations:invitation", GET,               (404,   404,   404,   404,   404,   404,   404,   404),
        args=("unknown_token",), label="unknown"),
    Row("organisations:invitation_for_user", GET,      (LOGIN,   200,   404,   404,   404,   404,   404,   404),
        args=("member_invitation",)),
    Row("organisations:invitation_for_user", POST,     (LOGIN,   OK,    404,   404,   404,   404,   404,   404),
        args=("member_invitation",), done="organisation.member_joined"),
    Row("organisations:detail", GET,                   (404,   404,   200,   200,   200,   200,   200,   200),
        args=(ORG,)),
    Row("organisations:detail", POST,                  NOT_ALLOWED, args=(ORG,)),
    Row("organisations:edit", GET,                     (LOGIN, 404,   404,   404,   200,   404,   404,   404),
        args=(ORG,)),
    Row("organisations:edit", POST,                    (LOGIN, 404,   404,   404,   OK,    404,   404,   404),
        args=(ORG,), data=org_profile, done="organisation.updated"),
    Row("organisations:edit", POST,                    (LOGIN, 404,   404,   404,   400,   404,   404,   404),
        args=(ORG,), data=lambda s: {"name": "", "kind": "charity"}, label="no name"),
    Row("organisations:leave", GET,                    SIGN_IN_THEN_NOT_ALLOWED, args=(ORG,)),
    # The partner admin is the last admin, so cannot leave; the site admin is no member.
    Row("organisations:leave", POST,                   (LOGIN, 404,   404,   OK,    409,   404,   404,   404),
        args=(ORG,), done="organisation.member_left"),
    Row("organisations:member_invite", GET,            (LOGIN, 404,   404,   404,   200,   404,   404,   404),
        args=(ORG,)),
    Row("organisations:member_invite", POST,           (LOGIN, 404,   404,   404,   OK,    404,   404,   404),
        args=(ORG,), data=lambda s: {"email": "new.colleague@example.org", "role": "member"},
        done="organisation.member_invited"),
    Row("organisations:member_invite", POST,           (LOGIN, 404,   404,   404,   409,   404,   404,   404),
        args=(ORG,), data=lambda s: {"email": "CORE-MEMBER@example.org", "role": "member"},
        label="already a member"),
    Row("organisations:member_remove", GET,            SIGN_IN_THEN_NOT_ALLOWED, args=(ORG, "member_membership")),
    Row("organisations:member_remove", POST,           (LOGIN, 404,   404,   404,   OK,    404,   404,   404),
        args=(ORG, "member_membership"), done="organisation.member_removed"),
    Row("organisations:member_remove", POST,           (LOGIN, 404,   404,   404,   409,   404,   404,   404),
        args=(ORG, "admin_membership"), label="the last admin"),
    Row("organisations:member_role", GET,              SIGN_IN_THEN_NOT_ALLOWED, args=(ORG, "member_membership")),
    Row("organisations:member_role", POST,             (LOGIN, 404,   404,   404,   OK,    404,   404,   404),
        args=(ORG, "member_membership"), data=lambda s: {"role": "admin"},
        done="organisation.member_role_changed"),
    Row("organisations:member_role", POST,             (LOGIN, 404,   404,   404,   400,   404,   404,   404),
        args=(ORG, "member_membership"), data=lambda s: {"role": "owner"}, label="unknown role"),
    Row("organisations:invitation_revoke", GET,        SIGN_IN_THEN_NOT_ALLOWED, args=(ORG, "member_invitation")),
    Row("organisations:invitation_revoke", POST,       (LOGIN, 404,   404,   404,   OK,    404,   404,   404),
        args=(ORG, "member_invitation"), done="organisation.invitation_revoked"),
    Row("organisations:offer_add", GET,                (LOGIN, 404,   404,   404,   200,   404,   404,   404),
        args=(ORG,)),
    Row("organisations:offer_add", POST,               (LOGIN, 404,   404,   404,   OK,    404,   404,   404),
        args=(ORG,), data=lambda s: {"category": "premises", "description": "A hall for 80 people."},
        done="organisation.offer_added"),
    Row("organisations:offer_add", POST,               (LOGIN, 404,   404,   404,   400,   404,   404,   404),
        args=(ORG,), data=lambda s: {"category": "gold", "description": ""}, label="unknown category"),
    Row("organisations:offer_remove", GET,             SIGN_IN_THEN_NOT_ALLOWED, args=(ORG, "offer")),
    Row("organisations:offer_remove", POST,            (LOGIN, 404,   404,   404,   OK,    404,   404,   404),
        args=(ORG, "offer"), done="organisation.offer_removed"),
]
# fmt: on


def scene(world, s: SimpleNamespace) -> None:
    """Core Org's memberships and an offer of its own; a pending invitation to it for
    the outsider, a used one and an expired one."""
    org, users = world.core_org, world.users
    member_pending, s.member_token = member_invitation(org, users["outsider"].email)
    _, s.used_member_token = member_invitation(org, "used@example.org", status=InvitationStatus.ACCEPTED)
    _, s.expired_member_token = member_invitation(org, "late@example.org", expires_in=-timedelta(days=1))
    s.member_invitation = str(member_pending.uuid)
    s.member_membership = str(org.memberships.get(user=users["partner_member"]).uuid)
    s.admin_membership = str(org.memberships.get(user=users["partner_admin"]).uuid)
    s.offer = str(OfferFactory(organisation=org).uuid)
