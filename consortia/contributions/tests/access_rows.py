"""The contributions ledger's rows for the access table (consortia/core/tests/test_access.py):
every contributions URL, GET and POST, for every persona, and `scene(world, s)`, which
adds the entries the rows name and puts their ids on `s`.

Who may do what (consortia/contributions/rules.py): every member of the partnership
(observers, plain members, participants) and site admins see the ledger, the rate
card, pledged and delivered, and the CSV. The core partner's admin (a representative)
records and reverses entries for the Core Org only; the convener's admin for any
partner. Admins of the convener and core partners set rates. An entry's page takes
only GET: entries are never changed (405). All else is a 404.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.contributions.services import entry_reverse
from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import PartnerFactory, entry_for

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
# Recording, reversing (the Core Org's entries) and setting rates: the core partner's
# admin and the convener's admin.
ADMIN_PAGE = (LOGIN, 404, 404, 404, 200, 200, 404, 404)
ADMIN_DONE = (LOGIN, 404, 404, 404, OK, OK, 404, 404)
ADMIN_REFUSED = (LOGIN, 404, 404, 404, 400, 400, 404, 404)
ADMIN_CONFLICT = (LOGIN, 404, 404, 404, 409, 409, 404, 404)
# For the convener's own partner: only its admin.
CONVENER_DONE = (LOGIN, 404, 404, 404, 400, OK, 404, 404)
CONVENER_REVERSE = (LOGIN, 404, 404, 404, 404, OK, 404, 404)


def contribution(s, **overrides):
    return {
        "partner": s.contributions_core_partner,
        "category": "volunteer_time",
        "quantity": "6",
        "unit": "hours",
        "on": timezone.localdate().isoformat(),
        "note": "Stall at the summer fair",
        **overrides,
    }


def rate(s, **overrides):
    return {
        "category": "premises",
        "unit": "sessions",
        "rate_gbp": "40",
        "valid_from": "2026-01-01",
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                        anon   outsider observer member p.admin c.admin particip. site admin
    Row("contributions:ledger", GET,                         READ, args=(P,)),
    Row("contributions:ledger", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("contributions:export_csv", GET,                     READ, args=(P,)),
    Row("contributions:export_csv", POST,                    SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("contributions:delivery", GET,                       READ, args=(P,)),
    Row("contributions:delivery", POST,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("contributions:rates", GET,                          READ, args=(P,)),
    Row("contributions:rates", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- recording a contribution: a partner's admins and representatives, the convener's admins --
    Row("contributions:create", GET,                         ADMIN_PAGE, args=(P,)),
    Row("contributions:create", POST,                        ADMIN_DONE, args=(P,), data=contribution,
        done="contribution.recorded"),
    Row("contributions:create", POST,                        CONVENER_DONE, args=(P,),
        data=lambda s: contribution(s, partner=s.contributions_convener_partner),
        done="contribution.recorded", label="for the convener"),
    Row("contributions:create", POST,                        ADMIN_REFUSED, args=(P,),
        data=lambda s: contribution(s, quantity="0"), label="zero"),
    Row("contributions:create", POST,                        ADMIN_REFUSED, args=(P,),
        data=lambda s: contribution(s, quantity="-3"), label="negative"),
    Row("contributions:create", POST,                        ADMIN_REFUSED, args=(P,),
        data=lambda s: contribution(s, category="funding", unit="eur"), label="another currency"),
    Row("contributions:create", POST,                        ADMIN_REFUSED, args=(P,),
        data=lambda s: contribution(s, on=(timezone.localdate() + timedelta(days=2)).isoformat()),
        label="in the future"),
    Row("contributions:create", POST,                        ADMIN_REFUSED, args=(P,),
        data=lambda s: contribution(s, partner=s.contributions_other_partner), label="another's partner"),

    # --- an entry's page: read by every member, never changed ------------------------------------
    Row("contributions:entry", GET,                          READ, args=(P, "contributions_entry")),
    Row("contributions:entry", GET,                          NOT_FOUND, args=(P, "contributions_other_entry"),
        label="another partnership's entry"),
    Row("contributions:entry", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P, "contributions_entry")),

    # --- reversing: whoever may record for the entry's partner --------------------------------
    Row("contributions:reverse", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "contributions_entry")),
    Row("contributions:reverse", POST,                       ADMIN_DONE, args=(P, "contributions_entry"),
        data=lambda s: {"reason": "The hours were counted twice."}, done="contribution.reversed"),
    Row("contributions:reverse", POST,                       ADMIN_REFUSED, args=(P, "contributions_entry"),
        data=lambda s: {"reason": " "}, label="no reason"),
    Row("contributions:reverse", POST,                       CONVENER_REVERSE, args=(P, "contributions_convener_entry"),
        data=lambda s: {"reason": "Wrong date."}, done="contribution.reversed", label="the convener's entry"),
    Row("contributions:reverse", POST,                       ADMIN_CONFLICT, args=(P, "contributions_reversed_entry"),
        data=lambda s: {"reason": "Again."}, label="already reversed"),
    Row("contributions:reverse", POST,                       NOT_FOUND, args=(P, "contributions_other_entry"),
        data=lambda s: {"reason": "Not ours."}, label="another partnership's entry"),

    # --- the rate card: the convener's and core partners' admins ---------------------------------
    Row("contributions:rate_create", GET,                    ADMIN_PAGE, args=(P,)),
    Row("contributions:rate_create", POST,                   ADMIN_DONE, args=(P,), data=rate, done="rate.set"),
    Row("contributions:rate_create", POST,                   ADMIN_REFUSED, args=(P,),
        data=lambda s: rate(s, unit="gbp"), label="a rate for pounds"),
    Row("contributions:rate_create", POST,                   ADMIN_REFUSED, args=(P,),
        data=lambda s: rate(s, rate_gbp="-1"), label="negative"),
]
# fmt: on

# No plain member, observer or participant changes anything in the ledger.
ALLOWED_CHANGES: set[tuple[str, str]] = set()


def scene(world, s: SimpleNamespace) -> None:
    """An entry of the Core Org and one of the convener (recorded by the system), a
    Core Org entry already reversed, and another partnership's entry and partner."""
    s.contributions_core_partner = str(world.core_partner.uuid)
    s.contributions_convener_partner = str(world.convener_partner.uuid)
    s.contributions_entry = str(entry_for(world.core_partner, quantity="3").uuid)
    s.contributions_convener_entry = str(
        entry_for(world.convener_partner, category="funding", unit="gbp").uuid
    )
    reversed_entry = entry_for(world.core_partner, quantity="5")
    entry_reverse(actor=world.users["convener_admin"], entry=reversed_entry, reason="Counted twice")
    s.contributions_reversed_entry = str(reversed_entry.uuid)
    other = PartnerFactory(organisation=world.outsider_org)
    s.contributions_other_partner = str(other.uuid)
    s.contributions_other_entry = str(entry_for(other).uuid)
