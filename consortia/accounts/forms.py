from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import IntegrityError, transaction

from .models import User

SIGNED_UP_AT_THE_SAME_MOMENT = (
    "Someone signed up with this email address at the same moment, so no account was "
    "created for you. Check your email for a message from us, or try again."
)


class SignupRaced(Exception):
    """Another request created an account for the same address between this form's
    validation and its save. The form carries the error; the view re-renders it."""


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form with the person's name (ACCOUNT_FORMS["signup"]).

    Its uniqueness check runs in validation, before anything is written, so two
    requests for one new address can both pass it. The database's unique email then
    lets one insert through; `save` turns the other's IntegrityError into a form
    error, with everything it wrote rolled back.
    """

    name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="Shown to the people you work with in partnerships.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["name", "email", "password1", "password2"]

    def save(self, request) -> User:
        # One transaction for the user, their name and their EmailAddress: a loser
        # of the race leaves no row behind.
        try:
            with transaction.atomic():
                return super().save(request)
        except IntegrityError:
            email = self.cleaned_data["email"]
            if not User.objects.filter(email__iexact=email).exists():
                raise  # some other constraint: a bug, not a race
            self.add_error("email", SIGNED_UP_AT_THE_SAME_MOMENT)
            raise SignupRaced(email) from None

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
