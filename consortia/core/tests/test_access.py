"""Who may open or change what: every URL of our apps, for every persona.

ROWS is the access table. Each row names a URL and a method, then what each persona
observes, in conftest.PERSONAS order; a second line gives the URL's arguments (names
of ids in the scene below), the form data for a POST, and the event verb of a success.
A cell is one of:

- a status code (200, 400, 403, 404, 405, 409, 410): nothing in the database changed
  and no email was sent;
- LOGIN: a redirect to the sign-in page, and nothing changed;
- OK (or a verb, where one persona's success writes a different one): the change was
  made, the answer is a 302, and exactly one Event with the row's verb, by that
  persona, was written (and one email, for an invitation).

Every (row, persona) case gets a fresh world. A guard test walks the URL resolver, so
a new URL without rows here fails the build. Policy tests read the table itself:
outsiders get 404 on partnership pages, site admins view but never manage, observers
and plain members change nothing but their own standing, a GET never changes anything.
"""

import importlib
import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from consortia.core.factories import OfferFactory
from consortia.core.models import Event
from consortia.core.testing import (
    GET,
    LOGIN,
    OK,
    PERSONAS,
    POST,
    Row,
    member_invitation,
    partnership_invitation,
    sends_to_sign_in,
    snapshot,
)
from consortia.core.tokens import token_new
from consortia.organisations.models import InvitationStatus

MAILING_VERBS = {"organisation.member_invited", "partner.invited", "participant.invited"}


def org_profile(s):
    return {"name": "Renamed Org", "kind": "charity", "description": "New words.", "expertise": "advice"}


def partnership_details(s):
    return {"name": "Renamed Partnership", "purpose": "Carers get advice.", "status": "active"}


P, CORE, CONVENER, ORG = "partnership", "core_partner", "convener_partner", "core_org"
ALL_200 = (200,) * 8
NOT_ALLOWED = (405,) * 8
SIGN_IN_THEN_NOT_ALLOWED = (LOGIN,) + (405,) * 7

# Organisation URLs are about Core Org (partner_admin is its only admin; partner_member
# a member). Partnership URLs are about the world's partnership, convened by Convener
# Org, with Core Org as a core partner and Observer Org as an observer.
# Invitations (pending, used, expired) are all addressed to the outsider.
# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("home", GET,                                   ALL_200),
    Row("home", POST,                                  NOT_ALLOWED),
    Row("healthz", GET,                                ALL_200),
    Row("healthz", POST,                               NOT_ALLOWED),
    # Our sign-up view (allauth's, plus the race for an address): a form for visitors,
    # and signed-in people are sent home. An empty form changes nothing; signing up
    # for real is proved in accounts/tests.
    Row("account_signup", GET,                         (200,) + (302,) * 7),
    Row("account_signup", POST,                        (200,) + (302,) * 7),

    # --- organisations ------------------------------------------------------------------------
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

    # --- partnerships -------------------------------------------------------------------------
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

# Each later app keeps its rows beside its own tests: a module with ROWS, a
# scene(world, ids) that adds the objects its rows name, and ALLOWED_CHANGES, the
# (persona, URL name) pairs where a plain member, observer or participant may
# change something (e.g. a participant commenting).
EXTRA_ROW_MODULES = [
    "consortia.canvas.tests.access_rows",
    "consortia.agreements.tests.access_rows",
    "consortia.decisions.tests.access_rows",
    "consortia.consultations.tests.access_rows",  # on the decisions' polls: after them
]
EXTRA_MODULES = []
for _name in EXTRA_ROW_MODULES:
    try:
        EXTRA_MODULES.append(importlib.import_module(_name))
    except ModuleNotFoundError as error:
        if error.name != _name:
            raise
for _module in EXTRA_MODULES:
    ROWS += _module.ROWS
    MAILING_VERBS |= getattr(_module, "MAILING_VERBS", set())  # verbs whose success sends one email

INVITATION_URLS = {
    "organisations:invitation",
    "organisations:invitation_for_user",
    "partnerships:invitation",
    "partnerships:invitation_for_user",
}
# Pages inside a partnership: only its partners' members and participants (and site admins) see them.
PARTNERSHIP_PAGES = {
    row.name
    for row in ROWS
    if row.name.startswith(("partnerships:", "canvas:", "agreements:"))
    and row.name not in {*INVITATION_URLS, "partnerships:list", "partnerships:create"}
}


