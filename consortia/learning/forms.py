"""Learning log forms. The owner is chosen by uuid among the partnership's people, so
an id from elsewhere is refused with a message; the services check again and have the
last word."""

import datetime
from collections.abc import Sequence
from typing import Any, cast

from django import forms

from consortia.accounts.models import User
from consortia.canvas.forms import date_field, text

from .models import LABEL_MAX, NOTE_MAX, TEXT_MAX, Lesson, SourceKind

MARKDOWN_HELP = "You can use Markdown: **bold**, _italic_, [a link](https://example.org), lists."
DIRECT_SOURCES = [
    (SourceKind.OTHER.value, "Other (recorded directly in the log)"),
    (SourceKind.MEETING.value, "A meeting"),
    (SourceKind.EXCHANGE.value, "An exchange"),
]


class LessonForm(forms.Form):
    what_happened = text("What happened", TEXT_MAX, rows=4, help_text=MARKDOWN_HELP)
    what_we_learned = text("What we learned", TEXT_MAX, required="Say what we learned", rows=4)
    what_we_will_change = text("What we will change", TEXT_MAX, rows=4)
    owner = forms.ChoiceField(
        label="Who owns the change",
        help_text="Someone in the partnership: they are told, and can mark the change made.",
        error_messages={
            "required": "Choose who owns the change",
            "invalid_choice": "Choose someone in the partnership to own the change",
        },
    )
    due = date_field("Due date (optional)", help_text="For example, 2027-03-31.")

    def __init__(self, *args: Any, people: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(u.uuid): u for u in people}
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", "Choose a person")] + [
            (key, u.name or u.email) for key, u in self.people.items()
        ]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        due: datetime.date | None = data.get("due")
        return {
            "what_happened": data["what_happened"],
            "what_we_learned": data["what_we_learned"],
            "what_we_will_change": data["what_we_will_change"],
            "owner": self.people.get(data["owner"]),
            "due": due,
        }


class NewLessonForm(LessonForm):
    """Recording a lesson: from the log, where it came from is chosen; from a meeting or
    a closed poll (the view passes it), it is fixed and shown."""

    source_kind = forms.ChoiceField(
        label="Where it came from",
        choices=DIRECT_SOURCES,
        initial=SourceKind.OTHER.value,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose where it came from",
            "invalid_choice": "Choose where it came from",
        },
    )
    source_label = text("Which one (optional)", LABEL_MAX, help_text="For example, “Autumn training day”.")

    def __init__(self, *args: Any, fixed_source: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if fixed_source:
            del self.fields["source_kind"]
            del self.fields["source_label"]

    def source_kwargs(self) -> dict[str, str]:
        if "source_kind" not in self.fields:
            return {}
        return {
            "source_kind": self.cleaned_data["source_kind"],
            "source_label": self.cleaned_data["source_label"],
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=Lesson.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a status", "invalid_choice": "Choose open, changed or dropped"},
    )
    note = text(
        "Note",
        NOTE_MAX,
        help_text="When closing: what changed, or why the change was dropped.",
    )


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[("open", "Open"), ("all", "All")],
        required=False,
        widget=forms.RadioSelect,
    )
    source = forms.ChoiceField(
        label="Recorded from",
        choices=[("", "Anywhere"), *SourceKind.choices],
        required=False,
    )
