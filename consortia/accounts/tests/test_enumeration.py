"""Sign-up, sign-in and password reset do not tell anyone whether an address has an
account: each answers a taken address exactly as it answers a new one (same status,
same redirect, same page apart from the address typed), and only the address's owner
learns, by email, that someone tried."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from consortia.accounts.models import User
from consortia.core.factories import PASSWORD, UserFactory
from consortia.core.testing import link_path, text

OWNER = "owner@example.org"
STRANGER = "stranger@example.org"
# In the forms' hidden field and in htmx's headers on <body>: different in every session.
CSRF_TOKEN = re.compile(r'(?<=name="csrfmiddlewaretoken" value=")[^"]+|(?<="X-CSRFToken": ")[^"]+')


def answer(client: Client, url: str, data: dict, *, typed: str) -> tuple:
    """Everything a visitor sees after posting `data`: the status and redirect, then
    the page they land on, with the address they typed and the CSRF token taken out."""
    mail.outbox.clear()
    response = client.post(url, data)
    landing = client.get(response["Location"]) if response.status_code == 302 else response
    page = CSRF_TOKEN.sub("TOKEN", text(landing)).replace(typed.lower(), "ADDRESS")
    return response.status_code, response.get("Location"), landing.status_code, page


def sign_up_data(email: str) -> dict:
    return {"name": "Someone", "email": email, "password1": PASSWORD, "password2": PASSWORD}


@pytest.mark.django_db
def test_it_answers_a_sign_up_with_a_taken_address_exactly_like_one_with_a_new_address():
    UserFactory(email=OWNER, name="The Owner")
    url = reverse("account_signup")

    taken = answer(Client(), url, sign_up_data("Owner@Example.org"), typed="Owner@Example.org")
    new = answer(Client(), url, sign_up_data(STRANGER), typed=STRANGER)

    assert taken == new
    assert taken[:2] == (302, reverse("account_email_verification_sent"))
    assert "Confirm your email address" in taken[3]
    assert list(User.objects.order_by("email").values_list("email", "name")) == [
        (OWNER, "The Owner"),
        (STRANGER, "Someone"),
    ]


@pytest.mark.django_db
def test_it_tells_the_owner_by_email_when_someone_signs_up_with_their_address(client):
    owner = UserFactory(email=OWNER)

    client.post(reverse("account_signup"), sign_up_data(OWNER))

    assert [m.to for m in mail.outbox] == [[OWNER]]
    message = mail.outbox[0]
    assert "already exists" in message.body
    # A link to reset the password, never one that would confirm the address again.
    assert link_path(message.body) == reverse("account_reset_password")
    assert "/accounts/confirm-email/" not in message.body
    assert User.objects.get() == owner
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_it_answers_a_password_reset_for_an_unknown_address_like_one_for_a_known_address():
    UserFactory(email=OWNER)
    url = reverse("account_reset_password")

    known = answer(Client(), url, {"email": OWNER}, typed=OWNER)
    known_mail = [(m.to, m.subject) for m in mail.outbox]
    unknown = answer(Client(), url, {"email": STRANGER}, typed=STRANGER)

    assert known == unknown
    assert known[:2] == (302, reverse("account_reset_password_done"))
    # Each address hears only about itself: the owner gets a link, the stranger
    # a note that there is no account (so nobody else learns either).
    assert known_mail == [([OWNER], "[Consortia] Reset your password")]
    assert [m.to for m in mail.outbox] == [[STRANGER]]
    assert "/accounts/password/reset/key/" not in mail.outbox[0].body


@pytest.mark.django_db
def test_it_answers_a_wrong_password_for_an_unconfirmed_account_like_one_for_an_unknown_address():
    UserFactory(email=OWNER, email_verified=False)
    url = reverse("account_login")

    unconfirmed = answer(Client(), url, {"login": OWNER, "password": "not-the-password"}, typed=OWNER)
    unknown = answer(Client(), url, {"login": STRANGER, "password": "not-the-password"}, typed=STRANGER)

    assert unconfirmed == unknown
    assert unconfirmed[0] == 200
    assert "The email address and/or password you specified are not correct." in unconfirmed[3]
    assert mail.outbox == []


@pytest.mark.django_db
def test_it_does_not_sign_in_an_unconfirmed_account_even_with_the_right_password(client):
    UserFactory(email=OWNER, email_verified=False)

    response = client.post(reverse("account_login"), {"login": OWNER, "password": PASSWORD})

    # The answer a new sign-up gets: check your email (a fresh link is sent).
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated
    assert [m.to for m in mail.outbox] == [[OWNER]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
