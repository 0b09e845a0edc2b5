"""Signed-in pages cached whole, per viewer, under a version stamp from the event spine.

Every change writes one Event (DESIGN.md, "The event spine"), so the latest event id
among the events that can change a page is a version stamp: while it stays the same,
the page renders the same. A cached page is found by

- the page (its path and query string, and whether htmx asked for it),
- the stamp: for a partnership's pages, the latest event of the partnership or of any
  organisation that is or was one of its partners (names, members, representatives
  and roles are organisation events); for other pages, the latest event anywhere,
- the viewer: their uuid, email and name, and whether they are a site administrator.
  Pages show what the viewer may do, their name and their own votes, so nothing is
  shared between viewers. A stamp that covers every membership change also covers
  access: a page cached for a viewer at a stamp was allowed at that stamp, and a
  viewer removed from a partnership (a partner or organisation event) gets a new
  stamp and so the view's own check and its 404.
- the minute: "just now" and "5 minutes ago" change without an event; such text is at
  most a minute old. Invitations that expire are hidden within a minute, likewise.

Not cached: anonymous visitors, requests with messages to show (the banner is shown
once), answers other than 200. The CSRF token is never stored: pages are rendered with
a placeholder that each request replaces with its own token (anything else made per
request, such as a Content-Security-Policy nonce, would need the same). An entry is
of no use after its minute, so it expires then (TIMEOUT); that also bounds the life
of a page made stale by a change that wrote no event (an edit in Django's admin), or
on PostgreSQL by two transactions committing out of the order of their event ids.
Pages are stored compressed: the database cache keeps up to MAX_ENTRIES rows before
culling.
"""

import hashlib
import time
import zlib
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from consortia.accounts.models import User

from .models import Event

TIMEOUT = 60  # seconds: the key changes every minute

# What a view gives the cache: a template and its context, and optionally a status.
Page = tuple[str, dict[str, Any]] | tuple[str, dict[str, Any], int]


def _csrf_placeholder() -> str:
    # Letters and digits only (autoescape leaves it alone), and derived from the secret
    # key so nobody can type it into a field and have it replaced.
    return "csrf" + salted_hmac("consortia.page_cache.csrf", "placeholder").hexdigest()


def partnership_stamp(uuid: UUID) -> str | None:
    """The latest event id that can change the partnership's pages, or None when there
    is no such partnership (the view then answers its own 404). One query."""
    Partner, Partnership = (
        apps.get_model("partnerships", "Partner"),
        apps.get_model("partnerships", "Partnership"),
    )
    event, partner, partnership = (
        connection.ops.quote_name(m._meta.db_table) for m in (Event, Partner, Partnership)
    )
    value = Partnership._meta.get_field("uuid").get_db_prep_value(uuid, connection)
    with connection.cursor() as cursor:
        # Two MAXes, not one with OR, so each can use its own index.
        cursor.execute(
            f"SELECT p.id,"  # table names from the models; the value is a parameter
            f" (SELECT MAX(e.id) FROM {event} e WHERE e.partnership_id = p.id),"
            f" (SELECT MAX(e.id) FROM {event} e WHERE e.organisation_id IN"
            f"  (SELECT pa.organisation_id FROM {partner} pa WHERE pa.partnership_id = p.id))"
            f" FROM {partnership} p WHERE p.uuid = %s",
            [value],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return f"p{row[0]}.{max(row[1] or 0, row[2] or 0)}"


def site_stamp() -> str:
    """The latest event id anywhere: for pages that draw on many partnerships and
    organisations (organisation pages, the directory). One query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(Event._meta.db_table)}")
        (latest,) = cursor.fetchone()
    return f"s{latest or 0}"


def dashboard_stamp(user: User) -> str:
    """The latest event id anywhere, and whether the user has verified their login
    address: invitations to it show only then, and verifying writes no event (as
    accounts.selectors.email_verified, in the same query)."""
    address = connection.ops.quote_name(apps.get_model("account", "EmailAddress")._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {connection.ops.quote_name(Event._meta.db_table)}),"
            f" EXISTS(SELECT 1 FROM {address} a WHERE a.user_id = %s AND a.verified"
            f"  AND UPPER(a.email) = UPPER(%s))",
            [user.pk, user.email],
        )
        latest, verified = cursor.fetchone()
    return f"s{latest or 0}{'v' if verified else ''}"


def _key(request: HttpRequest, stamp: str) -> str:
    user = request.user
    if not user.is_authenticated:
        raise ValueError("Only signed-in viewers' pages are cached.")
    parts = (
        request.get_full_path(),
        "htmx" if request.headers.get("HX-Request") else "",
        stamp,
        str(user.uuid),
        user.email,  # shown on every page; changing it writes no event
        user.name,
        "admin" if user.is_superuser else "",
        str(int(time.time() // 60)),
    )
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def page_cached(
    request: HttpRequest, stamp: Callable[[], str | None], build: Callable[[], Page]
) -> HttpResponse:
    """The page `build` describes, from the cache when the viewer saw it at this stamp.

    `build` fetches (checking access, raising Http404) and returns the template and its
    context; it runs only when the page is not in the cache. `stamp` is called first.
    """
    placeholder = _csrf_placeholder()
    cacheable = request.user.is_authenticated and request.method == "GET" and not len(get_messages(request))
    key = None
    if cacheable and (version := stamp()) is not None:
        key = _key(request, version)
        if (stored := cache.get(key)) is not None:
            return HttpResponse(zlib.decompress(stored).decode().replace(placeholder, get_token(request)))
    template, context, *status = build()
    response = render(
        request, template, {**context, "csrf_token": placeholder}, status=status[0] if status else 200
    )
    html = response.content.decode()
    if key is not None and response.status_code == 200:
        cache.set(key, zlib.compress(html.encode(), 1), TIMEOUT)
    response.content = html.replace(placeholder, get_token(request))
    return response
