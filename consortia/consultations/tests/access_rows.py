"""The consultations' rows for the access table (consortia/core/tests/test_access.py):
every consultations URL, GET and POST, for every persona, and `scene(world, s)`,
which adds the consultations, responses, codes and links the rows name.

The consultations are on the decisions' polls: this scene runs after the decisions'
(EXTRA_ROW_MODULES lists it later) and uses its open and closed polls.

Who may do what (consortia/consultations/rules.py): the convener's pages belong to
the poll's manager (here the convener's admin, who opened it); all else is a 404.
The public pages need no account: with a valid link everyone gets the page, with a
forged one a 404; refused answers (invalid, closed, used or expired code) write nothing.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, POST, Row
from consortia.core.factories import PollFactory
from consortia.decisions.tests.access_rows import (
    MANAGE_CONFLICT,
    MANAGE_PAGE,
    MANAGED,
    NOT_FOUND,
    SIGN_IN_THEN_NOT_ALLOWED,
    P,
)

ALL_200 = (200,) * 8
EVERYONE = {code: (code,) * 8 for code in (400, 404, 409, 410)}


def answer(s, **overrides):
    return {"stance": "support", "comment": "", "name": "", "email": "resident@example.org", **overrides}


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("consultations:manage", GET,                   MANAGE_PAGE, args=(P, "poll")),
    Row("consultations:manage", GET,                   MANAGE_PAGE, args=(P, "plain_poll"), label="none yet"),
    Row("consultations:manage", POST,                  SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("consultations:open", GET,                     SIGN_IN_THEN_NOT_ALLOWED, args=(P, "plain_poll")),
    Row("consultations:open", POST,                    MANAGED, args=(P, "plain_poll"), done="consultation.opened"),
    Row("consultations:open", POST,                    MANAGE_CONFLICT, args=(P, "poll"), label="already open"),
    Row("consultations:close", GET,                    SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("consultations:close", POST,                   MANAGED, args=(P, "poll"), done="consultation.closed"),
    Row("consultations:close", POST,                   MANAGE_CONFLICT, args=(P, "closed_poll"), label="already closed"),
    Row("consultations:close", POST,                   NOT_FOUND, args=(P, "plain_poll"), label="no consultation"),
    Row("consultations:response_hide", GET,            SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll", "consultation_response")),
    Row("consultations:response_hide", POST,           MANAGED, args=(P, "poll", "consultation_response"),
        done="consultation.response_hidden"),
    Row("consultations:response_hide", POST,           MANAGE_CONFLICT, args=(P, "poll", "consultation_response"),
        data=lambda s: {"hidden": "0"}, label="already shown"),
    Row("consultations:personal_data_delete", GET, SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("consultations:personal_data_delete", POST, MANAGED, args=(P, "poll"),
        done="consultation.personal_data_deleted"),
    Row("consultations:personal_data_delete", POST, MANAGED, args=(P, "poll"),
        data=lambda s: {"response": s.consultation_response}, done="consultation.personal_data_deleted",
        label="one response"),

    Row("consultations:answer", GET,                   ALL_200, args=("consultation_token",)),
    Row("consultations:answer", GET,                   EVERYONE[404], args=("unknown_token",), label="forged"),
    Row("consultations:answer", GET,                   ALL_200, args=("closed_consultation_token",), label="closed"),
    Row("consultations:answer", POST,                  EVERYONE[400], args=("consultation_token",),
        data=lambda s: answer(s, stance="love it"), label="unknown stance"),
    Row("consultations:answer", POST,                  EVERYONE[400], args=("consultation_token",),
        data=lambda s: answer(s, comment="x" * 2001), label="over-long comment"),
    Row("consultations:answer", POST,                  EVERYONE[409], args=("consultation_token",),
        data=lambda s: answer(s, email="ANSWERED@example.org"), label="email already answered"),
    Row("consultations:answer", POST,                  EVERYONE[409], args=("closed_consultation_token",),
        data=answer, label="closed"),
    Row("consultations:answer", POST,                  EVERYONE[404], args=("unknown_token",),
        data=answer, label="forged"),
    Row("consultations:code", GET,                     ALL_200, args=("consultation_token", "pending_code")),
    Row("consultations:code", POST,                    EVERYONE[409], args=("consultation_token", "used_code"),
        data=lambda s: {"code": "123456"}, label="used"),
    Row("consultations:code", POST,                    EVERYONE[410], args=("consultation_token", "expired_code"),
        data=lambda s: {"code": "123456"}, label="expired"),
    Row("consultations:code", POST,                    EVERYONE[400], args=("consultation_token", "pending_code"),
        data=lambda s: {"code": "12 34"}, label="not six digits"),
    Row("consultations:code", POST,                    EVERYONE[404], args=("closed_consultation_token", "pending_code"),
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
    Row("consultations:link_renew", GET,               SIGN_IN_THEN_NOT_ALLOWED, args=(P, "poll")),
    Row("consultations:link_renew", POST,              MANAGED, args=(P, "poll"), done="consultation.link_renewed"),
    Row("consultations:link_renew", POST,              MANAGE_CONFLICT, args=(P, "closed_poll"), label="closed"),
    Row("consultations:link_renew", POST,              NOT_FOUND, args=(P, "plain_poll"), label="no consultation"),
    Row("consultations:links", GET,                    MANAGE_PAGE, args=(P, "poll")),
    Row("consultations:links", GET,                    MANAGE_PAGE, args=(P, "closed_poll"), label="closed"),
    Row("consultations:links", GET,                    NOT_FOUND, args=(P, "plain_poll"), label="no consultation"),
    # (the convener's success is a 200 page: see above)
    Row("consultations:links", POST,                   MANAGE_REFUSED, args=(P, "poll"),
        data=lambda s: links(s, count="0")),
    Row("consultations:links", POST,                   MANAGE_REFUSED, args=(P, "poll"),
        data=lambda s: links(s, count="501"), label="too many"),
    Row("consultations:links", POST,                   MANAGE_REFUSED, args=(P, "poll"),
        data=lambda s: links(s, label="x" * 101), label="over-long label"),
    Row("consultations:links", POST,                   MANAGE_CONFLICT, args=(P, "closed_poll"),
        data=links, label="closed"),
    Row("consultations:links", POST,                   NOT_FOUND, args=(P, "plain_poll"),
        data=links, label="no consultation"),

    Row("consultations:link", GET,                     ALL_200, args=("link_token",)),
    Row("consultations:link", GET,                     ALL_200, args=("used_link_token",), label="used"),
    Row("consultations:link", GET,                     ALL_200, args=("closed_link_token",), label="closed"),
    Row("consultations:link", GET,                     EVERYONE[404], args=("unknown_token",), label="forged"),
    Row("consultations:link", POST,                    EVERYONE[409], args=("used_link_token",),
        data=link_answer, label="used"),
    Row("consultations:link", POST,                    EVERYONE[409], args=("closed_link_token",),
        data=link_answer, label="closed"),
    Row("consultations:link", POST,                    EVERYONE[400], args=("link_token",),
        data=lambda s: link_answer(s, stance="love it"), label="unknown stance"),
    Row("consultations:link", POST,                    EVERYONE[400], args=("link_token",),
        data=lambda s: link_answer(s, name="x" * 101), label="over-long name"),
    Row("consultations:link", POST,                    EVERYONE[404], args=("unknown_token",),
        data=link_answer, label="forged"),
]
# fmt: on


# Consultations have no URL where a plain member, observer or participant changes anything.
ALLOWED_CHANGES: set[tuple[str, str]] = set()


def scene(world, s: SimpleNamespace) -> None:
    """On the decisions' scene (its polls must be on `s` already): an open consultation
    on the open poll with one response (from answered@example.org), a pending, a used
    and an expired code, and an unused and a used personal link; a closed consultation
    on the closed poll, with an unused personal link; and a poll with no consultation."""
    from consortia.consultations.models import (
        Consultation,
        ConsultationCode,
        ConsultationLink,
        ConsultationResponse,
    )
    from consortia.consultations.services import _keyed, respondent_key
    from consortia.core.tokens import token_new
    from consortia.decisions.models import Poll

    assert hasattr(s, "poll"), "List the decisions' access rows before the consultations'."
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
