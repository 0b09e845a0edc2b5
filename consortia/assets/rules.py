"""Who may do what with shared assets (see consortia/core/rules.py).

Everyone who sees the partnership sees its assets and their bookings (observers and
site admins too). The admins and representatives of a partner that takes an active
part (not only observing) list assets for it; those of the owning partner change
an asset, and approve or decline its bookings. Members of partners that take an
active part book (for their organisation; individual participants act for no
organisation, so they do not book). A booking is cancelled by whoever made it while
they are still in the partnership, by the booking partner's admins and
representatives, and by the owner's.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import (
    active_partners,
    is_contributing_member,
    is_partnership_member,
    speaks_for,
)

from .models import Asset, Booking


@rules.predicate
def may_list_asset(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    """Speaks for (admin or representative of) an active partner that is not only observing."""
    return partnership is not None and any(
        p.role != "observer" and speaks_for(user, p) for p in active_partners(partnership)
    )


@rules.predicate
def speaks_for_owner(user: User | AnonymousUser, asset: Asset | None) -> bool:
    return asset is not None and bool(speaks_for(user, asset.owner))


@rules.predicate
def sees_asset(user: User | AnonymousUser, asset: Asset | None) -> bool:
    return asset is not None and bool(is_partnership_member(user, asset.partnership) or is_site_admin(user))


@rules.predicate
def may_book(user: User | AnonymousUser, asset: Asset | None) -> bool:
    return asset is not None and bool(is_contributing_member(user, asset.partnership))


@rules.predicate
def sees_booking(user: User | AnonymousUser, booking: Booking | None) -> bool:
    return booking is not None and bool(
        is_partnership_member(user, booking.partnership) or is_site_admin(user)
    )


@rules.predicate
def decides_booking(user: User | AnonymousUser, booking: Booking | None) -> bool:
    """Speaks for the asset's owner."""
    return booking is not None and bool(speaks_for(user, booking.asset.owner))


@rules.predicate
def made_booking(user: User | AnonymousUser, booking: Booking | None) -> bool:
    """Made it, and is still in the partnership; or speaks for the partner it is for."""
    if booking is None or not user.is_authenticated:
        return False
    if booking.booked_by_id == user.pk and is_partnership_member(user, booking.partnership):
        return True
    return bool(speaks_for(user, booking.partner))


add_perm("assets.add_asset_in_partnership", Partnership, may_list_asset)
add_perm("assets.view_asset", Asset, sees_asset)
add_perm("assets.change_asset", Asset, speaks_for_owner)
add_perm("assets.book_asset", Asset, may_book)
add_perm("assets.view_booking", Booking, sees_booking)
add_perm("assets.decide_booking", Booking, decides_booking)
add_perm("assets.cancel_booking", Booking, made_booking | decides_booking)
