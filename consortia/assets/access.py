"""Fetch an asset or a booking by uuid *within* a partnership the caller already
fetched for the user (consortia.partnerships.access): missing, another
partnership's and not allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import Asset, Booking


def asset_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> Asset:
    """The partnership's asset `uuid` with its owner's organisation; 404 when there is
    none or `perm` is not the user's."""
    asset = partnership.assets.filter(uuid=uuid).select_related("owner__organisation").first()
    if asset is not None:
        asset.partnership = partnership  # share the partners already loaded
        _share_partner(asset, partnership)
    if asset is None or (perm and not rules.has_perm(perm, user, asset)):
        raise Http404("No such asset.")
    return asset


def booking_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str | None = None
) -> Booking:
    """The partnership's booking `uuid` with its asset, owner, partner and booker; 404
    when there is none or `perm` is not the user's."""
    booking = (
        partnership.bookings.filter(uuid=uuid)
        .select_related("asset__owner__organisation", "partner__organisation", "booked_by", "decided_by")
        .first()
    )
    if booking is not None:
        booking.partnership = booking.asset.partnership = partnership
        _share_partner(booking.asset, partnership)
    if booking is None or (perm and not rules.has_perm(perm, user, booking)):
        raise Http404("No such booking.")
    return booking


def _share_partner(asset: Asset, partnership: Partnership) -> None:
    """Point the asset's owner at the partner already loaded with its representatives
    (partnerships.rules.active_partners), so permission checks ask nothing more."""
    loaded = {p.pk: p for p in partnership.__dict__.get("_active_partners") or []}
    if asset.owner_id in loaded:
        asset.owner = loaded[asset.owner_id]
