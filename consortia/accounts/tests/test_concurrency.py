"""Sign-ups racing for one new address, with real threads on real connections.

Each thread posts the sign-up form as its own browser would. A barrier holds every
thread just after the form has checked that no account has the address, so all of
them pass that check before any of them saves: the race the form's validation cannot
see, only the database's unique email. (The threads come from
core.testing.run_at_once; the test database is a file on SQLite so that they share it.)
"""

import threading

import pytest
from allauth.account.forms import BaseSignupForm
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from consortia.accounts.models import User
from consortia.core.factories import PASSWORD
from consortia.core.testing import error_summary, inline_error, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "new.person@example.org"
SIGN_UPS = 10


def signing_up_at_once(monkeypatch, count: int) -> list:
    """`count` browsers post the sign-up form for EMAIL together; returns each one's
    response (an exception in the view is a 500, as in production: the test client's
    re-raising would pin one thread's exception on another, its signal being global)."""
    barrier = threading.Barrier(count)
    validate_unique_email = BaseSignupForm.validate_unique_email

    def validated_then_wait(form, value):
        result = validate_unique_email(form, value)
        barrier.wait(timeout=20)
        return result

    monkeypatch.setattr(BaseSignupForm, "validate_unique_email", validated_then_wait)

    def browser(index: int):
        def sign_up():
            return Client(raise_request_exception=False).post(
                reverse("account_signup"),
                {"name": f"Person {index}", "email": EMAIL, "password1": PASSWORD, "password2": PASSWORD},
            )

        return lambda: sign_up

    return run_at_once(*(browser(i) for i in range(count)))


def test_it_creates_one_account_and_gives_the_others_a_form_error_when_sign_ups_race(monkeypatch):
    results = signing_up_at_once(monkeypatch, SIGN_UPS)

    statuses = sorted(r.status_code for r in results)
    assert statuses == [200] * (SIGN_UPS - 1) + [302], statuses
    for refused in (r for r in results if r.status_code == 200):
        assert "Someone signed up with this email address at the same moment" in error_summary(refused)
        assert "at the same moment" in inline_error(refused, "email")
    winner = next(r for r in results if r.status_code == 302)
    assert winner["Location"] == reverse("account_email_verification_sent")

    # One account, whole: its name and its one (unconfirmed) address; nothing left
    # behind by the others; one confirmation email.
    user = User.objects.get()
    assert user.email == EMAIL and user.name.startswith("Person ")
    assert list(EmailAddress.objects.values_list("user", "email", "verified")) == [(user.pk, EMAIL, False)]
    assert [m.to for m in mail.outbox] == [[EMAIL]]


def test_a_refused_sign_up_gets_the_usual_check_your_email_answer_when_tried_again(monkeypatch):
    signing_up_at_once(monkeypatch, 2)
    monkeypatch.undo()
    mail.outbox.clear()

    again = Client().post(
        reverse("account_signup"),
        {"name": "Person again", "email": EMAIL, "password1": PASSWORD, "password2": PASSWORD},
    )

    # The account exists now, so the form's own check sees it: the answer any sign-up
    # gets, and the owner is told by email.
    assert again.status_code == 302
    assert again["Location"] == reverse("account_email_verification_sent")
    assert User.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    assert "already exists" in mail.outbox[0].body
