"""Glossary forms: a term with one definition field per sector (leave a sector empty
where its meaning is the general one), and the choice of the stewards group. The
services check again and have the last word."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from consortia.groups.models import WorkingGroup

from .models import DEFINITION_MAX, EXPANSION_MAX, NAME_MAX, Sector


def text(
    label: str, max_length: int, *, required: str = "", rows: int = 0, help_text: str = ""
) -> forms.CharField:
    """A text field whose messages name it (as canvas.forms.text, which sits above us)."""
    messages = {"max_length": f"{label} must be {max_length:,} characters or fewer"}
    if required:
        messages["required"] = required
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=bool(required),
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages=messages,
        help_text=help_text,
    )


class TermForm(forms.Form):
    name = text(
        "Term", NAME_MAX, required="Enter the term", help_text="For example, “social prescribing” or “CQC”."
    )
    expansion = text(
        "What it stands for",
        EXPANSION_MAX,
        help_text="Only for an acronym, for example “Care Quality Commission”. Acronyms are matched exactly.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for sector in Sector:
            self.fields[f"definition_{sector.value}"] = text(
                f"What it means: {sector.label}",
                DEFINITION_MAX,
                rows=3,
                help_text="You can use Markdown. Leave empty where the meaning is no different.",
            )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "expansion": data["expansion"],
            "definitions": {s.value: data[f"definition_{s.value}"] for s in Sector},
        }


class StewardsForm(forms.Form):
    stewards = forms.ChoiceField(
        label="Who approves glossary terms",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who approves glossary terms",
            "invalid_choice": "Choose one of this partnership's working groups",
        },
    )

    def __init__(self, *args: Any, groups: Sequence[WorkingGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {str(g.uuid): g for g in groups}
        cast(forms.ChoiceField, self.fields["stewards"]).choices = [("", "The convening partner only")] + [
            (key, f"The convening partner and the working group “{g.name}”") for key, g in self.groups.items()
        ]
        self.fields["stewards"].required = False

    def group(self) -> WorkingGroup | None:
        return self.groups.get(self.cleaned_data.get("stewards") or "")
