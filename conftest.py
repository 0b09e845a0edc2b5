"""Shared fixtures: the personas every access test uses, and a world for them.

World: a partnership convened by "Convener Org" with a core partner ("Core Org")
and an observer ("Observer Org"), plus an individual participant; an unrelated
organisation ("Outsider Org") in no partnership.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from consortia.core.factories import (
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    PartnerFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
)

# The shared test helpers assert: have pytest rewrite them as it does test modules, so
# a failure shows both sides. This must run before anything imports them.
pytest.register_assert_rewrite("consortia.core.testing", "consortia.core.access_table")
from consortia.core.access_table import PERSONAS  # noqa: E402, F401 - PERSONAS for tests
from consortia.core.testing import signed_in  # noqa: E402


@pytest.fixture(autouse=True)
def _immediate_tasks_and_locmem_mail(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.ACCOUNT_RATE_LIMITS = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Notifications fan out only in the tests that test them (the `notifications_on`
    # fixture): elsewhere their emails and rows would blur what a test counts.
    settings.NOTIFICATIONS_FAN_OUT = False


@pytest.fixture
def notifications_on(settings):
    settings.NOTIFICATIONS_FAN_OUT = True


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """Uploads (thread attachments) go to a temporary MEDIA_ROOT, never the checkout's."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _empty_cache(request, settings, django_db_blocker):
    """Each test leaves the cache empty: pages are cached under version stamps
    (consortia/core/page_cache.py), sessions and rate limits live in the cache. The
    database cache's rows go with each test's rolled-back transaction, except in
    transactional tests; Redis keeps everything (tests with REDIS_URL empty that
    Redis database: give them one of their own)."""
    yield
    from django.core.cache import cache

    if "DatabaseCache" not in settings.CACHES["default"]["BACKEND"]:
        cache.clear()
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional:
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture
def locmem_cache(settings):
    """A cache in this process, for counting database queries: with the database cache,
    reading the cache is a query too, and with Redis it is not."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def same_minute(monkeypatch):
    """Cached pages are keyed by the minute (core/page_cache.py); a test that visits a
    page twice and expects the second visit from the cache pins that minute, or it
    fails whenever its two requests fall either side of a minute's turn."""
    import time
    from types import SimpleNamespace

    from consortia.core import page_cache

    pinned = time.time()
    monkeypatch.setattr(page_cache, "time", SimpleNamespace(time=lambda: pinned))


@dataclass
class World:
    partnership: object
    convener_org: object
    core_org: object
    observer_org: object
    outsider_org: object
    convener_partner: object
    core_partner: object
    observer_partner: object
    participant: object
    users: dict


@pytest.fixture
def world(db) -> World:
    partnership = PartnershipFactory(name="Carers Advice Partnership")
    convener_org = OrganisationFactory(name="Convener Org")
    core_org = OrganisationFactory(name="Core Org")
    observer_org = OrganisationFactory(name="Observer Org")
    outsider_org = OrganisationFactory(name="Outsider Org")
    convener_partner = PartnerFactory(partnership=partnership, organisation=convener_org, role="convener")
    core_partner = PartnerFactory(partnership=partnership, organisation=core_org, role="core")
    observer_partner = PartnerFactory(partnership=partnership, organisation=observer_org, role="observer")

    users = {
        "convener_admin": UserFactory(email="convener@example.org", name="Cora Convener"),
        "partner_admin": UserFactory(email="core-admin@example.org", name="Pat Partner"),
        "partner_member": UserFactory(email="core-member@example.org", name="Max Member"),
        "observer": UserFactory(email="observer@example.org", name="Olive Observer"),
        "outsider": UserFactory(email="outsider@example.org", name="Otto Outsider"),
        "participant": UserFactory(email="carer@example.org", name="Carol Carer"),
        "site_admin": UserFactory(
            email="admin@example.org", name="Sam Siteadmin", is_superuser=True, is_staff=True
        ),
    }
    MembershipFactory(organisation=convener_org, user=users["convener_admin"], role="admin")
    MembershipFactory(organisation=core_org, user=users["partner_admin"], role="admin")
    MembershipFactory(organisation=core_org, user=users["partner_member"], role="member")
    MembershipFactory(organisation=observer_org, user=users["observer"], role="member")
    MembershipFactory(organisation=outsider_org, user=users["outsider"], role="admin")
    RepresentativeFactory(partner=convener_partner, user=users["convener_admin"])
    RepresentativeFactory(partner=core_partner, user=users["partner_admin"])
    participant = ParticipantFactory(partnership=partnership, user=users["participant"])
    return World(
        partnership,
        convener_org,
        core_org,
        observer_org,
        outsider_org,
        convener_partner,
        core_partner,
        observer_partner,
        participant,
        users,
    )


@pytest.fixture
def client_for(world):
    """client_for("observer") is a test client signed in as that persona."""

    def make(persona: str) -> Client:
        return Client() if persona == "anonymous" else signed_in(world.users[persona])

    return make
