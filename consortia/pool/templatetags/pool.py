"""Shares as people read them: `{{ share|percent }}` gives "63%"."""

from decimal import Decimal

from django import template

from consortia.pool import shares

register = template.Library()


@register.filter
def percent(share: Decimal) -> str:
    return shares.percent(share)


@register.filter
def bar_width(share: Decimal) -> str:
    """An SVG width attribute for a share: "63.5%" (at least a sliver when above 0, so
    a small share still shows)."""
    if share <= 0:
        return "0"
    return f"{max(share * 100, Decimal('0.5')).quantize(Decimal('0.1'))}%"
