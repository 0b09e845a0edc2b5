"""The exchanges rows for the access table (consortia/core/tests/test_access.py): every
exchanges URL, GET and POST, for every persona, and `scene(world, s)`, which adds the
exchanges the rows name and puts their ids on `s`.

Who may do what (consortia/exchanges/rules.py): everyone who sees the partnership sees
its exchanges and their reflections (observers, participants and site admins too).
An admin of an active partner proposes one for their organisation (here the core
partner's and the convener's admins). The scene's exchanges are hosted by the
convener and sent by the core partner: each side's admin agrees for their own side
only, names their own people, completes and cancels; the sender's admin confirms the
DBS check the sender is named to confirm. The people on an exchange (here the core
partner's plain member) write their reflection. All else is a 404.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import (
    ExchangeFactory,
    ExchangeParticipantFactory,
    PartnershipFactory,
    ReflectionFactory,
)

P = "partnership"
E = "exchange"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
ADMINS_PAGE = (LOGIN, 404, 404, 404, 200, 200, 404, 404)
ADMINS_DONE = (LOGIN, 404, 404, 404, OK, OK, 404, 404)
ADMINS_REFUSED = (LOGIN, 404, 404, 404, 400, 400, 404, 404)
ADMINS_CONFLICT = (LOGIN, 404, 404, 404, 409, 409, 404, 404)
# The host's side: only the convener's admin may agree for it.
HOST_ONLY = (LOGIN, 404, 404, 404, 400, OK, 404, 404)
HOST_CONFLICT = (LOGIN, 404, 404, 404, 400, 409, 404, 404)
# The sender's side: only the core partner's admin (its DBS check, its people).
SENDER_ONLY = (LOGIN, 404, 404, 404, OK, 400, 404, 404)
SENDER_NAMES = (LOGIN, 404, 404, 404, OK, 400, 404, 404)
ON_IT_PAGE = (LOGIN, 404, 404, 200, 404, 404, 404, 404)
ON_IT_DONE = (LOGIN, 404, 404, OK, 404, 404, 404, 404)
ON_IT_REFUSED = (LOGIN, 404, 404, 400, 404, 404, 404, 404)
ON_IT_CONFLICT = (LOGIN, 404, 404, 409, 404, 404, 404, 404)


def proposal(s, **overrides):
    start = timezone.localdate() + timedelta(days=20)
    return {
        "kind": "shadowing",
        "direction": "offered",
        "title": "Shadowing the duty team",
        "purpose": "See how **referrals** arrive.",
        "host": s.my_org,
        "sender": s.exchange_observer_org,
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=2)).isoformat(),
        "people": "2",
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("exchanges:list", GET,                         READ, args=(P,)),
    Row("exchanges:list", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- proposing: the admins of active partners, for their own organisation ------------------
    Row("exchanges:create", GET,                       ADMINS_PAGE, args=(P,)),
    Row("exchanges:create", POST,                      ADMINS_DONE, args=(P,), data=proposal,
        done="exchanges.exchange_proposed"),
    Row("exchanges:create", POST,                      ADMINS_REFUSED, args=(P,),
        data=lambda s: proposal(s, sender=s.my_org), label="host is sender"),
    Row("exchanges:create", POST,                      ADMINS_REFUSED, args=(P,), label="ends before it starts",
        data=lambda s: proposal(s, ends_on=(timezone.localdate() + timedelta(days=19)).isoformat())),
    Row("exchanges:create", POST,                      ADMINS_REFUSED, args=(P,),
        data=lambda s: proposal(s, sender=s.outsider_org), label="not a partner"),
    Row("exchanges:create", POST,                      ADMINS_REFUSED, args=(P,),
        data=lambda s: proposal(s, host=s.exchange_observer_org, sender=s.my_org), label="for another organisation"),

    # --- an exchange's page --------------------------------------------------------------------
    Row("exchanges:detail", GET,                       READ, args=(P, E)),
    Row("exchanges:detail", GET,                       READ, args=(P, "exchange_completed"), label="completed"),
    Row("exchanges:detail", GET,                       NOT_FOUND, args=(P, "exchange_other"),
        label="another partnership's exchange"),
    Row("exchanges:detail", POST,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P, E)),

    # --- agreeing: each side's admins for their own side ---------------------------------------
    Row("exchanges:agree", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, E)),
    Row("exchanges:agree", POST,                       HOST_ONLY, args=(P, E), data=lambda s: {"side": "host"},
        done="exchanges.exchange_agreed"),
    Row("exchanges:agree", POST,                       SENDER_ONLY, args=(P, E), data=lambda s: {"side": "sender"},
        done="exchanges.exchange_agreed"),
    Row("exchanges:agree", POST,                       ADMINS_REFUSED, args=(P, E), data=lambda s: {"side": "both"},
        label="no such side"),
    Row("exchanges:agree", POST,                       HOST_CONFLICT, args=(P, "exchange_cancelled"),
        data=lambda s: {"side": "host"}, label="cancelled"),
    Row("exchanges:agree", POST,                       NOT_FOUND, args=(P, "exchange_other"), data=lambda s: {"side": "host"},
        label="another partnership's exchange"),

    # --- the DBS check: the side named to confirm it -------------------------------------------
    Row("exchanges:dbs_confirm", GET,                  SIGN_IN_THEN_NOT_ALLOWED, args=(P, "exchange_dbs")),
    Row("exchanges:dbs_confirm", POST,                 SENDER_ONLY, args=(P, "exchange_dbs"),
        done="exchanges.exchange_confirmed"),
    Row("exchanges:dbs_confirm", POST,                 ADMINS_CONFLICT, args=(P, E), label="none needed"),

    # --- naming people: each side's admins, their own organisation's people ---------------------
    Row("exchanges:participant_add", GET,              ADMINS_PAGE, args=(P, E)),
    Row("exchanges:participant_add", POST,             SENDER_NAMES, args=(P, E),
        data=lambda s: {"user": s.partner_member}, done="exchanges.participant_added"),
    Row("exchanges:participant_add", POST,             ADMINS_REFUSED, args=(P, E),
        data=lambda s: {"user": s.outsider}, label="an outsider"),

    # --- completing and cancelling ------------------------------------------------------------
    Row("exchanges:complete", GET,                     SIGN_IN_THEN_NOT_ALLOWED, args=(P, "exchange_past")),
    Row("exchanges:complete", POST,                    ADMINS_DONE, args=(P, "exchange_past"),
        done="exchanges.exchange_completed"),
    Row("exchanges:complete", POST,                    ADMINS_CONFLICT, args=(P, E), label="not confirmed"),
    Row("exchanges:complete", POST,                    ADMINS_CONFLICT, args=(P, "exchange_future"),
        label="before its end"),
    Row("exchanges:cancel", GET,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P, E)),
    Row("exchanges:cancel", POST,                      ADMINS_DONE, args=(P, E), done="exchanges.exchange_cancelled"),
    Row("exchanges:cancel", POST,                      ADMINS_CONFLICT, args=(P, "exchange_cancelled"),
        label="already cancelled"),

    # --- reflections: the people on it, once completed ------------------------------------------
    Row("exchanges:reflect", GET,                      ON_IT_PAGE, args=(P, "exchange_completed")),
    # --- a reflection into the practice library: its author -----------------------------------
    Row("exchanges:reflection_to_library", GET,        SIGN_IN_THEN_NOT_ALLOWED,
        args=(P, "exchange_reflected", "exchange_reflection")),
    Row("exchanges:reflection_to_library", POST,       ON_IT_DONE, args=(P, "exchange_reflected", "exchange_reflection"),
        done="library.entry_added"),
    Row("exchanges:reflect", POST,                     ON_IT_DONE, args=(P, "exchange_completed"),
        data=lambda s: {"surprised": "The triage.", "differently": "Ring first."}, done="exchanges.reflection_written"),
    Row("exchanges:reflect", POST,                     ON_IT_REFUSED, args=(P, "exchange_completed"),
        data=lambda s: {"surprised": "", "differently": "Ring first."}, label="empty"),
    Row("exchanges:reflect", POST,                     ON_IT_CONFLICT, args=(P, "exchange_past"),
        data=lambda s: {"surprised": "The triage.", "differently": "Ring first."}, label="not completed"),
]
# fmt: on

ALLOWED_CHANGES = {
    ("partner_member", "exchanges:reflect"),
    ("partner_member", "exchanges:reflection_to_library"),
}


def scene(world, s: SimpleNamespace) -> None:
    """Exchanges the convener hosts for the core partner: a proposed one, one needing a
    DBS check the core partner confirms (both agreed, so confirming it confirms the exchange), a confirmed one that ended
    yesterday and one that ends next month (the core partner's plain member on the past
    one), a completed one with the member on it, a cancelled one; and another
    partnership's exchange."""
    now, today = timezone.now(), timezone.localdate()
    sides = {"partnership": world.partnership, "host": world.convener_partner, "sender": world.core_partner}
    agreed = {"host_agreed_at": now, "sender_agreed_at": now}
    past = {"starts_on": today - timedelta(days=3), "ends_on": today - timedelta(days=1)}
    s.exchange = str(ExchangeFactory(**sides).uuid)
    s.exchange_dbs = str(
        ExchangeFactory(**sides, **agreed, status="agreed", dbs_needed=True, dbs_confirmer="sender").uuid
    )
    ended = ExchangeFactory(**sides, **agreed, **past, status="confirmed")
    ExchangeParticipantFactory(exchange=ended, user=world.users["partner_member"])
    s.exchange_past = str(ended.uuid)
    s.exchange_future = str(ExchangeFactory(**sides, **agreed, status="confirmed").uuid)
    completed = ExchangeFactory(**sides, **agreed, **past, status="completed", completed_at=now)
    ExchangeParticipantFactory(exchange=completed, user=world.users["partner_member"])
    s.exchange_completed = str(completed.uuid)
    reflected = ExchangeFactory(**sides, **agreed, **past, status="completed", completed_at=now)
    ExchangeParticipantFactory(exchange=reflected, user=world.users["partner_member"])
    s.exchange_reflected = str(reflected.uuid)
    s.exchange_reflection = str(
        ReflectionFactory(exchange=reflected, author=world.users["partner_member"]).uuid
    )
    s.exchange_cancelled = str(ExchangeFactory(**sides, status="cancelled", cancelled_at=now).uuid)
    s.exchange_other = str(ExchangeFactory(partnership=PartnershipFactory()).uuid)
    s.exchange_observer_org = str(world.observer_org.uuid)
