from datetime import date
from decimal import Decimal
from typing import cast

from django import forms
from django.utils import timezone

from consortia.canvas.models import MAX_QUANTITY
from consortia.partnerships.models import Partner

from .models import DecisionRule, Weighting


def _text(label: str, max_length: int, *, hint: str = "", rows: int = 4, required_message: str = ""):
    """A text answer; required when `required_message` says what to enter."""
    errors = {"max_length": f"{label} must be {max_length:,} characters or fewer"}
    if required_message:
        errors["required"] = required_message
    return forms.CharField(
        label=label,
        required=bool(required_message),
        max_length=max_length,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        error_messages=errors,
    )


def _whole_number(label: str, low: int, high: int, *, what: str, hint: str, width: str) -> forms.IntegerField:
    says = f"Enter {what} between {low} and {high}, as a whole number"
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        help_text=hint,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": f"govuk-input--width-{width}"}),
        error_messages={"required": says, "invalid": says, "min_value": says, "max_value": says},
    )


def _date(label: str, *, hint: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=hint,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, like 2027-03-31",
        },
    )


def _not_past(value: date | None, what: str) -> date | None:
    if value is not None and value < timezone.localdate():
        raise forms.ValidationError(f"{what} must be today or in the future")
    return value


AMOUNT_ERROR = "Enter an amount in pounds, like 500 or 1250.50"


class AgreementForm(forms.Form):
    vision = _text(
        "Vision",
        3000,
        hint="The difference the partners want to make together, in a few sentences. "
        "It is needed before the agreement is published.",
    )
    aims = _text("Aims", 3000, hint="What the partnership sets out to do to reach its vision.")
    principles = _text(
        "Principles and values",
        3000,
        hint="How the partners will treat each other: for example diversity, equity, openness, "
        "mutual benefit and the courage to say what is difficult.",
    )
    meeting_rhythm = _text(
        "Meeting rhythm", 200, rows=0, hint="For example: monthly, second Tuesday, online and in person."
    )
    decision_rule = forms.ChoiceField(
        label="How the partnership makes decisions",
        choices=DecisionRule.choices,
        widget=forms.RadioSelect,
        help_text="The rule a decision follows unless the partners choose another for it.",
        error_messages={
            "required": "Choose how the partnership makes decisions",
            "invalid_choice": "Choose one of the ways of making decisions",
        },
    )
    quorum_percent = _whole_number(
        "Quorum, as a percentage",
        1,
        100,
        what="a quorum",
        hint="The percentage of partner organisations that must take part for a decision to count.",
        width="3",
    )
    spending_threshold_gbp = forms.DecimalField(
        label="Spending that needs approval, from £",
        min_value=Decimal("0"),
        max_value=MAX_QUANTITY,
        max_digits=14,
        decimal_places=2,
        help_text="Spending from the pooled fund of this amount or more needs partners to approve it.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={
            "required": AMOUNT_ERROR,
            "invalid": AMOUNT_ERROR,
            "min_value": "The amount must be £0 or more",
            "max_value": "The amount must be £1,000,000,000 or less",
            "max_digits": "The amount must be £1,000,000,000 or less",
            "max_whole_digits": "The amount must be £1,000,000,000 or less",
            "max_decimal_places": "Enter the amount in pounds and pence, with no more than 2 decimal places",
        },
    )
    spending_approvals = _whole_number(
        "Partners who must approve such spending",
        1,
        50,
        what="the number of partners who must approve",
        hint="How many partner organisations must approve spending over that amount.",
        width="2",
    )
    review_date = _date("Review date", hint="When the partners will look at the agreement again.")
    joining_and_leaving = _text(
        "How a partner joins or leaves",
        3000,
        hint="How a new organisation joins, how notice is given to leave, and what happens "
        "to shared resources when a partner leaves.",
    )

    def clean_vision(self) -> str:
        return self.cleaned_data["vision"].strip()

    def clean_review_date(self) -> date | None:
        return _not_past(self.cleaned_data["review_date"], "The review date")


class ObjectiveForm(forms.Form):
    text = _text(
        "Objective",
        500,
        rows=3,
        hint="Specific: what will be done, for whom, and how much.",
        required_message="Enter the objective",
    )
    measure = _text(
        "How you will know it is done",
        300,
        rows=0,
        hint="For example: 200 carers advised by March, or waiting time under a week.",
        required_message="Enter how you will know the objective is done",
    )
    owner = forms.ChoiceField(
        label="Partner responsible",
        error_messages={
            "required": "Choose the partner responsible for the objective",
            "invalid_choice": "Choose a partner of this partnership",
        },
    )
    due = _date("Date to achieve it by", hint="For example, 2027-03-31.", required=True)

    def __init__(self, *args, partners: list[Partner], **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {str(p.uuid): p for p in partners}
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", "Choose a partner")] + [
            (key, p.organisation.name) for key, p in self.partners.items()
        ]

    def clean_owner(self) -> Partner:
        return self.partners[self.cleaned_data["owner"]]

    def clean_due(self) -> date | None:
        return _not_past(self.cleaned_data["due"], "The date")


class RoleForm(forms.Form):
    responsibilities = _text(
        "Responsibilities",
        2000,
        rows=5,
        hint="What this partner does for the partnership, and what the others can count on it for. "
        "Leave it empty to take the partner's role out of the draft.",
    )


class WeightsForm(forms.Form):
    """How votes are weighted in polls on the weighted basis, with a number of votes
    for each partner taking part (fields `votes_<partner uuid>`)."""

    weighting = forms.ChoiceField(
        label="How votes are weighted",
        choices=Weighting.choices,
        widget=forms.RadioSelect,
        help_text="Polls can count each partner organisation's vote by the weight stated here. "
        "One vote each is the default, and keeps partners equal.",
        error_messages={
            "required": "Choose how votes are weighted",
            "invalid_choice": "Choose one of the ways of weighting votes",
        },
    )
    weighting_reason = _text(
        "Why votes are weighted",
        1000,
        rows=3,
        hint="Needed when partners have different numbers of votes. "
        "For example: in proportion to what each partner pays into the pooled budget.",
    )

    def __init__(self, *args, partners: list[Partner], **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = partners
        for partner in partners:
            field = _whole_number(
                f"Votes for {partner.organisation.name}",
                1,
                100,
                what=f"the votes for {partner.organisation.name}",
                hint="",
                width="3",
            )
            field.required = False  # needed only when the weights are stated: see clean()
            self.fields[f"votes_{partner.uuid}"] = field

    def votes(self) -> dict[Partner, int]:
        return {p: self.cleaned_data[f"votes_{p.uuid}"] for p in self.partners}

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("weighting") != Weighting.STATED:
            for partner in self.partners:  # one vote each: what was typed in the boxes does not count
                name = f"votes_{partner.uuid}"
                self.errors.pop(name, None)
                data[name] = 1
            return data
        if not (data.get("weighting_reason") or "").strip():
            self.add_error(
                "weighting_reason", "Say why votes are weighted, so every partner can see the rule"
            )
        for partner in self.partners:
            name = f"votes_{partner.uuid}"
            if name not in self.errors and data.get(name) is None:
                self.add_error(name, self.fields[name].error_messages["required"])
        return data