# --- the scene ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _whitenoise_without_a_file_scan(settings):
    """Each test client builds the middleware; without this WhiteNoise would list
    every static file for every client, which is most of this file's run time."""
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def scene(world):
    """The world plus what some URLs need: an offer, pending invitations for the
    outsider, a used and an expired one. scene(persona) gives the ids for URLs and
    forms, as strings."""
    users = world.users
    outsider = users["outsider"].email
    org, partnership = world.core_org, world.partnership
    expired = -timedelta(days=1)
    member_pending, member_token = member_invitation(org, outsider)
    partner_pending, partner_token = partnership_invitation(partnership, outsider)
    participant_pending, _ = partnership_invitation(partnership, outsider, kind="individual")
    _, used_member_token = member_invitation(org, "used@example.org", status=InvitationStatus.ACCEPTED)
    _, expired_member_token = member_invitation(org, "late@example.org", expires_in=expired)
    _, used_partner_token = partnership_invitation(partnership, "used@example.org", status="declined")
    _, expired_partner_token = partnership_invitation(partnership, "late@example.org", expires_in=expired)
    ids = {
        "partnership": world.partnership.uuid,
        "core_partner": world.core_partner.uuid,
        "convener_partner": world.convener_partner.uuid,
        "participant": world.participant.uuid,
        "core_representative": world.core_partner.representatives.get().uuid,
        "core_org": world.core_org.uuid,
        "outsider_org": world.outsider_org.uuid,
        "member_membership": world.core_org.memberships.get(user=users["partner_member"]).uuid,
        "admin_membership": world.core_org.memberships.get(user=users["partner_admin"]).uuid,
        "offer": OfferFactory(organisation=world.core_org).uuid,
        "member_invitation": member_pending.uuid,
        "partner_invitation": partner_pending.uuid,
        "participant_invitation": participant_pending.uuid,
        "member_token": member_token,
        "partner_token": partner_token,
        "used_member_token": used_member_token,
        "expired_member_token": expired_member_token,
        "used_partner_token": used_partner_token,
        "expired_partner_token": expired_partner_token,
        "unknown_token": token_new()[0],
        "partner_member": users["partner_member"].uuid,
        "outsider": users["outsider"].uuid,
    }
    admin_of = {
        "outsider": world.outsider_org,
        "partner_admin": world.core_org,
        "convener_admin": world.convener_org,
    }

    extra = SimpleNamespace()
    for module in EXTRA_MODULES:
        module.scene(world, extra)
    ids.update(vars(extra))

    def for_persona(persona: str) -> SimpleNamespace:
        my_org = admin_of.get(persona, world.core_org).uuid
        return SimpleNamespace(**{k: str(v) for k, v in ids.items()}, my_org=str(my_org))

    return for_persona


# --- observing a request ----------------------------------------------------------------


def send(client, row: Row, url: str, ids: SimpleNamespace):
    data = row.data(ids) if row.data else {}
    return client.get(url) if row.method == GET else client.post(url, data)


def status_of(response):
    return LOGIN if sends_to_sign_in(response) else response.status_code


def observe(response, before: dict) -> tuple:
    """(status, new events as (verb, actor), database changed?, emails sent)."""
    status = status_of(response)
    old_events = {row[0] for row in before[Event._meta.db_table]}
    events = [(e.verb, e.actor_id) for e in Event.objects.exclude(pk__in=old_events).order_by("pk")]
    changed = "changed" if snapshot() != before else "unchanged"
    return status, events, changed, len(mail.outbox)


def expected(row: Row, persona: str, user) -> tuple:
    verb = row.verb(persona)
    if verb:
        return 302, [(verb, user.pk)], "changed", int(verb in MAILING_VERBS)
    return row.cell(persona), [], "unchanged", 0


# --- the table, against the application -----------------------------------------------------

CASES = [pytest.param(row, persona, id=f"{row.id}-{persona}") for row in ROWS for persona in PERSONAS]


def first_signed_in_persona_shown(row: Row) -> str | None:
    return next((p for p in PERSONAS if p != "anonymous" and row.cell(p) == 200), None)


