from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form with the person's name (ACCOUNT_FORMS["signup"])."""

    name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="Shown to the people you work with in partnerships.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
