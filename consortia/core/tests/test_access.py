"""Who may open or change what: every URL of our apps, for every persona.

ROWS is the access table: the few rows below, then each app's, from its
tests/access_rows.py (consortia/core/access_table.py holds the table's vocabulary and
machinery). Each row names a URL and a method, then what each persona observes, in
PERSONAS order; a second line gives the URL's arguments (names of ids in the scene),
the form data for a POST, and the event verb of a success.
A cell is one of:

- a status code (200, 400, 403, 404, 405, 409, 410): nothing in the database changed
  and no email was sent;
- LOGIN: a redirect to the sign-in page, and nothing changed;
- OK (or a verb, where one persona's success writes a different one): the change was
  made, the answer is a 302, and exactly one Event with the row's verb, by that
  persona, was written (and one email, for an invitation).

Every (row, persona) case gets a fresh world. A guard test walks the URL resolver, so
a new URL without rows fails the build. Policy tests read the table itself:
outsiders get 404 on partnership pages, site admins view but never manage, observers
and plain members change nothing but their own standing, a GET never changes anything.
"""

import uuid
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.access_table import (
    ALL_200,
    GET,
    LOGIN,
    NOT_ALLOWED,
    PERSONAS,
    POST,
    Row,
    Scene,
    expected,
    is_ours,
    observe,
    row_modules,
    send,
    status_of,
    url_patterns,
)
from consortia.core.testing import snapshot
from consortia.core.tokens import token_new
from consortia.organisations.tests.access_rows import ORG, org_profile

# The rows of URLs outside the apps; every app's rows are in its tests/access_rows.py.
# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("home", GET,                                   ALL_200),
    Row("home", POST,                                  NOT_ALLOWED),
    Row("healthz", GET,                                ALL_200),
    Row("healthz", POST,                               NOT_ALLOWED),
    # Our sign-up view (allauth's, plus the race for an address): a form for visitors,
    # and signed-in people are sent home. An empty form changes nothing; signing up
    # for real is proved in accounts/tests.
    Row("account_signup", GET,                         (200,) + (302,) * 7),
    Row("account_signup", POST,                        (200,) + (302,) * 7),
]
# fmt: on

# Each app keeps its rows beside its own tests (consortia/core/access_table.py says
# what such a module holds).
ROW_MODULES = row_modules(
    [
        "consortia.organisations.tests.access_rows",
        "consortia.partnerships.tests.access_rows",
        "consortia.canvas.tests.access_rows",
        "consortia.agreements.tests.access_rows",
        "consortia.groups.tests.access_rows",
        "consortia.decisions.tests.access_rows",
        "consortia.consultations.tests.access_rows",  # on the decisions' polls: after them
        "consortia.notifications.tests.access_rows",
        "consortia.threads.tests.access_rows",
        "consortia.actions.tests.access_rows",
        "consortia.meetings.tests.access_rows",
        "consortia.contributions.tests.access_rows",
        "consortia.fund.tests.access_rows",
        "consortia.assets.tests.access_rows",
        "consortia.training.tests.access_rows",
        "consortia.pool.tests.access_rows",
        "consortia.health.tests.access_rows",
        "consortia.progress.tests.access_rows",
        "consortia.calendars.tests.access_rows",
        "consortia.search.tests.access_rows",
        "consortia.activity.tests.access_rows",
        "consortia.radar.tests.access_rows",
        "consortia.expertise.tests.access_rows",
        "consortia.workingprofiles.tests.access_rows",
        "consortia.glossary.tests.access_rows",
        "consortia.exchanges.tests.access_rows",
        "consortia.learning.tests.access_rows",
        "consortia.questions.tests.access_rows",
        "consortia.library.tests.access_rows",
        "consortia.matching.tests.access_rows",
    ]
)
MAILING_VERBS: set[str] = set()  # verbs whose success sends one email
for _module in ROW_MODULES:
    ROWS += _module.ROWS
    MAILING_VERBS |= getattr(_module, "MAILING_VERBS", set())

INVITATION_URLS = {
    "organisations:invitation",
    "organisations:invitation_for_user",
    "partnerships:invitation",
    "partnerships:invitation_for_user",
}
# Pages inside a partnership: only its partners' members and participants (and site admins) see them.
PARTNERSHIP_PAGES = {
    row.name
    for row in ROWS
    if row.name.startswith(("partnerships:", "canvas:", "agreements:", "groups:"))
    and row.name not in {*INVITATION_URLS, "partnerships:list", "partnerships:create"}
}


