"""The calendar feeds' rows for the access table (consortia/core/tests/test_access.py).

The feed needs no sign-in, by design: calendar clients fetch it with nothing but its
URL, so its token is the only authority, and every persona alike gets the feed of the
scene's live link (the partner member's) and the same 404 for a revoked one. It only
reads: a POST is a 405 (and a 404 with a link that does not work).

The settings page and its two buttons are every signed-in person's own: anyone signed
in makes a link for themselves (one event), and stops theirs (one event; the scene's
other personas have no link, so for them it changes nothing). These are a person's
own standing, not the partnership's work, hence ALLOWED_CHANGES.
"""

from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import (
    ALL_200,
    GET,
    LOGIN,
    NOT_ALLOWED,
    OK,
    POST,
    SIGN_IN_THEN_NOT_ALLOWED,
    Row,
)
from consortia.core.factories import CalendarFeedFactory
from consortia.core.tokens import token_new

SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200, 200)
MADE = (LOGIN, OK, OK, OK, OK, OK, OK, OK)
STOPPED = (LOGIN, 302, 302, OK, 302, 302, 302, 302)  # only the partner member has a link
PUBLIC_NOT_FOUND = (404,) * 8
ALLOWED_CHANGES = {
    (persona, name)
    for persona in ("observer", "partner_member", "participant")
    for name in ("calendars:make", "calendars:revoke")
}


def scene(world, s: SimpleNamespace) -> None:
    s.calendar_token = token_new()[0]
    CalendarFeedFactory(user=world.users["partner_member"], token=s.calendar_token)
    s.revoked_calendar_token = token_new()[0]
    CalendarFeedFactory(
        user=world.users["observer"], token=s.revoked_calendar_token, revoked_at=timezone.now()
    )


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    # Public by design: the link's token is the only authority.
    Row("calendars:feed", GET,                         ALL_200, args=("calendar_token",)),
    Row("calendars:feed", POST,                        NOT_ALLOWED, args=("calendar_token",)),
    Row("calendars:feed", GET,                         PUBLIC_NOT_FOUND, args=("revoked_calendar_token",), label="revoked"),
    Row("calendars:feed", POST,                        PUBLIC_NOT_FOUND, args=("revoked_calendar_token",), label="revoked"),
    Row("calendars:settings", GET,                     SIGNED_IN),
    Row("calendars:settings", POST,                    SIGN_IN_THEN_NOT_ALLOWED),
    Row("calendars:make", GET,                         SIGN_IN_THEN_NOT_ALLOWED),
    Row("calendars:make", POST,                        MADE, done="calendar.feed_made"),
    Row("calendars:revoke", GET,                       SIGN_IN_THEN_NOT_ALLOWED),
    Row("calendars:revoke", POST,                      STOPPED, done="calendar.feed_revoked"),
]
# fmt: on
