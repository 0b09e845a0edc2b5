"""Accounts, end to end through django-allauth's pages: sign up with a name and
confirm the address by the emailed link, sign in by email (in any case), and reset a
forgotten password with a single-use link. (What these pages must not reveal about
other people's accounts is in test_enumeration.py.)"""

import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from consortia.accounts.models import User
from consortia.accounts.selectors import email_verified
from consortia.core.factories import PASSWORD, UserFactory
from consortia.core.testing import link_path, text

NEW_PASSWORD = "a-different-horse-staple"


def signup(client, *, name="Ada Lovelace", email="Ada.Lovelace@Example.ORG", password=PASSWORD):
    return client.post(
        reverse("account_signup"),
        {"name": name, "email": email, "password1": password, "password2": password},
    )


def signed_in_user(client):
    return client.get(reverse("home")).wsgi_request.user


def confirmation_link(*, to: str) -> str:
    """The path of the link in the one address-confirmation email sent to `to`."""
    sent = [m for m in mail.outbox if m.to == [to] and "/accounts/confirm-email/" in m.body]
    assert len(sent) == 1, (
        f"expected one confirmation email to {to}: {[(m.to, m.subject) for m in mail.outbox]}"
    )
    return link_path(sent[0].body)


@pytest.mark.django_db
def test_it_signs_up_with_name_and_email_and_signs_in_once_the_address_is_confirmed(client):
    response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert user.name == "Ada Lovelace"
    assert user.email == "ada.lovelace@example.org"
    assert user.check_password(PASSWORD)
    assert not email_verified(user)
    assert not signed_in_user(client).is_authenticated

    link = confirmation_link(to="ada.lovelace@example.org")
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm your email address" in text(page)
    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert signed_in_user(client) == user
    assert email_verified(User.objects.get())


@pytest.mark.django_db
def test_it_returns_to_the_page_that_asked_for_sign_up_once_the_address_is_confirmed(client):
    # An invitation's page sends people to sign up with ?next=; they come back to it.
    invitation_page = "/partnerships/invitations/some-token/"
    response = client.post(
        reverse("account_signup") + f"?next={invitation_page}",
        {"name": "Ada", "email": "ada@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302

    confirmed = client.post(confirmation_link(to="ada@example.org"))

    assert confirmed.status_code == 302
    assert confirmed["Location"] == invitation_page
    assert signed_in_user(client).email == "ada@example.org"


@pytest.mark.django_db
def test_it_refuses_a_forged_confirmation_link(client):
    signup(client, email="ada@example.org")
    link = confirmation_link(to="ada@example.org")
    forged = link[:-6] + "forged/"

    page = client.get(forged)
    client.post(forged)

    assert page.status_code == 200
    assert "This confirmation link has expired or is not valid" in text(page)
    assert not email_verified(User.objects.get())
    assert not signed_in_user(client).is_authenticated


@pytest.mark.django_db
def test_it_does_not_sign_in_an_unconfirmed_account_but_sends_the_link_again(client):
    signup(client, email="ada@example.org")
    client.logout()
    mail.outbox.clear()

    response = client.post(reverse("account_login"), {"login": "ada@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not signed_in_user(client).is_authenticated
    client.post(confirmation_link(to="ada@example.org"))
    assert signed_in_user(client).email == "ada@example.org"


@pytest.mark.django_db
def test_it_requires_a_name_at_sign_up(client):
    response = signup(client, name="")

    assert response.status_code == 200  # allauth re-renders the form
    assert "name" in response.context["form"].errors
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_signs_in_by_email_in_any_case(client):
    signup(client)
    client.post(confirmation_link(to="ada.lovelace@example.org"))
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "ADA.LOVELACE@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert signed_in_user(client).email == "ada.lovelace@example.org"


@pytest.mark.django_db
def test_it_refuses_a_wrong_password(client):
    UserFactory(email="ada@example.org")

    response = client.post(reverse("account_login"), {"login": "ada@example.org", "password": "wrong-one"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not signed_in_user(client).is_authenticated


@pytest.mark.django_db
def test_it_creates_no_second_account_for_an_email_already_used_in_another_case(client):
    UserFactory(email="ada.lovelace@example.org", name="First Ada")

    response = signup(client, email="ADA.Lovelace@EXAMPLE.org", name="Second Ada")

    # The same answer as for a new address (test_enumeration.py); the owner is told.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert [m.to for m in mail.outbox] == [["ada.lovelace@example.org"]]
    assert "/accounts/confirm-email/" not in mail.outbox[0].body
    assert User.objects.count() == 1
    assert User.objects.get().name == "First Ada"
    assert not signed_in_user(client).is_authenticated


@pytest.mark.django_db
def test_it_enforces_case_insensitive_email_uniqueness_in_the_database():
    UserFactory(email="ada@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="ADA@example.org")])


@pytest.mark.django_db
def test_it_lowercases_emails_created_by_the_manager():
    user = User.objects.create_user("Grace@Example.ORG", "some-long-password")

    assert user.email == "grace@example.org"


def request_reset(client, email: str):
    mail.outbox.clear()
    response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302
    return response


@pytest.mark.django_db
def test_it_emails_a_password_reset_link_that_sets_a_new_password(client):
    user = UserFactory(email="ada@example.org")

    request_reset(client, "ADA@example.org")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    link = link_path(message.body)
    # The key link stores the key in the session and redirects to a key-less URL.
    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert not page.context.get("token_fail")
    assert page.redirect_chain, "allauth moves the key into the session and redirects"
    set_password_url = page.redirect_chain[-1][0]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    client.logout()
    login = client.post(reverse("account_login"), {"login": "ada@example.org", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert signed_in_user(client) == user


@pytest.mark.django_db
def test_it_refuses_a_password_reset_link_the_second_time(client):
    user = UserFactory(email="ada@example.org")
    request_reset(client, "ada@example.org")
    link = link_path(mail.outbox[0].body)
    page = client.get(link, follow=True)
    set_password_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    # The same link again, even from a fresh browser, is refused and changes nothing.
    other = type(client)()
    again = other.get(link, follow=True)
    assert again.status_code == 200
    assert again.context["token_fail"] is True
    other.post(
        again.redirect_chain[-1][0] if again.redirect_chain else link,
        {"password1": "yet-another-password-1", "password2": "yet-another-password-1"},
    )
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password("yet-another-password-1")


@pytest.mark.django_db
def test_it_refuses_a_forged_password_reset_link(client):
    user = UserFactory(email="ada@example.org")
    request_reset(client, "ada@example.org")
    link = link_path(mail.outbox[0].body)
    forged = re.sub(r"-[^-/]+/$", "-forged0key/", link)
    assert forged != link

    page = client.get(forged, follow=True)

    assert page.context["token_fail"] is True
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_it_does_not_reveal_whether_an_email_has_an_account(client):
    response = request_reset(client, "nobody@example.org")

    assert response.status_code == 302
    # allauth may send an "unknown account" notice, but never a reset link.
    assert all("/password/reset/key/" not in m.body for m in mail.outbox)
