"""Ledger forms. Error messages follow the GOV.UK Design System; the services check
again and have the last word. The partner and the pledge are chosen by uuid among
this partnership's own (the partners the person may record for, and their pledges),
so an id from elsewhere is refused with a message."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms

from consortia.canvas.forms import (
    CATEGORY,
    UNIT,
    AmountField,
    UnitFitsCategory,
    date_field,
    quantity_field,
    text,
)
from consortia.canvas.models import Pledge
from consortia.core.choices import ContributionCategory, Unit
from consortia.partnerships.models import Partner

from .models import NOTE_MAX, REASON_MAX


class EntryForm(UnitFitsCategory, forms.Form):
    partner = forms.ChoiceField(
        label="Partner organisation",
        error_messages={
            "required": "Choose the partner organisation that gave it",
            "invalid_choice": "Choose a partner organisation you may record for",
        },
    )
    category = forms.ChoiceField(**CATEGORY)
    quantity = quantity_field(help_text="Money in £; time in hours or days; or places, sessions, items.")
    unit = forms.ChoiceField(**UNIT)
    on = date_field(
        "Date it was given",
        required="Enter the date it was given",
        help_text="Not in the future: record a contribution once it is made. For example, 2027-03-31.",
    )
    pledge = forms.ChoiceField(
        label="Pledge it fulfils",
        required=False,
        help_text="Optional: one of that partner's pledges on the canvas, in the same kind and unit.",
        error_messages={"invalid_choice": "Choose one of that partner's pledges"},
    )
    note = text("Note", NOTE_MAX, rows=3, help_text="What it was, for example: the hall for the drop-in.")

    def __init__(
        self, *args: Any, partners: Sequence[Partner], pledges: Sequence[Pledge], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.partners = {str(p.uuid): p for p in partners}
        self.pledges = {str(p.uuid): p for p in pledges}
        cast(forms.ChoiceField, self.fields["partner"]).choices = [
            ("", "Choose a partner organisation"),
            *((k, p.organisation.name) for k, p in self.partners.items()),
        ]
        names = {p.pk: p.organisation.name for p in partners}
        cast(forms.ChoiceField, self.fields["pledge"]).choices = [
            ("", "Not against a pledge"),
            *(
                (
                    k,
                    f"{names.get(p.partner_id, '')}: {p.description} ({p.quantity.normalize():f} {p.get_unit_display()})",
                )
                for k, p in self.pledges.items()
            ),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}  # type: ignore[no-untyped-call]  # canvas form mixin
        partner, pledge = (
            self.partners.get(cleaned.get("partner") or ""),
            self.pledges.get(cleaned.get("pledge") or ""),
        )
        if partner is not None and pledge is not None and pledge.partner_id != partner.pk:
            self.add_error("pledge", "Choose one of that partner's pledges")
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "partner": self.partners[data["partner"]],
            "category": data["category"],
            "unit": data["unit"],
            "quantity": data["quantity"],
            "on": data["on"],
            "pledge": self.pledges.get(data.get("pledge") or ""),
            "note": data.get("note", ""),
        }


class ReverseForm(forms.Form):
    reason = text(
        "Why is this entry reversed?",
        REASON_MAX,
        rows=3,
        required="Say why this entry is reversed",
        help_text="For example: the hours were counted twice. The entry stays in the ledger, cancelled by this one.",
    )


class RateForm(UnitFitsCategory, forms.Form):
    category = forms.ChoiceField(**CATEGORY)
    unit = forms.ChoiceField(
        **(
            UNIT
            | {
                "choices": [
                    ("", "Choose a unit"),
                    *((u, label) for u, label in Unit.choices if u != Unit.GBP),
                ],
                "help_text": "Money needs no rate: £1 is worth £1.",
            }
        )
    )
    rate_gbp = AmountField(
        label="Rate in £ per unit",
        what="a rate",
        min_value=Decimal("0"),
        too_small="Enter a rate of £0 or more",
        help_text="For example, 12.50 for a volunteer hour.",
    )
    valid_from = date_field(
        "In force from",
        required="Enter the date the rate applies from",
        help_text="Later than the current rate's date for this kind and unit. For example, 2027-04-01.",
    )


class FilterForm(forms.Form):
    partner = forms.ChoiceField(label="Partner organisation", required=False)
    category = forms.ChoiceField(
        label="Kind of contribution",
        required=False,
        choices=[("", "All kinds"), *ContributionCategory.choices],
    )

    def __init__(self, *args: Any, partners: Sequence[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["partner"]).choices = [
            ("", "All partners"),
            *((str(p.uuid), p.organisation.name) for p in partners),
        ]
