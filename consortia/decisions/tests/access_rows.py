"""The decisions' rows for the access table (consortia/core/tests/test_access.py):
every decisions URL, GET and POST, for every persona, and `scene(world, s)`, which
adds the polls the rows name and puts their ids on `s`.

Who may do what (consortia/decisions/rules.py): everyone who sees the partnership reads
polls and the decision log (site admins too); members of the convener and core
partners open polls; the poll's electorate votes (here: all partners and individual
participants, one vote per person, so observers do not); whoever opened a poll
(here the convener's admin) closes it and writes the outcome. All else is a 404.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.core.factories import PartnershipFactory, PollFactory
from consortia.core.tests.test_access import GET, LOGIN, OK, POST, Row

P = "partnership"
SIGN_IN_THEN_NOT_ALLOWED = (LOGIN,) + (405,) * 7
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
OPEN_PAGE = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
OPENED = (LOGIN, 404, 404, OK, OK, OK, 404, 404)
OPEN_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 404, 404)
VOTED = (LOGIN, 404, 404, OK, OK, OK, OK, 404)
VOTE_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 400, 404)
VOTE_TOO_LATE = (LOGIN, 404, 404, 409, 409, 409, 409, 404)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
MANAGE_PAGE = (LOGIN, 404, 404, 404, 404, 200, 404, 404)
MANAGED = (LOGIN, 404, 404, 404, 404, OK, 404, 404)
MANAGE_CONFLICT = (LOGIN, 404, 404, 404, 404, 409, 404, 404)


def poll(s, **overrides):
    closes = timezone.localtime(timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    return {
        "title": "Move the drop-in to Thursdays",
        "details": "",
        "kind": "consent",
        "options": "",
        "electorate": "partners",
        "basis": "organisation",
        "quorum_by": "organisations",
        "quorum_percent": "",
        "closes_at": closes,
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("decisions:list", GET,                         READ, args=(P,)),
    Row("decisions:list", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("decisions:detail", GET,                       READ, args=(P, "poll")),
    Row("decisions:detail", GET,                       READ, args=(P, "closed_poll"), label="closed"),
    Row("decisions:detail", GET,                       NOT_FOUND, args=(P, "other_poll"),
        label="another partnership's poll"),
    Row("decisions:detail", POST,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),

    # --- opening: the convener's and core partners' members ----------------------------------------
    Row("decisions:create", GET,                       OPEN_PAGE, args=(P,)),
    Row("decisions:create", POST,                      OPENED, args=(P,), data=poll, done="poll.opened"),
    Row("decisions:create", POST,                      OPEN_REFUSED, args=(P,),
        data=lambda s: poll(s, kind="poll", options="Only one"), label="one option"),
    Row("decisions:create", POST,                      OPEN_REFUSED, args=(P,),
        data=lambda s: poll(s, closes_at="2001-01-01T10:00"), label="closing in the past"),

    # --- voting: the poll's electorate ---------------------------------------------------------------
    Row("decisions:vote", GET,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("decisions:vote", POST,                        VOTED, args=(P, "poll"),
        data=lambda s: {"choice": "agree", "reason": ""}, done="vote.cast"),
    Row("decisions:vote", POST,                        VOTE_REFUSED, args=(P, "poll"),
        data=lambda s: {"choice": "maybe"}, label="unknown option"),
    Row("decisions:vote", POST,                        VOTE_TOO_LATE, args=(P, "closed_poll"),
        data=lambda s: {"choice": "agree"}, label="after close"),
    Row("decisions:vote", POST,                        NOT_FOUND, args=(P, "other_poll"),
        data=lambda s: {"choice": "agree"}, label="another partnership's poll"),

    # --- closing and the outcome: whoever opened the poll --------------------------------------------
    Row("decisions:close", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("decisions:close", POST,                       MANAGED, args=(P, "poll"), done="poll.closed"),
    Row("decisions:close", POST,                       MANAGE_CONFLICT, args=(P, "closed_poll"), label="already closed"),
    Row("decisions:outcome", GET,                      MANAGE_PAGE, args=(P, "closed_poll")),
    Row("decisions:outcome", POST,                     MANAGED, args=(P, "closed_poll"),
        data=lambda s: {"outcome": "Agreed: Thursdays from June."}, done="poll.outcome_written"),
    Row("decisions:outcome", POST,                     MANAGE_CONFLICT, args=(P, "poll"),
        data=lambda s: {"outcome": "Agreed."}, label="still open"),
]
# fmt: on

# A plain member of a core partner opens polls (decisions.open_poll_in_partnership is not for admins
# only); plain members and individual participants vote. Observers change nothing.
ALLOWED_CHANGES = {
    ("partner_member", "decisions:create"),
    ("partner_member", "decisions:vote"),
    ("participant", "decisions:vote"),
}


def scene(world, s: SimpleNamespace) -> None:
    """An open proposal and a closed one, both opened by the convener's admin for
    all partners and individual participants, and another partnership's poll."""
    opener = world.users["convener_admin"]
    open_poll = PollFactory(partnership=world.partnership, created_by=opener, electorate="everyone")
    closed_poll = PollFactory(
        partnership=world.partnership,
        created_by=opener,
        electorate="everyone",
        status="closed",
        closed_at=timezone.now(),
    )
    other_poll = PollFactory(partnership=PartnershipFactory(), electorate="everyone")
    s.poll = str(open_poll.uuid)
    s.closed_poll = str(closed_poll.uuid)
    s.other_poll = str(other_poll.uuid)


