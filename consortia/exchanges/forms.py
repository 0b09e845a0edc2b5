"""Exchange forms. Organisations are chosen by uuid from this partnership's active
partners, so one from elsewhere is refused with a message; the services check again
and have the last word."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms

from consortia.accounts.models import User
from consortia.canvas.forms import date_field, text
from consortia.partnerships.models import Partner

from .models import COST_MAX, HOURS_MAX, PEOPLE_MAX, TEXT_MAX, TITLE_MAX, Exchange

SIDE_CHOICES = [("", "Nobody"), *list(Exchange.Side.choices)]


def _amount(label: str, ceiling: Decimal, help_text: str = "") -> forms.DecimalField:
    message = f"Enter {label.lower()} from 0 to {ceiling:,}"
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=ceiling,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "invalid": message,
            "min_value": message,
            "max_value": message,
            "max_decimal_places": message,
        },
    )


class ExchangeForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of exchange",
        choices=Exchange.Kind.choices,
        error_messages={"required": "Choose the kind of exchange"},
    )
    direction = forms.ChoiceField(
        label="Who proposes it",
        choices=Exchange.Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the host offers it or the sender asks for it"},
    )
    title = text("Title", TITLE_MAX, required="Enter the exchange's title")
    purpose = text("What it is for", TEXT_MAX, rows=4, help_text="You can use Markdown.")
    host = forms.ChoiceField(
        label="Host organisation",
        error_messages={
            "required": "Choose the host",
            "invalid_choice": "Choose an active partner as the host",
        },
    )
    sender = forms.ChoiceField(
        label="Sending organisation",
        error_messages={
            "required": "Choose the sending organisation",
            "invalid_choice": "Choose an active partner as the sending organisation",
        },
    )
    starts_on = date_field("First day", required="Enter the first day", help_text="For example 2027-03-31.")
    ends_on = date_field("Last day", required="Enter the last day", help_text="For example 2027-04-02.")
    host_expects = text("What the host expects", TEXT_MAX, rows=3)
    sender_expects = text("What the sending organisation expects", TEXT_MAX, rows=3)
    people = forms.IntegerField(
        label="Number of people",
        min_value=1,
        max_value=PEOPLE_MAX,
        initial=1,
        error_messages={
            "required": "Enter the number of people",
            "invalid": f"Enter a number of people from 1 to {PEOPLE_MAX}",
            "min_value": f"Enter a number of people from 1 to {PEOPLE_MAX}",
            "max_value": f"Enter a number of people from 1 to {PEOPLE_MAX}",
        },
    )
    dbs_needed = forms.BooleanField(label="A DBS check is needed", required=False)
    dbs_confirmer = forms.ChoiceField(
        label="Who confirms the DBS check", choices=SIDE_CHOICES, required=False
    )
    safeguarding_notes = text("Safeguarding notes", TEXT_MAX, rows=3)
    host_staff_hours = _amount(
        "Host's staff hours", HOURS_MAX, "Staff time the host gives, counted once completed."
    )
    sender_staff_hours = _amount(
        "Sending organisation's staff hours",
        HOURS_MAX,
        "Staff time of the people sent, counted once completed.",
    )
    cost_gbp = _amount("Cost in £", COST_MAX)
    cost_paid_by = forms.ChoiceField(label="Who pays the cost", choices=SIDE_CHOICES, required=False)

    def __init__(self, *args: Any, partners: Sequence[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partners = {str(p.organisation.uuid): p for p in partners}
        choices = [("", "Choose an organisation")] + [
            (k, str(p.organisation)) for k, p in self.partners.items()
        ]
        cast(forms.ChoiceField, self.fields["host"]).choices = choices
        cast(forms.ChoiceField, self.fields["sender"]).choices = choices

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["host"], data["sender"] = self.partners[data["host"]], self.partners[data["sender"]]
        for key in ("host_staff_hours", "sender_staff_hours", "cost_gbp"):
            data[key] = data[key] or Decimal(0)
        return data


class ParticipantForm(forms.Form):
    user = forms.ChoiceField(
        label="Person",
        error_messages={
            "required": "Choose a person",
            "invalid_choice": "Choose someone from your organisation",
        },
    )

    def __init__(self, *args: Any, people: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(u.uuid): u for u in people}
        cast(forms.ChoiceField, self.fields["user"]).choices = [("", "Choose a person")] + [
            (k, f"{u.name or u.email}") for k, u in self.people.items()
        ]

    def chosen(self) -> User:
        return self.people[self.cleaned_data["user"]]


class ReflectionForm(forms.Form):
    surprised = text("What surprised me", TEXT_MAX, required="Say what surprised you", rows=4)
    differently = text(
        "What we will do differently", TEXT_MAX, required="Say what you will do differently", rows=4
    )
