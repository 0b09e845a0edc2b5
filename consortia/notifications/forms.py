from django import forms

from .models import Preference


class PreferenceForm(forms.Form):
    email = forms.ChoiceField(
        label="What do you want by email from this partnership?",
        help_text="Your inbox in Consortia always has everything.",
        choices=Preference.Email.choices,
        widget=forms.RadioSelect,
    )