# --- public consultations (consultation_views.py) -------------------------------------------------
# The convener's pages: the poll's manager (here the convener's admin, who opened it).
# The public pages need no account: with a valid link everyone gets the page, with a
# forged one a 404; refused answers (invalid, closed, used or expired code) write nothing.
ALL_200 = (200,) * 8
EVERYONE = {code: (code,) * 8 for code in (400, 404, 409, 410)}


def answer(s, **overrides):
    return {"stance": "support", "comment": "", "name": "", "email": "resident@example.org", **overrides}


# fmt: off
ROWS += [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("decisions:consultation", GET,                 MANAGE_PAGE, args=(P, "poll")),
    Row("decisions:consultation", GET,                 MANAGE_PAGE, args=(P, "plain_poll"), label="none yet"),
    Row("decisions:consultation", POST,                SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("decisions:consultation_open", GET,            SIGN_IN_THEN_NOT_ALLOWED, args=(P, "plain_poll")),
    Row("decisions:consultation_open", POST,           MANAGED, args=(P, "plain_poll"), done="consultation.opened"),
    Row("decisions:consultation_open", POST,           MANAGE_CONFLICT, args=(P, "poll"), label="already open"),
    Row("decisions:consultation_close", GET,           SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("decisions:consultation_close", POST,          MANAGED, args=(P, "poll"), done="consultation.closed"),
    Row("decisions:consultation_close", POST,          MANAGE_CONFLICT, args=(P, "closed_poll"), label="already closed"),
    Row("decisions:consultation_close", POST,          NOT_FOUND, args=(P, "plain_poll"), label="no consultation"),
    Row("decisions:consultation_response_hide", GET,   SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll", "consultation_response")),
    Row("decisions:consultation_response_hide", POST,  MANAGED, args=(P, "poll", "consultation_response"),
        done="consultation.response_hidden"),
    Row("decisions:consultation_response_hide", POST,  MANAGE_CONFLICT, args=(P, "poll", "consultation_response"),
        data=lambda s: {"hidden": "0"}, label="already shown"),
    Row("decisions:consultation_personal_data_delete", GET, SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("decisions:consultation_personal_data_delete", POST, MANAGED, args=(P, "poll"),
        done="consultation.personal_data_deleted"),
    Row("decisions:consultation_personal_data_delete", POST, MANAGED, args=(P, "poll"),
        data=lambda s: {"response": s.consultation_response}, done="consultation.personal_data_deleted",
        label="one response"),

    Row("consult:answer", GET,                         ALL_200, args=("consultation_token",)),
    Row("consult:answer", GET,                         EVERYONE[404], args=("unknown_token",), label="forged"),
    Row("consult:answer", GET,                         ALL_200, args=("closed_consultation_token",), label="closed"),
    Row("consult:answer", POST,                        EVERYONE[400], args=("consultation_token",),
        data=lambda s: answer(s, stance="love it"), label="unknown stance"),
    Row("consult:answer", POST,                        EVERYONE[400], args=("consultation_token",),
        data=lambda s: answer(s, comment="x" * 2001), label="over-long comment"),
    Row("consult:answer", POST,                        EVERYONE[409], args=("consultation_token",),
        data=lambda s: answer(s, email="ANSWERED@example.org"), label="email already answered"),
    Row("consult:answer", POST,                        EVERYONE[409], args=("closed_consultation_token",),
        data=answer, label="closed"),
    Row("consult:answer", POST,                        EVERYONE[404], args=("unknown_token",),
        data=answer, label="forged"),
    Row("consult:code", GET,                           ALL_200, args=("consultation_token", "pending_code")),
    Row("consult:code", POST,                          EVERYONE[409], args=("consultation_token", "used_code"),
        data=lambda s: {"code": "123456"}, label="used"),
    Row("consult:code", POST,                          EVERYONE[410], args=("consultation_token", "expired_code"),
        data=lambda s: {"code": "123456"}, label="expired"),
    Row("consult:code", POST,                          EVERYONE[400], args=("consultation_token", "pending_code"),
        data=lambda s: {"code": "12 34"}, label="not six digits"),
    Row("consult:code", POST,                          EVERYONE[404], args=("closed_consultation_token", "pending_code"),
        data=lambda s: {"code": "123456"}, label="another consultation's code"),
]
# fmt: on

# Issuing a new public link, and personal single-use links. Making links succeeds with
# a 200 (the printable page: the tokens are shown only then, so no redirect), which
# the table cannot express (a 200 cell means nothing changed): the rows here are the
# refusals, and test_consultation_links.py proves the success. Likewise an answer
# through a personal link writes an event with no actor (the public has none).
MANAGE_REFUSED = (LOGIN, 404, 404, 404, 404, 400, 404, 404)


def links(s, **overrides):
    return {"count": "3", "label": "Tuesday carers' group", **overrides}


def link_answer(s, **overrides):
    return {"stance": "support", "comment": "", "name": "", **overrides}


# fmt: off
ROWS += [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("decisions:consultation_link_renew", GET,      SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("decisions:consultation_link_renew", POST,     MANAGED, args=(P, "poll"), done="consultation.link_renewed"),
    Row("decisions:consultation_link_renew", POST,     MANAGE_CONFLICT, args=(P, "closed_poll"), label="closed"),
    Row("decisions:consultation_link_renew", POST,     NOT_FOUND, args=(P, "plain_poll"), label="no consultation"),
    Row("decisions:consultation_links", GET,           MANAGE_PAGE, args=(P, "poll")),
    Row("decisions:consultation_links", GET,           MANAGE_PAGE, args=(P, "closed_poll"), label="closed"),
    Row("decisions:consultation_links", GET,           NOT_FOUND, args=(P, "plain_poll"), label="no consultation"),
    # (the convener's success is a 200 page: see above)
    Row("decisions:consultation_links", POST,          MANAGE_REFUSED, args=(P, "poll"),
        data=lambda s: links(s, count="0")),
    Row("decisions:consultation_links", POST,          MANAGE_REFUSED, args=(P, "poll"),
        data=lambda s: links(s, count="501"), label="too many"),
    Row("decisions:consultation_links", POST,          MANAGE_REFUSED, args=(P, "poll"),
        data=lambda s: links(s, label="x" * 101), label="over-long label"),
    Row("decisions:consultation_links", POST,          MANAGE_CONFLICT, args=(P, "closed_poll"),
        data=links, label="closed"),
    Row("decisions:consultation_links", POST,          NOT_FOUND, args=(P, "plain_poll"),
        data=links, label="no consultation"),

    Row("consult:link", GET,                           ALL_200, args=("link_token",)),
    Row("consult:link", GET,                           ALL_200, args=("used_link_token",), label="used"),
    Row("consult:link", GET,                           ALL_200, args=("closed_link_token",), label="closed"),
    Row("consult:link", GET,                           EVERYONE[404], args=("unknown_token",), label="forged"),
    Row("consult:link", POST,                          EVERYONE[409], args=("used_link_token",),
        data=link_answer, label="used"),
    Row("consult:link", POST,                          EVERYONE[409], args=("closed_link_token",),
        data=link_answer, label="closed"),
    Row("consult:link", POST,                          EVERYONE[400], args=("link_token",),
        data=lambda s: link_answer(s, stance="love it"), label="unknown stance"),
    Row("consult:link", POST,                          EVERYONE[400], args=("link_token",),
        data=lambda s: link_answer(s, name="x" * 101), label="over-long name"),
    Row("consult:link", POST,                          EVERYONE[404], args=("unknown_token",),
        data=link_answer, label="forged"),
]
# fmt: on

_scene_polls = scene


def scene(world, s: SimpleNamespace) -> None:
    """The polls' scene, plus: an open consultation on the open poll with one response
    (from answered@example.org), a pending, a used and an expired code, and an unused
    and a used personal link; a closed consultation on the closed poll, with an unused
    personal link; and a poll with no consultation."""
    from consortia.core.tokens import token_new
    from consortia.decisions.consultation_services import _keyed, respondent_key
    from consortia.decisions.models import (
        Consultation,
        ConsultationCode,
        ConsultationLink,
        ConsultationResponse,
        Poll,
    )

    _scene_polls(world, s)
    opener = world.users["convener_admin"]
    token, hashed = token_new()
    consultation = Consultation.objects.create(
        poll=Poll.objects.get(uuid=s.poll), token_hash=hashed, opened_by=opener
    )
    closed_token, closed_hash = token_new()
    closed_consultation = Consultation.objects.create(
        poll=Poll.objects.get(uuid=s.closed_poll),
        token_hash=closed_hash,
        opened_by=opener,
        status="closed",
        closed_at=timezone.now(),
    )
    key = respondent_key(consultation, "answered@example.org")
    response = ConsultationResponse.objects.create(
        consultation=consultation,
        stance="concerns",
        comment="Buses stop early.",
        name="Sam",
        email="answered@example.org",
        respondent_key=key,
    )

    def code(email: str, **fields) -> str:
        row = ConsultationCode.objects.create(
            consultation=consultation,
            email=email,
            respondent_key=respondent_key(consultation, email),
            code_hash="0" * 64,
            **{"stance": "support", "expires_at": timezone.now() + timedelta(minutes=30), **fields},
        )
        return str(row.uuid)

    def personal_link(on, **fields) -> tuple[ConsultationLink, str]:
        link_token, link_hash = token_new()
        link = ConsultationLink.objects.create(
            consultation=on, token_hash=link_hash, label="Tuesday carers' group", created_by=opener, **fields
        )
        return link, link_token

    _, s.link_token = personal_link(consultation)
    used_link, s.used_link_token = personal_link(consultation, used_at=timezone.now())
    ConsultationResponse.objects.create(
        consultation=consultation,
        stance="neutral",
        respondent_key=_keyed("link", str(used_link.uuid)),
        link=used_link,
    )
    _, s.closed_link_token = personal_link(closed_consultation)
    s.consultation_token = token
    s.closed_consultation_token = closed_token
    s.consultation_response = str(response.uuid)
    s.pending_code = code("pending@example.org")
    s.used_code = code("answered@example.org", used_at=timezone.now(), stance="")
    s.expired_code = code("late@example.org", expires_at=timezone.now() - timedelta(minutes=1))
    s.plain_poll = str(
        PollFactory(partnership=world.partnership, created_by=opener, electorate="everyone").uuid
    )
