"""The access table's vocabulary and machinery, for the tests only: every URL, for
every persona, GET and POST (consortia/core/tests/test_access.py runs the table).

Each app keeps its rows beside its own tests, in `<app>/tests/access_rows.py`, and
imports what it needs from here, never from a test module:

- `ROWS`, a list of `Row`: a URL name and a method, then what each persona observes, in
  `PERSONAS` order. A cell is a status code, `LOGIN` (a redirect to the sign-in page)
  or `OK` (the change was made and one Event with the row's `done` verb written), or a
  verb, where one persona's success writes another; `ALL_200`, `NOT_ALLOWED` and
  `SIGN_IN_THEN_NOT_ALLOWED` are whole rows that recur;
- `scene(world, s)`, which adds the objects its rows name to the world and puts their
  ids (as strings) on the SimpleNamespace `s`;
- `ALLOWED_CHANGES`, the (persona, URL name) pairs where a plain member, observer or
  participant may change something (e.g. a participant commenting);
- optionally `MAILING_VERBS`, the verbs whose success sends one email.

`row_modules()` loads them; `send()`, `observe()` and `expected()` make a request and
compare what it did (status, new events, any other change to the database, emails)
with what its cell says; `url_patterns()` and `is_ours()` walk the URL resolver for
the guard that fails when a URL has no rows.
"""

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType, SimpleNamespace

from django.core import mail
from django.urls import URLResolver, get_resolver

from consortia.core.models import Event
from consortia.core.testing import sends_to_sign_in, snapshot

# --- the vocabulary -------------------------------------------------------------------------

# The personas every access test uses, in the order of the table's columns.
PERSONAS = [
    "anonymous",
    "outsider",
    "observer",
    "partner_member",
    "partner_admin",
    "convener_admin",
    "participant",
    "site_admin",
]

GET, POST = "GET", "POST"


class _Cell:
    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


LOGIN = _Cell("302 to sign in")  # a redirect to the sign-in page; nothing changed
OK = _Cell("OK")  # the change was made: 302, and one Event with the row's verb

ALL_200 = (200,) * 8
NOT_ALLOWED = (405,) * 8
SIGN_IN_THEN_NOT_ALLOWED = (LOGIN,) + (405,) * 7


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    expect: tuple  # one cell per persona, in PERSONAS order
    args: tuple[str, ...] = ()  # names of ids in the scene
    data: Callable[[SimpleNamespace], dict] | None = None  # the form, for a POST
    done: str = ""  # the event verb an OK cell means
    label: str = ""  # tells apart rows for the same URL and method

    def cell(self, persona: str):
        return self.expect[PERSONAS.index(persona)]

    def verb(self, persona: str) -> str | None:
        """The event a persona's request should write, if it should change anything."""
        cell = self.cell(persona)
        return self.done if cell is OK else cell if isinstance(cell, str) else None

    @property
    def id(self) -> str:
        return f"{self.name}{f'[{self.label}]' if self.label else ''}-{self.method}"


class Scene(SimpleNamespace):
    """The ids every app's `scene(world, s)` puts on `s`. All apps share one scene, so a
    name one app has set cannot be set again by another: that would silently point the
    first app's rows at the second app's object."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in self.__dict__:
            raise AttributeError(f"The access table's scene already has {name!r}: give it another name.")
        super().__setattr__(name, value)


def row_modules(names: Iterable[str]) -> list[ModuleType]:
    """The apps' access_rows modules, in the order named; a module that does not exist
    (its app is not built yet) is left out."""
    modules = []
    for name in names:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return modules


# --- observing a request --------------------------------------------------------------------


def send(client, row: Row, url: str, ids: SimpleNamespace):
    data = row.data(ids) if row.data else {}
    return client.get(url) if row.method == GET else client.post(url, data)


def status_of(response):
    return LOGIN if sends_to_sign_in(response) else response.status_code


def observe(response, before: dict) -> tuple:
    """(status, new events as (verb, actor), database changed?, emails sent)."""
    status = status_of(response)
    old_events = {row[0] for row in before[Event._meta.db_table]}
    events = [(e.verb, e.actor_id) for e in Event.objects.exclude(pk__in=old_events).order_by("pk")]
    changed = "changed" if snapshot() != before else "unchanged"
    return status, events, changed, len(mail.outbox)


def expected(row: Row, persona: str, user, mailing_verbs: set[str]) -> tuple:
    """What `observe` should see when `persona` (signed in as `user`) sends `row`."""
    verb = row.verb(persona)
    if verb:
        return 302, [(verb, user.pk)], "changed", int(verb in mailing_verbs)
    return row.cell(persona), [], "unchanged", 0


# --- every URL ------------------------------------------------------------------------------


def url_patterns(resolver=None, prefix="") -> Iterator[tuple]:
    """(qualified name or None, pattern, namespace prefix) for every URL."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from url_patterns(pattern, namespace)
        else:
            yield (f"{prefix}{pattern.name}" if pattern.name else None), pattern, prefix


def is_ours(name, pattern, prefix) -> bool:
    """Everything but Django's admin, allauth's account_* pages and static files."""
    module = getattr(pattern.callback, "__module__", "")
    if prefix.startswith("admin:") or module.startswith("django.views.static"):
        return False
    return not ((name or "").startswith("account_") and module.startswith("allauth."))
