from typing import cast

from django import forms

from consortia.partnerships.models import Partnership

from .registry import kinds

QUERY_MAX = 500


class SearchForm(forms.Form):
    """The search page's form, sent by GET. Every field is optional: no words is the
    empty state. The partnership choices are the searcher's own."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=QUERY_MAX,
        error_messages={"max_length": f"Search for {QUERY_MAX} characters or fewer"},
        help_text='Words find what holds them all. Put a phrase in "quotes", -word leaves a word out, '
        "and OR between two words finds either.",
    )
    partnership = forms.ChoiceField(
        label="Partnership",
        required=False,
        error_messages={"invalid_choice": "Choose one of your partnerships"},
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, error_messages={"invalid_choice": "Choose a kind from the list"}
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10_000,
        widget=forms.HiddenInput,
        error_messages={"invalid": "The page must be a number"},
    )

    def __init__(self, *args, partnerships: list[Partnership], **kwargs):
        super().__init__(*args, **kwargs)
        self.partnerships = {str(p.uuid): p for p in partnerships}
        cast(forms.ChoiceField, self.fields["partnership"]).choices = [
            ("", "All your partnerships"),
            *((uuid, p.name) for uuid, p in self.partnerships.items()),
        ]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", "Everything"), *kinds()]

    def chosen_partnerships(self) -> list[Partnership]:
        chosen = self.cleaned_data.get("partnership")
        return [self.partnerships[chosen]] if chosen else list(self.partnerships.values())
