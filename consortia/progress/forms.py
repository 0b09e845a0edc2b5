"""Measurement forms. Error messages follow the GOV.UK Design System; the services
check again and have the last word. The indicator is chosen by uuid among this
partnership's own, so an id from elsewhere is refused with a message."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from consortia.canvas.forms import AmountField, date_field, text
from consortia.canvas.models import MAX_QUANTITY, Indicator

from .models import NOTE_MAX, SOURCE_MAX


class MeasurementForm(forms.Form):
    on = date_field(
        "Date of the measurement",
        required="Enter the date of the measurement",
        help_text="The day the figure describes, not in the future. For example, 2026-03-31.",
    )
    value = AmountField(
        label="Value",
        what="the value",
        min_value=-MAX_QUANTITY,
        too_small=f"Enter a value of -{MAX_QUANTITY:,} or more",
        help_text="In the indicator's unit.",
    )
    source = text(
        "Source",
        SOURCE_MAX,
        help_text="Where the figure comes from, for example: the quarterly carers survey.",
    )
    note = text(
        "Note", NOTE_MAX, rows=3, help_text="The story behind the figure: what helped, what got in the way."
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "on": data["on"],
            "value": data["value"],
            "source": data.get("source", ""),
            "note": data.get("note", ""),
        }


class MeasurementRecordForm(MeasurementForm):
    indicator = forms.ChoiceField(
        label="Indicator",
        error_messages={
            "required": "Choose the indicator you measured",
            "invalid_choice": "Choose one of this partnership's indicators",
        },
    )
    field_order = ["indicator", "on", "value", "source", "note"]

    def __init__(self, *args: Any, indicators: Sequence[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {str(i.uuid): i for i in indicators}
        cast(forms.ChoiceField, self.fields["indicator"]).choices = [
            ("", "Choose an indicator"),
            *((k, f"{i.outcome.statement}: {i.name} ({i.unit})") for k, i in self.indicators.items()),
        ]

    def service_kwargs(self) -> dict[str, Any]:
        return {"indicator": self.indicators[self.cleaned_data["indicator"]], **super().service_kwargs()}