PRIVATE_CASES = [
    pytest.param(row, persona, id=f"{row.id}-{persona}")
    for row in ROWS
    if row.method == GET and (persona := first_signed_in_persona_shown(row))
]


@pytest.mark.parametrize(("row", "persona"), PRIVATE_CASES)
def test_it_tells_every_cache_not_to_keep_a_signed_in_page(row, persona, world, scene, client_for):
    """Every page, export and PDF a signed-in person sees says `private, no-store`, so
    no shared cache keeps a partnership's content for someone else."""
    ids = scene(persona)
    response = client_for(persona).get(reverse(row.name, args=[getattr(ids, arg) for arg in row.args]))

    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


@pytest.mark.parametrize(("row", "persona"), CASES)
def test_it_answers_every_persona_as_the_access_table_says(
    row, persona, world, scene, client_for, django_capture_on_commit_callbacks
):
    ids = scene(persona)
    url = reverse(row.name, args=[getattr(ids, arg) for arg in row.args])
    client = client_for(persona)
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, row, url, ids)

    assert observe(response, before) == expected(row, persona, world.users.get(persona))


def uuid_arg_cases():
    """(row, position of a uuid argument) for rows that reach their view."""
    for row in ROWS:
        if 405 in row.expect or row.label:
            continue
        for position, arg in enumerate(row.args):
            if "token" not in arg:
                yield pytest.param(row, position, id=f"{row.id}-{arg}")


@pytest.mark.parametrize(("row", "position"), list(uuid_arg_cases()))
def test_it_answers_404_for_an_unknown_uuid(row, position, world, scene, client_for):
    """Missing and forbidden look the same: a random uuid is a 404 for everyone
    (or a sign-in redirect for a page that needs one), and changes nothing."""
    ids = scene("anonymous")
    args = [getattr(ids, arg) for arg in row.args]
    args[position] = str(uuid.uuid4())
    url = reverse(row.name, args=args)
    clients = {persona: client_for(persona) for persona in PERSONAS}
    before = snapshot()

    answers = {persona: status_of(send(client, row, url, ids)) for persona, client in clients.items()}

    anonymous = LOGIN if row.cell("anonymous") is LOGIN else 404
    assert answers == {"anonymous": anonymous} | {persona: 404 for persona in PERSONAS[1:]}
    assert snapshot() == before


MALFORMED = ["not-a-uuid", "12345", "0" * 32, "00000000-0000-0000-0000-00000000000g", "%27%20OR%201=1"]


@pytest.mark.parametrize("name", sorted({row.name for row in ROWS if row.args}))
def test_it_answers_404_for_a_malformed_id_or_token(name, scene, client_for):
    """A uuid that is not one does not match the URL (404, not 500); a made-up or
    hostile token finds no invitation (404)."""
    ids = scene("convener_admin")
    row = next(row for row in ROWS if row.name == name)
    real = reverse(name, args=[getattr(ids, arg) for arg in row.args])
    client = client_for("convener_admin")
    before = snapshot()

    answers = {
        (arg, bad, method): getattr(client, method)(real.replace(getattr(ids, arg), bad)).status_code
        for arg in row.args
        for bad in [*MALFORMED, "x" * 5000]
        for method in ("get", "post")
    }

    assert set(answers.values()) == {404}, answers
    assert snapshot() == before


# --- the table covers every URL --------------------------------------------------------------


