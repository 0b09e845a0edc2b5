"""The shared assets' rows for the access table (consortia/core/tests/test_access.py):
every assets URL, GET and POST, for every persona, and `scene(world, s)`.

Who may do what (consortia/assets/rules.py): everyone who sees the partnership sees its
assets and bookings (observers and site admins too). Those who speak for a partner
taking an active part list assets (the core partner's admin, the convener's admin);
the owner's (the convener's admin, for `assets_room`) change an asset and approve or
decline its bookings. Members of partners taking an active part book (not the observer
partner's member, not the individual participant, not site admins). A booking is
cancelled by whoever made it (the core partner's plain member made `assets_pending`),
the booking partner's admin and the owner's. All else is a 404.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import AssetFactory, BookingFactory, PartnershipFactory, next_weekday_at

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
LIST_PAGE = (LOGIN, 404, 404, 404, 200, 200, 404, 404)
LISTED = (LOGIN, 404, 404, 404, OK, OK, 404, 404)
LIST_REFUSED = (LOGIN, 404, 404, 404, 400, 400, 404, 404)
OWNER_PAGE = (LOGIN, 404, 404, 404, 404, 200, 404, 404)
OWNER_DONE = (LOGIN, 404, 404, 404, 404, OK, 404, 404)
OWNER_REFUSED = (LOGIN, 404, 404, 404, 404, 400, 404, 404)
OWNER_CONFLICT = (LOGIN, 404, 404, 404, 404, 409, 404, 404)
BOOK_PAGE = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
BOOKED = (LOGIN, 404, 404, OK, OK, OK, 404, 404)
BOOK_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 404, 404)
BOOK_CONFLICT = (LOGIN, 404, 404, 409, 409, 409, 404, 404)


def asset(s, **overrides):
    return {
        "name": "Training kitchen",
        "kind": "kitchen",
        "location": "Community hall",
        "capacity": "12",
        "rules": "Leave it clean.",
        "open_days": ["0", "1", "2", "3", "4"],
        "opens_at": "08:00",
        "closes_at": "18:00",
        "approval_required": "yes",
        **overrides,
    }


def booking(s, **overrides):
    return {
        "day": next_weekday_at(10, days=14).date().isoformat(),
        "starts": "10:00",
        "ends": "11:30",
        "purpose": "Carers' drop-in",
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("assets:list", GET,                            READ, args=(P,)),
    Row("assets:list", POST,                           SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- listing an asset: who speaks for a partner taking an active part -------------------------
    Row("assets:create", GET,                          LIST_PAGE, args=(P,)),
    Row("assets:create", POST,                         LISTED, args=(P,), data=asset, done="asset.listed"),
    Row("assets:create", POST,                         LIST_REFUSED, args=(P,),
        data=lambda s: asset(s, name=""), label="no name"),
    Row("assets:create", POST,                         LIST_REFUSED, args=(P,),
        data=lambda s: asset(s, opens_at="18:00", closes_at="08:00"), label="closes before it opens"),

    # --- an asset's page and changing it: the owner's ------------------------------------------
    Row("assets:detail", GET,                          READ, args=(P, "assets_room")),
    Row("assets:detail", GET,                          NOT_FOUND, args=(P, "assets_other_asset"),
        label="another partnership's asset"),
    Row("assets:detail", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P, "assets_room")),
    Row("assets:edit", GET,                            OWNER_PAGE, args=(P, "assets_room")),
    Row("assets:edit", POST,                           OWNER_DONE, args=(P, "assets_room"),
        data=lambda s: asset(s, name="Consultation room 2", kind="room"), done="asset.changed"),
    Row("assets:edit", POST,                           OWNER_REFUSED, args=(P, "assets_room"),
        data=lambda s: asset(s, out_of_service="on", out_of_service_reason=""),
        label="out of service without a reason"),
    Row("assets:edit", GET,                            NOT_FOUND, args=(P, "assets_other_asset"),
        label="another partnership's asset"),

    # --- booking: members of partners taking an active part ------------------------------------
    Row("assets:book", GET,                            BOOK_PAGE, args=(P, "assets_room")),
    Row("assets:book", POST,                           BOOKED, args=(P, "assets_room"), data=booking,
        done="booking.requested"),
    Row("assets:book", POST,                           BOOK_REFUSED, args=(P, "assets_room"),
        data=lambda s: booking(s, day=(timezone.localdate() - datetime.timedelta(days=1)).isoformat()),
        label="in the past"),
    Row("assets:book", POST,                           BOOK_REFUSED, args=(P, "assets_room"),
        data=lambda s: booking(s, starts="06:00"), label="before opening"),
    Row("assets:book", POST,                           BOOK_REFUSED, args=(P, "assets_room"),
        data=lambda s: booking(s, starts="11:00", ends="10:00"), label="ends before it starts"),
    Row("assets:book", POST,                           BOOK_CONFLICT, args=(P, "assets_room"),
        data=lambda s: booking(s, day=s.assets_taken_day, starts="10:30", ends="11:30"),
        label="overlapping an approved booking"),
    Row("assets:book", POST,                           BOOK_CONFLICT, args=(P, "assets_broken"),
        data=booking, label="out of service"),
    Row("assets:book", GET,                            NOT_FOUND, args=(P, "assets_other_asset"),
        label="another partnership's asset"),

    # --- a booking's page, approving, declining, cancelling ------------------------------------
    Row("assets:booking", GET,                         READ, args=(P, "assets_pending")),
    Row("assets:booking", GET,                         NOT_FOUND, args=(P, "assets_other_booking"),
        label="another partnership's booking"),
    Row("assets:booking", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "assets_pending")),
    Row("assets:approve", GET,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P, "assets_pending")),
    Row("assets:approve", POST,                        OWNER_DONE, args=(P, "assets_pending"),
        done="booking.approved"),
    Row("assets:approve", POST,                        OWNER_CONFLICT, args=(P, "assets_approved"),
        label="already approved"),
    Row("assets:approve", POST,                        NOT_FOUND, args=(P, "assets_other_booking"),
        label="another partnership's booking"),
    Row("assets:decline", GET,                         OWNER_PAGE, args=(P, "assets_pending")),
    Row("assets:decline", POST,                        OWNER_DONE, args=(P, "assets_pending"),
        data=lambda s: {"reason": "The room is being painted."}, done="booking.declined"),
    Row("assets:decline", POST,                        OWNER_REFUSED, args=(P, "assets_pending"),
        data=lambda s: {"reason": " "}, label="no reason"),
    Row("assets:decline", POST,                        OWNER_CONFLICT, args=(P, "assets_approved"),
        data=lambda s: {"reason": "Too late"}, label="already approved"),
    Row("assets:cancel", GET,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P, "assets_pending")),
    Row("assets:cancel", POST,                         BOOKED, args=(P, "assets_pending"), done="booking.cancelled"),
    Row("assets:cancel", POST,                         BOOK_CONFLICT, args=(P, "assets_cancelled"),
        label="already cancelled"),
]
# fmt: on

ALLOWED_CHANGES = {
    ("partner_member", "assets:book"),
    ("partner_member", "assets:cancel"),
}


def scene(world, s: SimpleNamespace) -> None:
    """The convener's room (open every day 7 to 9pm, the owner approves) with a pending
    booking the core partner's plain member made, an approved and a cancelled one; a
    room out of service; another partnership's asset and booking."""
    member = world.users["partner_member"]
    room = AssetFactory(
        partnership=world.partnership,
        owner=world.convener_partner,
        name="Consultation room",
        open_days=127,
        opens_at=datetime.time(7),
        closes_at=datetime.time(21),
    )
    pending = BookingFactory(
        asset=room, partner=world.core_partner, booked_by=member, start=next_weekday_at(10)
    )
    taken = next_weekday_at(10, days=21)
    approved = BookingFactory(
        asset=room, partner=world.core_partner, booked_by=member, start=taken, status="approved"
    )
    cancelled = BookingFactory(
        asset=room,
        partner=world.core_partner,
        booked_by=member,
        start=next_weekday_at(14),
        status="cancelled",
    )
    broken = AssetFactory(
        partnership=world.partnership,
        owner=world.convener_partner,
        name="Projector",
        kind="equipment",
        out_of_service=True,
        out_of_service_reason="The bulb is gone",
    )
    other = BookingFactory(asset=AssetFactory(partnership=PartnershipFactory()))
    s.assets_room = str(room.uuid)
    s.assets_broken = str(broken.uuid)
    s.assets_pending = str(pending.uuid)
    s.assets_approved = str(approved.uuid)
    s.assets_cancelled = str(cancelled.uuid)
    s.assets_taken_day = taken.date().isoformat()
    s.assets_other_asset = str(other.asset.uuid)
    s.assets_other_booking = str(other.uuid)
