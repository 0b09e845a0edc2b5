"""The partnerships' rows for the access table (consortia/core/tests/test_access.py):
every partnerships URL, GET and POST, for every persona, and `scene(world, s)`, which
adds what the rows name to the world and puts their ids on `s`.

The rows are about the world's partnership, convened by Convener Org, with Core Org
as a core partner and Observer Org as an observer. The outsider is invited to bring
Outsider Org in (by link), and to take part in person. A participant leaving is the
only change a plain member, observer or participant makes here; the table's policy
test names it itself, so ALLOWED_CHANGES is empty.
"""

from datetime import timedelta
from types import SimpleNamespace

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.testing import partnership_invitation

MAILING_VERBS = {"partner.invited", "participant.invited"}
ALLOWED_CHANGES: set[tuple[str, str]] = set()

P, CORE, CONVENER = "partnership", "core_partner", "convener_partner"


def partnership_details(s):
    return {"name": "Renamed Partnership", "purpose": "Carers get advice.", "status": "active"}


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("partnerships:list", GET,                      (LOGIN, 200,   200,   200,   200,   200,   200,   200)),
    Row("partnerships:list", POST,                     SIGN_IN_THEN_NOT_ALLOWED),
    # Only admins of an organisation can convene; the others are asked to create one (200).
    Row("partnerships:create", GET,                    (LOGIN, 200,   200,   200,   200,   200,   200,   200)),
    Row("partnerships:create", POST,                   (LOGIN, OK,    200,   200,   OK,    OK,    200,   200),
        data=lambda s: {"organisation": s.my_org, "name": "New Partnership", "purpose": "Fewer carers in crisis."},
        done="partnership.convened"),
    # The outsider is invited to bring Outsider Org in (by link), and to take part in person.
    Row("partnerships:invitation", GET,                (200,   200,   403,   403,   403,   403,   403,   403),
        args=("partner_token",)),
    Row("partnerships:invitation", POST,               (LOGIN, OK,    403,   403,   403,   403,   403,   403),
        args=("partner_token",), data=lambda s: {"organisation": s.outsider_org}, done="partner.joined"),
    Row("partnerships:invitation", POST,               (LOGIN, OK,    403,   403,   403,   403,   403,   403),
        args=("partner_token",), data=lambda s: {"decision": "decline"}, done="partner.declined",
        label="decline"),
    Row("partnerships:invitation", POST,               (LOGIN, 400,   403,   403,   403,   403,   403,   403),
        args=("partner_token",), data=lambda s: {"organisation": s.core_org}, label="for another organisation"),
    Row("partnerships:invitation", GET,                (409,   409,   409,   409,   409,   409,   409,   409),
        args=("used_partner_token",), label="used"),
    Row("partnerships:invitation", POST,               (410,   410,   410,   410,   410,   410,   410,   410),
        args=("expired_partner_token",), label="expired"),
    Row("partnerships:invitation", POST,               (404,   404,   404,   404,   404,   404,   404,   404),
        args=("unknown_token",), label="unknown"),
    Row("partnerships:invitation_for_user", GET,       (LOGIN,   200,   404,   404,   404,   404,   404,   404),
        args=("participant_invitation",)),
    Row("partnerships:invitation_for_user", POST,      (LOGIN,   OK,    404,   404,   404,   404,   404,   404),
        args=("participant_invitation",), done="participant.joined"),
    Row("partnerships:detail", GET,                    (LOGIN, 404,   200,   200,   200,   200,   200,   200),
        args=(P,)),
    Row("partnerships:detail", POST,                   SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("partnerships:activity", GET,                  (LOGIN, 404,   200,   200,   200,   200,   200,   200),
        args=(P,)),
    Row("partnerships:activity", POST,                 SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("partnerships:edit", GET,                      (LOGIN, 404,   404,   404,   404,   200,   404,   404),
        args=(P,)),
    Row("partnerships:edit", POST,                     (LOGIN, 404,   404,   404,   404,   OK,    404,   404),
        args=(P,), data=partnership_details, done="partnership.updated"),
    Row("partnerships:edit", POST,                     (LOGIN, 404,   404,   404,   404,   400,   404,   404),
        args=(P,), data=lambda s: {"name": "", "purpose": "", "status": "gone"}, label="invalid"),
    Row("partnerships:invite", GET,                    (LOGIN, 404,   404,   404,   404,   200,   404,   404),
        args=(P,)),
    Row("partnerships:invite", POST,                   (LOGIN, 404,   404,   404,   404,   OK,    404,   404),
        args=(P,), data=lambda s: {"email": "new.partner@example.org", "role": "core"}, done="partner.invited"),
    Row("partnerships:invite", POST,                   (LOGIN, 404,   404,   404,   404,   400,   404,   404),
        args=(P,), data=lambda s: {"email": "new.partner@example.org", "role": "convener"}, label="as convener"),
    Row("partnerships:invite_participant", GET,        (LOGIN, 404,   404,   404,   404,   200,   404,   404),
        args=(P,)),
    Row("partnerships:invite_participant", POST,       (LOGIN, 404,   404,   404,   404,   OK,    404,   404),
        args=(P,), data=lambda s: {"email": "carer2@example.org"}, done="participant.invited"),
    Row("partnerships:invitation_revoke", GET,         SIGN_IN_THEN_NOT_ALLOWED, args=(P, "partner_invitation")),
    Row("partnerships:invitation_revoke", POST,        (LOGIN, 404,   404,   404,   404,   OK,    404,   404),
        args=(P, "partner_invitation"), done="partner.invitation_revoked"),
    Row("partnerships:hand_over", GET,                 (LOGIN, 404,   404,   404,   404,   200,   404,   404),
        args=(P,)),
    Row("partnerships:hand_over", POST,                (LOGIN, 404,   404,   404,   404,   OK,    404,   404),
        args=(P,), data=lambda s: {"partner": s.core_partner}, done="partnership.convening_handed_over"),
    Row("partnerships:hand_over", POST,                (LOGIN, 404,   404,   404,   404,   400,   404,   404),
        args=(P,), data=lambda s: {"partner": s.convener_partner}, label="to the convener"),
    Row("partnerships:partner_role", GET,              SIGN_IN_THEN_NOT_ALLOWED, args=(P, CORE)),
    Row("partnerships:partner_role", POST,             (LOGIN, 404,   404,   404,   404,   OK,    404,   404),
        args=(P, CORE), data=lambda s: {"role": "associate"}, done="partner.role_changed"),
    Row("partnerships:partner_role", POST,             (LOGIN, 404,   404,   404,   404,   400,   404,   404),
        args=(P, CORE), data=lambda s: {"role": "convener"}, label="to convener"),
    Row("partnerships:partner_role", POST,             (LOGIN, 404,   404,   404,   404,   409,   404,   404),
        args=(P, CONVENER), data=lambda s: {"role": "core"}, label="of the convener"),
    Row("partnerships:representatives", GET,           (LOGIN, 404,   404,   404,   200,   404,   404,   404),
        args=(P, CORE)),
    Row("partnerships:representatives", POST,          (LOGIN, 404,   404,   404,   OK,    404,   404,   404),
        args=(P, CORE), data=lambda s: {"user": s.partner_member}, done="partner.representative_added"),
    Row("partnerships:representatives", POST,          (LOGIN, 404,   404,   404,   400,   404,   404,   404),
        args=(P, CORE), data=lambda s: {"user": s.outsider}, label="not a member"),
    Row("partnerships:representative_remove", GET,     SIGN_IN_THEN_NOT_ALLOWED, args=(P, CORE, "core_representative")),
    Row("partnerships:representative_remove", POST,    (LOGIN, 404,   404,   404,   OK,    404,   404,   404),
        args=(P, CORE, "core_representative"), done="partner.representative_removed"),
    Row("partnerships:partner_leave", GET,             SIGN_IN_THEN_NOT_ALLOWED, args=(P, CORE)),
    Row("partnerships:partner_leave", POST,            (LOGIN, 404,   404,   404,   OK,    404,   404,   404),
        args=(P, CORE), done="partner.left"),
    Row("partnerships:partner_leave", POST,            (LOGIN, 404,   404,   404,   404,   409,   404,   404),
        args=(P, CONVENER), label="the convener"),
    Row("partnerships:participant_remove", GET,        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "participant")),
    # The convener removes the participant; the participant leaves.
    Row("partnerships:participant_remove", POST,       (LOGIN, 404,   404,   404,   404,   OK,    "participant.left", 404),
        args=(P, "participant"), done="participant.removed"),
]
# fmt: on


def scene(world, s: SimpleNamespace) -> None:
    """Core Org's representative; pending invitations for the outsider (to bring an
    organisation in, and to take part in person), a used one and an expired one."""
    partnership, outsider = world.partnership, world.users["outsider"].email
    partner_pending, s.partner_token = partnership_invitation(partnership, outsider)
    participant_pending, _ = partnership_invitation(partnership, outsider, kind="individual")
    _, s.used_partner_token = partnership_invitation(partnership, "used@example.org", status="declined")
    _, s.expired_partner_token = partnership_invitation(
        partnership, "late@example.org", expires_in=-timedelta(days=1)
    )
    s.partner_invitation = str(partner_pending.uuid)
    s.participant_invitation = str(participant_pending.uuid)
    s.core_representative = str(world.core_partner.representatives.get().uuid)
