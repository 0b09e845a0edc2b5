"""Support code for the tests, and only for them: the one copy of each helper the test
modules share. Before writing a helper in a test module, look here.

- the database: `snapshot()` of every row of our apps, to prove a request changed nothing;
  `assert_nowhere_in_database()`, to prove a secret or an address is stored nowhere;
  `query_budget()`, to hold a page to an exact number of queries;
- background tasks: `run_queued_tasks()`, the worker's pass over the database queue;
- pages: `text()`, `inline_error()`, `error_summary()`, `problem_message()`,
  `sends_to_sign_in()`, and `assert_inert()` for hostile markup (`SCRIPT`, `IMG`);
- events and email: `last_event()`, `assert_event()`, `link_path()`;
- people and invitations: `signed_in()`, `member_invitation()`, `partnership_invitation()`;
- concurrency: `run_at_once()` and `one_success_one_conflict()`, with real threads.

The access table's vocabulary and machinery (`Row`, `PERSONAS`, ...) are in
consortia/core/access_table.py.
"""

import base64
import binascii
import contextlib
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from html.parser import HTMLParser

from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.core.errors import Conflict
from consortia.core.models import Event
from consortia.organisations.models import Membership, Organisation, OrganisationInvitation
from consortia.partnerships.models import Partnership, PartnershipInvitation

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