def url_patterns(resolver=None, prefix=""):
    """(qualified name or None, pattern, namespace prefix) for every URL."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from url_patterns(pattern, namespace)
        else:
            yield (f"{prefix}{pattern.name}" if pattern.name else None), pattern, prefix


def is_ours(name, pattern, prefix) -> bool:
    """Everything but Django's admin, allauth's account_* pages and static files."""
    module = getattr(pattern.callback, "__module__", "")
    if prefix.startswith("admin:") or module.startswith("django.views.static"):
        return False
    return not ((name or "").startswith("account_") and module.startswith("allauth."))


def test_it_has_rows_for_every_url_of_our_apps():
    ours = [(name, pattern) for name, pattern, prefix in url_patterns() if is_ours(name, pattern, prefix)]
    unnamed = [str(pattern.pattern) for name, pattern in ours if name is None]
    in_table = {(row.name, row.method) for row in ROWS}

    missing = sorted(
        f"{name} {method}" for name, _ in ours for method in (GET, POST) if (name, method) not in in_table
    )

    assert len(ours) >= 32  # home, healthz, 14 organisations:*, 16 partnerships:*
    assert unnamed == [], "Name every URL so the access table can cover it."
    assert missing == [], "Add access rows (GET and POST) for these URLs to ROWS."
    assert {row.name for row in ROWS} <= {name for name, _ in ours}, "Rows for URLs that no longer exist."


# --- policies, read from the table (the table itself is proved above) -----------------------


def test_it_hides_partnership_pages_from_outsiders_and_asks_anonymous_to_sign_in():
    partnership_rows = [row for row in ROWS if row.name in PARTNERSHIP_PAGES]

    assert {row.cell("anonymous") for row in partnership_rows} == {LOGIN}
    assert {row.cell("outsider") for row in partnership_rows} == {404, 405}  # 405: a GET of a button


def test_it_hides_an_unlisted_organisation_from_outsiders():
    outsider = {row.cell("outsider") for row in ROWS if ORG in row.args}

    assert outsider == {404, 405}


def test_it_never_changes_anything_on_a_get():
    changes = {
        (row.id, persona) for row in ROWS if row.method == GET for persona in PERSONAS if row.verb(persona)
    }

    assert changes == set()


def test_it_never_answers_403_outside_invitation_links():
    """Signed-in users get 404 both for what is missing and what they may not see;
    only an invitation link, whose holder has the secret, says whose it is."""
    forbidden = {row.name for row in ROWS if 403 in row.expect}

    assert forbidden
    assert forbidden <= INVITATION_URLS


def test_it_lets_site_admins_view_partnerships_but_not_manage_them():
    site_admin = {row.id: row.cell("site_admin") for row in ROWS if row.name in PARTNERSHIP_PAGES}

    assert site_admin["partnerships:detail-GET"] == site_admin["partnerships:activity-GET"] == 200
    assert {cell for row_id, cell in site_admin.items() if row_id.endswith("-POST")} <= {404, 405}


def test_it_lets_observers_members_and_participants_change_only_their_own_standing():
    """Apart from creating their own organisation, leaving is all they can do."""
    changes = {
        (persona, row.name)
        for row in ROWS
        for persona in ("observer", "partner_member", "participant")
        if row.verb(persona)
    }

    allowed = {pair for module in EXTRA_MODULES for pair in module.ALLOWED_CHANGES}
    assert changes - allowed == {
        ("observer", "organisations:create"),
        ("partner_member", "organisations:create"),
        ("participant", "organisations:create"),
        ("partner_member", "organisations:leave"),
        ("participant", "partnerships:participant_remove"),
    }


# --- a rule the table cannot show: access ends when a partner leaves -----------------------


@pytest.mark.parametrize("who", ["observer", "participant"])
def test_it_hides_an_unlisted_partner_organisation_once_the_shared_partnership_is_left(
    who, world, client_for
):
    if who == "observer":
        world.observer_partner.left_at = timezone.now()
        world.observer_partner.save()
    else:
        world.participant.left_at = timezone.now()
        world.participant.save()
    client = client_for(who)

    assert client.get(reverse("organisations:detail", args=[world.core_org.uuid])).status_code == 404
    assert client.get(reverse("partnerships:detail", args=[world.partnership.uuid])).status_code == 404


# --- where a form sends you next ------------------------------------------------------------


@pytest.mark.parametrize(
    ("next_url", "goes_to_next"),
    [
        ("/partnerships/new/", True),
        ("//evil.example/", False),
        ("/\\evil.example/", False),
        ("https://evil.example/", False),
        ("/\t/evil.example/", False),
    ],
)
def test_it_follows_next_after_creating_an_organisation_only_within_the_site(
    next_url, goes_to_next, client_for
):
    response = client_for("observer").post(
        reverse("organisations:create"), {**org_profile(None), "next": next_url}
    )

    assert response.status_code == 302
    assert (response["Location"] == next_url) is goes_to_next
    assert "evil.example" not in response["Location"]
