"""The notifications' rows for the access table (consortia/core/tests/test_access.py).

The inbox is each signed-in person's own: everyone signed in sees theirs (empty for
most personas here), marks all of theirs read, and marks one read only when it is
theirs (the scene's notification is the partner member's, already read, so marking
it changes nothing; anyone else gets a 404). Email choices are for members of the
partnership (and participants); others get a 404. Marking read and choosing email
are a person's own settings and write no event (notifications/services.py).

The unsubscribe link is public by design (RFC 8058 one-click): no sign-in and no
CSRF token, for every persona alike; the signed token is the only authority, and it
can only stop one partnership's email to one person (the scene's person has already
stopped it, so the POST here changes nothing; notifications/tests/test_views.py
proves the change). A forged token is a 404 with a clear page.
"""

from types import SimpleNamespace

from django.core import signing

from consortia.core.access_table import ALL_200, GET, LOGIN, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.events import event_record
from consortia.notifications.models import Notification, Preference
from consortia.notifications.tokens import unsubscribe_token

P = "partnership"
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200, 200)
BACK_TO_INBOX = (LOGIN, 302, 302, 302, 302, 302, 302, 302)
OWN_ONLY = (LOGIN, 404, 404, 302, 404, 404, 404, 404)
MEMBERS_PAGE = (LOGIN, 404, 200, 200, 200, 200, 200, 404)
MEMBERS_SAVED = (LOGIN, 404, 302, 302, 302, 302, 302, 404)
MEMBERS_REFUSED = (LOGIN, 404, 400, 400, 400, 400, 400, 404)
PUBLIC_NOT_FOUND = (404,) * 8
# Reading notifications and choosing email are one person's own settings: they write no
# event, so no row here changes the partnership (none to allow).
ALLOWED_CHANGES: set[tuple[str, str]] = set()


def scene(world, s: SimpleNamespace) -> None:
    member = world.users["partner_member"]
    event = event_record(
        actor=world.users["convener_admin"], verb="partner.joined", partnership=world.partnership
    )
    notification = Notification.objects.create(
        recipient=member, event=event, partnership=world.partnership, reason="activity", url="/"
    )
    Notification.objects.filter(pk=notification.pk).update(read_at=notification.created_at)
    # The link's person (here one who has since left the partnership) already stopped its
    # email, so the one-click POST changes nothing; no persona here has a choice stored.
    former = world.users["outsider"]
    Preference.objects.create(user=former, partnership=world.partnership, email="none")
    s.notification = notification.uuid
    s.unsubscribe_token = unsubscribe_token(former, world.partnership)
    s.forged_token = signing.dumps({"u": str(member.uuid), "p": str(world.partnership.uuid)}, salt="forged")


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("notifications:inbox", GET,                    SIGNED_IN),
    Row("notifications:inbox", POST,                   SIGN_IN_THEN_NOT_ALLOWED),
    Row("notifications:read_all", GET,                 SIGN_IN_THEN_NOT_ALLOWED),
    Row("notifications:read_all", POST,                BACK_TO_INBOX),
    Row("notifications:read", GET,                     SIGN_IN_THEN_NOT_ALLOWED, args=("notification",)),
    Row("notifications:read", POST,                    OWN_ONLY, args=("notification",)),
    Row("notifications:preferences", GET,              MEMBERS_PAGE, args=(P,)),
    Row("notifications:preferences", POST,             MEMBERS_SAVED, args=(P,), data=lambda s: {"email": "mine"}),
    Row("notifications:preferences", POST,             MEMBERS_REFUSED, args=(P,),
        data=lambda s: {"email": "hourly"}, label="unknown choice"),
    # Public by design: the signed token is the only authority (RFC 8058).
    Row("notifications:unsubscribe", GET,              ALL_200, args=("unsubscribe_token",)),
    Row("notifications:unsubscribe", POST,             ALL_200, args=("unsubscribe_token",)),
    Row("notifications:unsubscribe", GET,              PUBLIC_NOT_FOUND, args=("forged_token",), label="forged"),
    Row("notifications:unsubscribe", POST,             PUBLIC_NOT_FOUND, args=("forged_token",), label="forged"),
]
# fmt: on
