"""Expertise forms. The services check again and have the last word."""

from typing import Any

from django import forms

from .models import NOTE_MAX, TOPIC_MAX, PersonExpertise, Topic


class ExpertiseForm(forms.Form):
    topic = forms.CharField(
        label="Topic",
        max_length=TOPIC_MAX,
        help_text="For example: carers' assessments, social prescribing. A new topic is added to the shared list.",
        error_messages={
            "required": "Enter a topic",
            "max_length": f"The topic must be {TOPIC_MAX} characters or fewer",
        },
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_MAX,
        help_text="What you know or have done. You can use Markdown.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"The note must be {NOTE_MAX:,} characters or fewer"},
    )
    visibility = forms.ChoiceField(
        label="Who can see it",
        choices=PersonExpertise.Visibility.choices,
        initial=PersonExpertise.Visibility.PARTNERSHIP,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who can see this expertise"},
    )

    def service_kwargs(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("topic", "note", "visibility")}


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        label="Keep this topic",
        queryset=Topic.objects.none(),
        to_field_name="uuid",
        error_messages={
            "required": "Choose the topic to keep",
            "invalid_choice": "Choose a topic from the list",
        },
    )
    merge = forms.ModelChoiceField(
        label="Merge this topic into it",
        queryset=Topic.objects.none(),
        to_field_name="uuid",
        error_messages={
            "required": "Choose the topic to merge",
            "invalid_choice": "Choose a topic from the list",
        },
    )

    def __init__(self, *args: Any, topics: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = topics  # type: ignore[attr-defined]
        self.fields["merge"].queryset = topics  # type: ignore[attr-defined]