# --- the database ---------------------------------------------------------------------------


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table of our apps (all `consortia.*` apps, so a new app is
    covered without a change here), keyed by table: compare one taken before a request
    with one taken after to prove the request inserted, updated and deleted nothing,
    events included. (Plain SQL: the ORM would spend more time compiling than the
    database reading.)"""
    models = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("consortia.")
        for model in config.get_models(include_auto_created=True)
        # A person's own state that viewing a page moves (a read marker) says why in
        # `snapshot_exempt`; it is not a change to anything the partnership shares.
        if not getattr(model, "snapshot_exempt", "")
    ]
    rows = {}
    with connection.cursor() as cursor:
        for model in models:
            table, pk = model._meta.db_table, model._meta.pk.column
            quote = connection.ops.quote_name
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {quote(pk)}")
            rows[table] = cursor.fetchall()
    return rows


# Column types that cannot hold text; every other column is searched, so a new kind of
# text field (or a JSON one) is covered without a change here.
_NOT_TEXT = {
    "AutoField", "BigAutoField", "SmallAutoField", "BooleanField", "NullBooleanField",
    "IntegerField", "BigIntegerField", "SmallIntegerField", "PositiveIntegerField",
    "PositiveBigIntegerField", "PositiveSmallIntegerField", "FloatField", "DecimalField",
    "DateField", "DateTimeField", "TimeField", "DurationField", "UUIDField",
    "ForeignKey", "OneToOneField",
}  # fmt: skip


def _texts(value) -> list[str]:
    """A stored value as the texts to search: itself, and decoded when it is base64
    (the database cache stores pickles so)."""
    if isinstance(value, memoryview | bytes):
        value = bytes(value).decode("utf-8", "replace")
    if not isinstance(value, str):
        return [str(value)] if value is not None else []
    texts = [value]
    if len(value) >= 8 and re.fullmatch(r"[A-Za-z0-9+/=\s]+", value):
        with contextlib.suppress(binascii.Error, ValueError):
            texts.append(base64.b64decode(value, validate=False).decode("utf-8", "replace"))
    return texts


def database_texts() -> dict[str, list[str]]:
    """Every text and JSON value in the database, keyed by "table.column": all models
    of all installed apps (ours, django-tasks-db's results, sessions, allauth, admin)
    and every other table too (the database cache, migrations), whole. Sessions are
    searched decoded as well, as their data is signed and compressed."""
    quote = connection.ops.quote_name
    found: dict[str, list[str]] = {}
    covered = set()

    def read(table: str, columns: list[str]) -> None:
        if not columns:
            return
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    found.setdefault(f"{table}.{column}", []).extend(_texts(value))

    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in covered or table not in tables or model._meta.proxy:
            continue
        covered.add(table)
        fields = model._meta.concrete_fields
        read(table, [f.column for f in fields if f.get_internal_type() not in _NOT_TEXT])
    for table in sorted(tables - covered):
        with connection.cursor() as cursor:
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        read(table, columns)
    found["django_session.(decoded)"] = [
        repr(SessionStore().decode(data)) for data in Session.objects.values_list("session_data", flat=True)
    ]
    return found


def assert_nowhere_in_database(
    needle: str | re.Pattern, *, allow: Iterable[str] = (), dump: dict[str, list[str]] | None = None
) -> None:
    """`needle` (a string, or a pattern for one too short to search for as it is) is
    stored in no text or JSON column of any table, except the columns in `allow`
    ("table.column"), where the application keeps it on purpose. `dump`: search a
    `database_texts()` taken earlier instead (to check, once a secret is known, what
    the database held before it was sent)."""
    allowed, stored = set(allow), database_texts() if dump is None else dump

    def has(text: str) -> bool:
        return needle in text if isinstance(needle, str) else bool(needle.search(text))

    places = sorted(place for place, texts in stored.items() if place not in allowed and any(map(has, texts)))
    assert not places, f"{needle!r} is stored in {places}"


@contextlib.contextmanager
def query_budget(expected: int) -> Iterator[CaptureQueriesContext]:
    """The block runs exactly `expected` database queries. When it runs another number,
    the failure lists the queries it ran, numbered, to set beside the comment that
    names each expected one. (Sign in before the block: signing in writes.)"""
    with CaptureQueriesContext(connection) as queries:
        yield queries
    ran = [query["sql"] for query in queries.captured_queries]
    numbered = "\n".join(f"{number:3}. {sql}" for number, sql in enumerate(ran, start=1))
    assert len(ran) == expected, f"expected {expected} queries, ran {len(ran)}:\n{numbered}"


# --- background tasks -----------------------------------------------------------------------


# settings.TASKS for a test of what the database task backend stores (conftest sets the
# immediate backend for every other test).
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_queued_tasks() -> None:
    """Run every task waiting in the database queue, as `consortia worker` would
    (django-tasks-db's db_worker, once through the queue). Needs the database
    backend in settings.TASKS and a transactional test (the worker manages its own
    transactions). The worker takes over Ctrl-C; it is given back afterwards."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


# --- pages ----------------------------------------------------------------------------------


def text(response) -> str:
    return response.content.decode()


def inline_error(response, field: str) -> str:
    """The GOV.UK error message shown next to `field`."""
    found = re.search(
        rf'<p id="id_{field}-error" class="govuk-error-message">(.*?)</p>', text(response), re.S
    )
    assert found, f"no inline error for {field!r}"
    return found.group(1)


def error_summary(response) -> str:
    """The GOV.UK error summary at the top of a form."""
    found = re.search(r'<div class="govuk-error-summary"(.*?)</div>\s*</div>\s*</div>', text(response), re.S)
    assert found, "no error summary on the page"
    return found.group(1)


def problem_message(response) -> str:
    """The message of a problem page (a refusal that is not about one form field)."""
    found = re.search(r'data-testid="problem-message">(.*?)</p>', text(response), re.S)
    assert found, "no problem message on the page"
    return found.group(1)


def sends_to_sign_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


class _Scan(HTMLParser):
    """Collects what a browser would run or fetch: script bodies, on* handler
    attributes and image sources."""

    def __init__(self):
        super().__init__()
        self.in_script = False
        self.scripts: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        self.handlers += [(name, value or "") for name, value in attrs if name.startswith("on")]
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.scripts.append(data)


def assert_inert(html: str, where: str) -> None:
    """Hostile markup (SCRIPT, IMG) appears only as text: no raw tag, no script that
    would run, no element with an event handler, no image from IMG."""
    assert SCRIPT not in html and IMG not in html, f"raw markup on {where}"
    scan = _Scan()
    scan.feed(html)
    assert not any("alert" in body for body in scan.scripts), where
    assert scan.handlers == [], where
    assert "x" not in scan.images, where


# --- events and email -----------------------------------------------------------------------


def last_event() -> Event | None:
    return Event.objects.order_by("-id").first()


def assert_event(verb: str, *, actor, organisation, partnership=None) -> Event:
    """The last event is `verb`, by `actor`, for `organisation` in `partnership`."""
    event = last_event()
    assert event is not None, "no event was written"
    assert (event.verb, event.actor, event.organisation, event.partnership) == (
        verb,
        actor,
        organisation,
        partnership,
    )
    return event


def link_path(body: str) -> str:
    """The path of the first http(s) link in an email body."""
    found = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert found, f"no link in:\n{body}"
    return found.group(1)


# --- people and invitations -----------------------------------------------------------------


def signed_in(user) -> Client:
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def _first_admin(organisation: Organisation | None):
    if organisation is None:
        return None
    membership = organisation.memberships.filter(role=Membership.Role.ADMIN).order_by("pk").first()
    return membership.user if membership else None


def member_invitation(
    organisation: Organisation,
    email: str,
    *,
    role: str = "member",
    status: str = "pending",
    expires_in: timedelta = timedelta(days=7),
) -> tuple[OrganisationInvitation, str]:
    """An invitation to join `organisation`, from its first admin (as member_invite
    sends them), and the token of its link, which only the email knows."""
    invitation, token = OrganisationInvitation.new(
        valid_for=expires_in,
        organisation=organisation,
        email=email,
        role=role,
        invited_by=_first_admin(organisation),
        status=status,
    )
    invitation.save()
    return invitation, token


def partnership_invitation(
    partnership: Partnership,
    email: str,
    *,
    kind: str = "organisation",
    role: str = "core",
    status: str = "pending",
    expires_in: timedelta = timedelta(days=7),
) -> tuple[PartnershipInvitation, str]:
    """An invitation to `partnership` for an organisation (with `role`) or, with
    kind="individual", for a person, sent for the convener by its first admin (as
    partner_invite and participant_invite send them), and the token of its link."""
    convener = partnership.partners.active().filter(role="convener").select_related("organisation").first()
    convener_org = convener.organisation if convener else None
    invitation, token = PartnershipInvitation.new(
        valid_for=expires_in,
        partnership=partnership,
        kind=kind,
        email=email,
        role=role if kind == "organisation" else "",
        invited_by=_first_admin(convener_org),
        invited_for=convener_org,
        status=status,
    )
    invitation.save()
    return invitation, token


# --- concurrency ----------------------------------------------------------------------------
# Concurrency claims are proved with real threads on real connections (the test database
# is a file on SQLite so that threads share it); the test needs
# `pytest.mark.django_db(transaction=True)`.

Prepare = Callable[[], Callable[[], object]]


def run_at_once(*prepares: Prepare) -> list[object]:
    """Run each `prepare` in its own thread; it loads what it needs and returns the
    action, which all threads then start together. Returns each action's result
    or the exception it raised."""
    barrier = threading.Barrier(len(prepares))
    results: list[object] = [None] * len(prepares)

    def worker(index: int, prepare: Prepare) -> None:
        try:
            action = prepare()
            barrier.wait(timeout=10)
            results[index] = action()
        except BaseException as exc:  # reported to the test, which asserts on it
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, p)) for i, p in enumerate(prepares)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck (deadlock?)"
    return results


def one_success_one_conflict(results: list[object]) -> object:
    errors = [r for r in results if isinstance(r, BaseException)]
    assert len(errors) == 1, f"expected exactly one refusal, got {results!r}"
    assert isinstance(errors[0], Conflict), f"the loser must get a Conflict, not {errors[0]!r}"
    return next(r for r in results if not isinstance(r, BaseException))
