from django import forms


class SignupForm(forms.Form):
    """Extra sign-up fields, added to allauth's own form (ACCOUNT_SIGNUP_FORM_CLASS)."""

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
