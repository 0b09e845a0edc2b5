"""Shared-asset forms. Messages follow the GOV.UK Design System ("Enter the name");
the services check again and have the last word. Partners are chosen by uuid from
those offered, so an id from elsewhere is refused with a message."""

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms

from consortia.canvas.forms import date_field, text
from consortia.partnerships.models import Partner

from .models import LOCATION_MAX, NAME_MAX, PURPOSE_MAX, REASON_MAX, RULES_MAX, WEEKDAYS, Asset
from .weeks import ZONE


def _time(label: str, what: str, **kwargs: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": f"Enter the time it {what}",
            "invalid": "Enter a time, for example 09:30",
        },
        **kwargs,
    )


def _partner_choice(label: str, partners: Sequence[Partner], **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[(str(p.uuid), p.organisation.name) for p in partners],
        error_messages={
            "required": "Choose the organisation",
            "invalid_choice": "Choose an organisation from the list",
        },
        **kwargs,
    )


class AssetForm(forms.Form):
    owner = forms.ChoiceField(label="Owner")  # replaced in __init__
    name = text("Name", NAME_MAX, required="Enter the name", help_text="For example, Consultation room 2.")
    kind = forms.ChoiceField(
        label="What it is",
        choices=Asset.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what it is", "invalid_choice": "Choose what it is"},
    )
    location = text("Where it is", LOCATION_MAX)
    capacity = forms.IntegerField(
        label="Capacity (people)",
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "invalid": "Enter the capacity as a whole number",
            "min_value": "The capacity must be at least 1",
            "max_value": "The capacity must be 100,000 or fewer",
        },
    )
    rules = text("Rules for those who book it", RULES_MAX, rows=4)
    open_days = forms.MultipleChoiceField(
        label="Days it can be booked",
        choices=[(str(n), name) for n, name in enumerate(WEEKDAYS)],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one day it can be booked"},
    )
    opens_at = _time("Opens at", "opens")
    closes_at = _time("Closes at", "closes")
    approval_required = forms.ChoiceField(
        label="Bookings",
        choices=[("yes", "We approve each booking"), ("no", "Approved automatically")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how bookings are approved"},
    )

    def __init__(self, *args: Any, owners: Sequence[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owners = {str(p.uuid): p for p in owners}
        self.only_owner = owners[0] if len(owners) == 1 else None
        if self.only_owner is None:
            self.fields["owner"] = _partner_choice(
                "Owner", owners, help_text="The organisation that lends it."
            )
        else:  # the only organisation they speak for
            del self.fields["owner"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "owner": self.only_owner or self.owners[data["owner"]],
            "name": data["name"],
            "kind": data["kind"],
            "location": data["location"],
            "capacity": data["capacity"],
            "rules": data["rules"],
            "open_days": sum(1 << int(day) for day in data["open_days"]),
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "approval_required": data["approval_required"] == "yes",
        }

    @staticmethod
    def initial_for(asset: Asset) -> dict[str, Any]:
        return {
            "owner": str(asset.owner.uuid),
            "name": asset.name,
            "kind": asset.kind,
            "location": asset.location,
            "capacity": asset.capacity,
            "rules": asset.rules,
            "open_days": [str(n) for n in range(7) if asset.is_open_on(n)],
            "opens_at": asset.opens_at,
            "closes_at": asset.closes_at,
            "approval_required": "yes" if asset.approval_required else "no",
            "out_of_service": asset.out_of_service,
            "out_of_service_reason": asset.out_of_service_reason,
        }


class AssetEditForm(AssetForm):
    out_of_service = forms.BooleanField(label="Out of service", required=False)
    out_of_service_reason = text(
        "Why it is out of service", REASON_MAX, rows=2, help_text="Needed when it is out of service."
    )

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = super().service_kwargs()
        del kwargs["owner"]  # an asset stays its owner's (only_owner, on this form)
        return kwargs | {
            "out_of_service": self.cleaned_data["out_of_service"],
            "out_of_service_reason": self.cleaned_data["out_of_service_reason"],
        }


class BookingForm(forms.Form):
    partner = forms.ChoiceField(label="Booking for")  # replaced in __init__
    day = date_field("Date", required="Enter the date", help_text="For example, 2027-03-31.")
    starts = _time("From", "starts")
    ends = _time("Until", "ends")
    purpose = text("What it is for", PURPOSE_MAX)

    def __init__(self, *args: Any, partners: Sequence[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partners = {str(p.uuid): p for p in partners}
        if len(partners) > 1:
            self.fields["partner"] = _partner_choice("Booking for", partners)
        else:  # the only organisation they book for
            del self.fields["partner"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        start = datetime.datetime.combine(data["day"], data["starts"], tzinfo=ZONE)
        end = datetime.datetime.combine(data["day"], data["ends"], tzinfo=ZONE)
        partner = self.partners.get(data.get("partner", ""))
        return {"start": start, "end": end, "purpose": data["purpose"], "partner": partner}


class DeclineForm(forms.Form):
    reason = text("Why it is declined", REASON_MAX, required="Say why the booking is declined", rows=3)