# --- the scene ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _whitenoise_without_a_file_scan(settings):
    """Each test client builds the middleware; without this WhiteNoise would list
    every static file for every client, which is most of this file's run time."""
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def scene(world):
    """The world plus what each app's rows need (their scene functions).
    scene(persona) gives the ids for URLs and forms, as strings."""
    users = world.users
    ids = {
        "partnership": world.partnership.uuid,
        "core_partner": world.core_partner.uuid,
        "convener_partner": world.convener_partner.uuid,
        "participant": world.participant.uuid,
        "core_org": world.core_org.uuid,
        "outsider_org": world.outsider_org.uuid,
        "unknown_token": token_new()[0],
        "partner_member": users["partner_member"].uuid,
        "outsider": users["outsider"].uuid,
    }
    admin_of = {
        "outsider": world.outsider_org,
        "partner_admin": world.core_org,
        "convener_admin": world.convener_org,
    }

    extra = Scene()
    for module in ROW_MODULES:
        module.scene(world, extra)
    ids.update(vars(extra))

    def for_persona(persona: str) -> SimpleNamespace:
        my_org = admin_of.get(persona, world.core_org).uuid
        return SimpleNamespace(**{k: str(v) for k, v in ids.items()}, my_org=str(my_org))

    return for_persona


# --- the table, against the application -----------------------------------------------------

CASES = [pytest.param(row, persona, id=f"{row.id}-{persona}") for row in ROWS for persona in PERSONAS]


def first_signed_in_persona_shown(row: Row) -> str | None:
    return next((p for p in PERSONAS if p != "anonymous" and row.cell(p) == 200), None)


PRIVATE_CASES = [
    pytest.param(row, persona, id=f"{row.id}-{persona}")
    for row in ROWS
    if row.method == GET and (persona := first_signed_in_persona_shown(row))
]


@pytest.mark.parametrize(("row", "persona"), PRIVATE_CASES)
def test_it_tells_every_cache_not_to_keep_a_signed_in_page(row, persona, world, scene, client_for):
    """Every page, export and PDF a signed-in person sees says `private, no-store`, so
    no shared cache keeps a partnership's content for someone else."""
    ids = scene(persona)
    response = client_for(persona).get(reverse(row.name, args=[getattr(ids, arg) for arg in row.args]))

    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


@pytest.mark.parametrize(("row", "persona"), CASES)
def test_it_answers_every_persona_as_the_access_table_says(
    row, persona, world, scene, client_for, django_capture_on_commit_callbacks
):
    ids = scene(persona)
    url = reverse(row.name, args=[getattr(ids, arg) for arg in row.args])
    client = client_for(persona)
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, row, url, ids)

    assert observe(response, before) == expected(row, persona, world.users.get(persona), MAILING_VERBS)


def uuid_arg_cases():
    """(row, position of a uuid argument) for rows that reach their view."""
    for row in ROWS:
        if 405 in row.expect or row.label:
            continue
        for position, arg in enumerate(row.args):
            if "token" not in arg:
                yield pytest.param(row, position, id=f"{row.id}-{arg}")


@pytest.mark.parametrize(("row", "position"), list(uuid_arg_cases()))
def test_it_answers_404_for_an_unknown_uuid(row, position, world, scene, client_for):
    """Missing and forbidden look the same: a random uuid is a 404 for everyone
    (or a sign-in redirect for a page that needs one), and changes nothing."""
    ids = scene("anonymous")
    args = [getattr(ids, arg) for arg in row.args]
    args[position] = str(uuid.uuid4())
    url = reverse(row.name, args=args)
    clients = {persona: client_for(persona) for persona in PERSONAS}
    before = snapshot()

    answers = {persona: status_of(send(client, row, url, ids)) for persona, client in clients.items()}

    anonymous = LOGIN if row.cell("anonymous") is LOGIN else 404
    assert answers == {"anonymous": anonymous} | {persona: 404 for persona in PERSONAS[1:]}
    assert snapshot() == before


MALFORMED = ["not-a-uuid", "12345", "0" * 32, "00000000-0000-0000-0000-00000000000g", "%27%20OR%201=1"]


@pytest.mark.parametrize("name", sorted({row.name for row in ROWS if row.args}))
def test_it_answers_404_for_a_malformed_id_or_token(name, scene, client_for):
    """A uuid that is not one does not match the URL (404, not 500); a made-up or
    hostile token finds no invitation (404)."""
    ids = scene("convener_admin")
    row = next(row for row in ROWS if row.name == name)
    real = reverse(name, args=[getattr(ids, arg) for arg in row.args])
    client = client_for("convener_admin")
    before = snapshot()

    answers = {
        (arg, bad, method): getattr(client, method)(real.replace(getattr(ids, arg), bad)).status_code
        for arg in row.args
        for bad in [*MALFORMED, "x" * 5000]
        for method in ("get", "post")
    }

    assert set(answers.values()) == {404}, answers
    assert snapshot() == before


