"""Cached pages (core/page_cache.py) change with every event, never pass from one
viewer to another, and keep access as strict as the views' own checks."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from consortia.core.page_cache import _csrf_placeholder
from consortia.core.testing import query_budget, signed_in, text
from consortia.organisations import services as organisation_services
from consortia.partnerships import services as partnership_services

pytestmark = pytest.mark.django_db


def _home(world) -> str:
    return reverse("partnerships:detail", args=[world.partnership.uuid])


def test_it_serves_a_second_view_with_only_the_user_and_the_stamp(world, locmem_cache, same_minute):
    client = signed_in(world.users["convener_admin"])
    first = text(client.get(_home(world)))

    # 1 the user (the session comes from the cache), 2 the partnership's version stamp
    with query_budget(2):
        second = client.get(_home(world))

    assert re.sub(r'value="\w+"|"X-CSRFToken": "\w+"', "", text(second)) == re.sub(
        r'value="\w+"|"X-CSRFToken": "\w+"', "", first
    )


def test_a_change_through_a_service_shows_on_the_next_view(world):
    convener = world.users["convener_admin"]
    client = signed_in(convener)
    assert "Carers Advice Partnership" in text(client.get(_home(world)))

    partnership_services.partnership_update(
        actor=convener,
        partnership=world.partnership,
        name="Carers First",
        purpose="New purpose",
        status="active",
    )

    html = text(client.get(_home(world)))
    assert "Carers First" in html
    assert "New purpose" in html


def test_a_partner_organisation_renamed_shows_on_the_partnership_page(world):
    """Organisation events (no partnership on them) are part of the stamp too."""
    client = signed_in(world.users["observer"])
    assert "Core Org" in text(client.get(_home(world)))

    organisation_services.organisation_update(
        actor=world.users["partner_admin"], organisation=world.core_org, name="Core Org Renamed"
    )

    assert "Core Org Renamed" in text(client.get(_home(world)))


@pytest.mark.parametrize("first", ["convener_admin", "observer"])
def test_viewers_with_different_roles_each_see_their_own_page(world, first):
    clients = {persona: signed_in(world.users[persona]) for persona in ("convener_admin", "observer")}
    order = [first, *(p for p in clients if p != first)]

    pages = {persona: text(clients[persona].get(_home(world))) for persona in order}
    again = {persona: text(clients[persona].get(_home(world))) for persona in order}

    for html in (pages, again):
        assert "Invite an organisation" in html["convener_admin"]
        assert "Invite an organisation" not in html["observer"]
        assert world.users["convener_admin"].email in html["convener_admin"]
        assert world.users["convener_admin"].email not in html["observer"]


def test_a_member_removed_from_the_partner_organisation_no_longer_gets_the_page(world):
    member = world.users["partner_member"]
    client = signed_in(member)
    assert client.get(_home(world)).status_code == 200

    organisation_services.member_remove(
        actor=world.users["partner_admin"], membership=member.memberships.get(organisation=world.core_org)
    )

    assert client.get(_home(world)).status_code == 404


def test_a_removed_participant_no_longer_gets_the_page(world):
    client = signed_in(world.users["participant"])
    assert client.get(_home(world)).status_code == 200

    partnership_services.participant_remove(
        actor=world.users["convener_admin"], participant=world.participant
    )

    assert client.get(_home(world)).status_code == 404


def test_each_browser_gets_its_own_csrf_token_from_a_cached_page(world):
    """Two browsers of one person: the second is served from the cache, with a token
    that works with its own CSRF cookie."""
    browsers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    for browser in browsers:
        browser.force_login(world.users["convener_admin"])
        html = text(browser.get(_home(world)))
        assert _csrf_placeholder() not in html
        token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', html).group(1)

        response = browser.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})

        assert response.status_code == 302


def test_a_message_is_shown_once_and_never_cached(world):
    client = signed_in(world.users["convener_admin"])
    client.get(_home(world))
    response = client.post(
        reverse("partnerships:edit", args=[world.partnership.uuid]),
        {"name": "Carers First", "purpose": "Same purpose", "status": "active"},
        follow=True,
    )
    assert "The partnership has been updated." in text(response)

    assert "The partnership has been updated." not in text(client.get(_home(world)))


def test_the_dashboard_shows_an_invitation_made_since_the_last_view(world):
    """The dashboard draws on many partnerships: any event anywhere is a new stamp."""
    outsider = world.users["outsider"]
    client = signed_in(outsider)
    assert "Join the partnership" not in text(client.get(reverse("home")))

    partnership_services.partner_invite(
        actor=world.users["convener_admin"], partnership=world.partnership, email=outsider.email, role="core"
    )

    assert "Join the partnership Carers Advice Partnership" in text(client.get(reverse("home")))


def test_the_organisation_page_shows_a_new_offer(world):
    admin = world.users["partner_admin"]
    client = signed_in(admin)
    page = reverse("organisations:detail", args=[world.core_org.uuid])
    assert "Our minibus on Fridays" not in text(client.get(page))

    organisation_services.offer_add(
        actor=admin, organisation=world.core_org, category="premises", description="Our minibus on Fridays"
    )

    assert "Our minibus on Fridays" in text(client.get(page))


def test_time_relative_text_is_at_most_a_minute_old(world, monkeypatch):
    from datetime import timedelta
    from types import SimpleNamespace

    from django.utils import timezone

    from consortia.core import page_cache

    convener = world.users["convener_admin"]
    partnership_services.partnership_update(
        actor=convener, partnership=world.partnership, name="Carers First", purpose="Purpose", status="active"
    )
    client = signed_in(convener)
    assert "just now" in text(client.get(_home(world)))

    later = timezone.now() + timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(page_cache, "time", SimpleNamespace(time=lambda: later.timestamp()))

    html = text(client.get(_home(world)))
    assert "just now" not in html  # rendered again, not the page cached two minutes ago
    assert "minutes ago" in html


def test_the_dashboard_shows_invitations_once_the_address_is_verified(world):
    """Verifying an address writes no event; the dashboard's stamp includes it."""
    from allauth.account.models import EmailAddress

    outsider = world.users["outsider"]
    EmailAddress.objects.filter(user=outsider).update(verified=False)
    partnership_services.partner_invite(
        actor=world.users["convener_admin"], partnership=world.partnership, email=outsider.email, role="core"
    )
    client = signed_in(outsider)
    assert "Join the partnership" not in text(client.get(reverse("home")))

    EmailAddress.objects.filter(user=outsider).update(verified=True)

    assert "Join the partnership Carers Advice Partnership" in text(client.get(reverse("home")))
