"""Library forms. Error messages follow the GOV.UK Design System ("Enter a title");
the services check again (hostile Markdown, another partnership's outcome) and have
the last word."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from consortia.canvas.forms import text
from consortia.canvas.models import Outcome
from consortia.core.attachments import ALLOWED
from consortia.partnerships.models import Partnership

from .models import NOTE_MAX, TEXT_MAX, TITLE_MAX, Evidence, Kind, Licence

MARKDOWN_HELP = "You can use Markdown: **bold**, _italic_, [a link](https://example.org), lists. No HTML."


class EntryForm(forms.Form):
    title = text("Title", TITLE_MAX, required="Enter a title")
    kind = forms.ChoiceField(
        label="What kind of entry is this?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of entry this is"},
    )
    summary = text("Summary", TEXT_MAX, rows=4, help_text=MARKDOWN_HELP)
    what_worked = text("What worked", TEXT_MAX, rows=5, help_text=MARKDOWN_HELP)
    what_didnt = text("What didn't work", TEXT_MAX, rows=5, help_text=MARKDOWN_HELP)
    evidence_level = forms.ChoiceField(
        label="What is the evidence behind it?",
        choices=Evidence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the evidence behind the entry"},
    )
    evidence_note = text(
        "What the evidence is",
        NOTE_MAX,
        help_text="For example: “monitoring data from 120 carers' assessments, April to September”.",
    )
    outcomes = forms.MultipleChoiceField(
        label="Which of the partnership's outcomes does it relate to?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose outcomes from this partnership's canvas"},
    )
    tags = text(
        "Tags",
        500,
        help_text="Topics, separated by commas, for example “consent, transport”. New topics join the shared list.",
    )

    def __init__(self, *args: Any, outcomes: Sequence[Outcome], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["outcomes"]).choices = [
            (str(o.uuid), o.statement) for o in outcomes
        ]
        if not outcomes:
            self.fields["outcomes"].help_text = "The partnership's canvas has no outcomes yet."

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "summary": data["summary"],
            "what_worked": data["what_worked"],
            "what_didnt": data["what_didnt"],
            "evidence_level": data["evidence_level"],
            "evidence_note": data["evidence_note"],
            "outcomes": data["outcomes"],
            "tags": [t for t in data["tags"].split(",") if t.strip()],
        }


class AttachmentForm(forms.Form):
    upload = forms.FileField(
        label="Choose a file",
        help_text=f"One {ALLOWED} file, smaller than 10 MB.",
        error_messages={
            "required": "Choose a file",
            "invalid": "The selected file could not be read",
            "empty": "The selected file is empty",
        },
    )
    shareable = forms.BooleanField(
        label="I confirm this file may be shared outside the partnership",
        required=False,
        help_text="Only you, the uploader, can confirm this. Leave it unticked if the file holds "
        "anything private to the partnership.",
    )


class PublishForm(forms.Form):
    licence = forms.ChoiceField(
        label="Under which licence do you publish it?",
        choices=Licence.choices,
        initial=Licence.CC_BY.value,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a licence", "invalid_choice": "Choose a licence"},
    )


class CopyForm(forms.Form):
    partnership = forms.ChoiceField(
        label="Copy it into which partnership?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a partnership",
            "invalid_choice": "Choose a partnership you are a member of",
        },
    )

    def __init__(self, *args: Any, targets: Sequence[Partnership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = {str(p.uuid): p for p in targets}
        cast(forms.ChoiceField, self.fields["partnership"]).choices = [
            (key, p.name) for key, p in self.targets.items()
        ]

    def target(self) -> Partnership:
        return self.targets[self.cleaned_data["partnership"]]


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the library", required=False, max_length=100)
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any kind"), *Kind.choices])
    tag = forms.CharField(label="Tag", required=False, max_length=100)