# --- the table covers every URL --------------------------------------------------------------


def test_it_has_rows_for_every_url_of_our_apps():
    ours = [(name, pattern) for name, pattern, prefix in url_patterns() if is_ours(name, pattern, prefix)]
    unnamed = [str(pattern.pattern) for name, pattern in ours if name is None]
    in_table = {(row.name, row.method) for row in ROWS}

    missing = sorted(
        f"{name} {method}" for name, _ in ours for method in (GET, POST) if (name, method) not in in_table
    )

    assert len(ours) >= 32  # home, healthz, 14 organisations:*, 16 partnerships:*
    assert unnamed == [], "Name every URL so the access table can cover it."
    assert missing == [], "Add access rows (GET and POST) for these URLs to ROWS."
    assert {row.name for row in ROWS} <= {name for name, _ in ours}, "Rows for URLs that no longer exist."


# --- policies, read from the table (the table itself is proved above) -----------------------


def test_it_hides_partnership_pages_from_outsiders_and_asks_anonymous_to_sign_in():
    partnership_rows = [row for row in ROWS if row.name in PARTNERSHIP_PAGES]

    assert {row.cell("anonymous") for row in partnership_rows} == {LOGIN}
    assert {row.cell("outsider") for row in partnership_rows} == {404, 405}  # 405: a GET of a button


def test_it_hides_an_unlisted_organisation_from_outsiders():
    outsider = {row.cell("outsider") for row in ROWS if ORG in row.args}

    assert outsider == {404, 405}


def test_it_never_changes_anything_on_a_get():
    changes = {
        (row.id, persona) for row in ROWS if row.method == GET for persona in PERSONAS if row.verb(persona)
    }

    assert changes == set()


def test_it_never_answers_403_outside_invitation_links():
    """Signed-in users get 404 both for what is missing and what they may not see;
    only an invitation link, whose holder has the secret, says whose it is."""
    forbidden = {row.name for row in ROWS if 403 in row.expect}

    assert forbidden
    assert forbidden <= INVITATION_URLS


def test_it_lets_site_admins_view_partnerships_but_not_manage_them():
    site_admin = {row.id: row.cell("site_admin") for row in ROWS if row.name in PARTNERSHIP_PAGES}

    assert site_admin["partnerships:detail-GET"] == site_admin["partnerships:activity-GET"] == 200
    assert {cell for row_id, cell in site_admin.items() if row_id.endswith("-POST")} <= {404, 405}


def test_it_lets_observers_members_and_participants_change_only_their_own_standing():
    """Apart from creating their own organisation, leaving is all they can do."""
    changes = {
        (persona, row.name)
        for row in ROWS
        for persona in ("observer", "partner_member", "participant")
        if row.verb(persona)
    }

    allowed = {pair for module in ROW_MODULES for pair in module.ALLOWED_CHANGES}
    assert changes - allowed == {
        ("observer", "organisations:create"),
        ("partner_member", "organisations:create"),
        ("participant", "organisations:create"),
        ("partner_member", "organisations:leave"),
        ("participant", "partnerships:participant_remove"),
    }


# --- a rule the table cannot show: access ends when a partner leaves -----------------------


@pytest.mark.parametrize("who", ["observer", "participant"])
def test_it_hides_an_unlisted_partner_organisation_once_the_shared_partnership_is_left(
    who, world, client_for
):
    if who == "observer":
        world.observer_partner.left_at = timezone.now()
        world.observer_partner.save()
    else:
        world.participant.left_at = timezone.now()
        world.participant.save()
    client = client_for(who)

    assert client.get(reverse("organisations:detail", args=[world.core_org.uuid])).status_code == 404
    assert client.get(reverse("partnerships:detail", args=[world.partnership.uuid])).status_code == 404


# --- where a form sends you next ------------------------------------------------------------


@pytest.mark.parametrize(
    ("next_url", "goes_to_next"),
    [
        ("/partnerships/new/", True),
        ("//evil.example/", False),
        ("/\\evil.example/", False),
        ("https://evil.example/", False),
        ("/\t/evil.example/", False),
    ],
)
def test_it_follows_next_after_creating_an_organisation_only_within_the_site(
    next_url, goes_to_next, client_for
):
    response = client_for("observer").post(
        reverse("organisations:create"), {**org_profile(None), "next": next_url}
    )

    assert response.status_code == 302
    assert (response["Location"] == next_url) is goes_to_next
    assert "evil.example" not in response["Location"]
