"""The pooled fund's forms. Amounts are plain text fields: the services read pounds and
pence and answer with the message ("The amount must be more than £0"), so a form and a
service call are refused the same way. Partners, budget lines and outcomes are chosen
by uuid from this partnership's own, so an id from elsewhere is refused with a message."""

from collections.abc import Sequence
from typing import Any

from django import forms

from consortia.canvas.forms import date_field, text
from consortia.canvas.models import Outcome
from consortia.partnerships.models import Partner

from .models import CURRENCY, NAME_MAX, TEXT_MAX, BudgetLine, Transaction


def _choice(
    label: str, *, invalid: str, required: str | None = None, help_text: str = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=bool(required),
        help_text=help_text,
        error_messages={"required": required or "", "invalid_choice": invalid},
    )


def _money(label: str, *, required: str | None = None, help_text: str = "") -> forms.CharField:
    return text(label, 20, required=required, help_text=help_text or "In pounds, for example 120.50.")


def _currency() -> forms.CharField:
    return forms.CharField(
        label="Currency",
        max_length=3,
        initial=CURRENCY,
        help_text="The fund is kept in pounds (GBP).",
        error_messages={"required": "Enter the currency: GBP"},
    )


class _Choosing(forms.Form):
    """Fills each named choice field from objects with a uuid, and reads them back."""

    def choose(self, field: str, items: Sequence[Any], label: Any = str, blank: str = "") -> None:
        self.__dict__.setdefault("_items", {})[field] = {str(i.uuid): i for i in items}
        choices = [(str(i.uuid), label(i)) for i in items]
        self.fields[field].choices = ([("", blank)] if blank else []) + choices  # type: ignore[attr-defined]

    def chosen(self, field: str) -> Any:
        value = self.cleaned_data.get(field) or ""
        return self.__dict__["_items"][field].get(value)


def _org(partner: Partner) -> str:
    return partner.organisation.name


class SetUpForm(_Choosing):
    host = _choice(
        "Fiscal host", required="Choose the partner that holds the money", invalid="Choose a partner"
    )

    def __init__(self, *args: Any, partners: Sequence[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose("host", partners, _org, blank="Choose a partner")


class BudgetLineForm(_Choosing):
    name = text("Name of the budget line", NAME_MAX, required="Enter the budget line's name")
    amount = _money("Amount budgeted", required="Enter the amount budgeted")
    currency = _currency()
    outcome = _choice("Outcome it serves", invalid="Choose one of this partnership's outcomes")

    def __init__(self, *args: Any, outcomes: Sequence[Outcome], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose("outcome", outcomes, lambda o: o.statement, blank="None")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "amount": data["amount"],
            "currency": data["currency"],
            "outcome": self.chosen("outcome"),
        }


class IncomeForm(_Choosing):
    kind = forms.ChoiceField(
        label="Money received",
        choices=[
            (Transaction.Kind.GRANT, "A grant"),
            (Transaction.Kind.CONTRIBUTION, "A partner's contribution"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what was received", "invalid_choice": "Choose what was received"},
    )
    payer = text("Funder (for a grant)", NAME_MAX)
    partner = _choice("Partner (for a contribution)", invalid="Choose one of this partnership's partners")
    amount = _money("Amount", required="Enter the amount")
    currency = _currency()
    description = text("What it is for", NAME_MAX, required="Enter what the money is for")
    on = date_field("Date received", help_text="For example, 2027-03-31. Today if left empty.")

    def __init__(self, *args: Any, partners: Sequence[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose("partner", partners, _org, blank="None")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "payer": data["payer"],
            "partner": self.chosen("partner"),
            "amount": data["amount"],
            "currency": data["currency"],
            "description": data["description"],
            "on": data["on"],
        }


class RequestForm(_Choosing):
    requesting_partner = _choice(
        "For your organisation", required="Choose your organisation", invalid="Choose your organisation"
    )
    budget_line = _choice("Budget line", required="Choose a budget line", invalid="Choose a budget line")
    payee = text("Who is to be paid", NAME_MAX, required="Enter who is to be paid")
    payee_partner = _choice(
        "Paying a partner organisation for its services?",
        invalid="Choose one of this partnership's partners",
        help_text="Only when the payee is one of the partners.",
    )
    description = text("What the money is for", TEXT_MAX, required="Enter what the money is for", rows=4)
    amount = _money("Amount, VAT included", required="Enter the amount")
    vat = _money("VAT within the amount", help_text="In pounds; 0 or empty when there is none.")
    currency = _currency()

    def __init__(
        self,
        *args: Any,
        mine: Sequence[Partner],
        lines: Sequence[BudgetLine],
        partners: Sequence[Partner],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.choose("requesting_partner", mine, _org)
        self.mine = list(mine)
        if len(self.mine) == 1:  # one organisation: nothing to choose
            self.fields["requesting_partner"].required = False
            self.fields["requesting_partner"].initial = str(self.mine[0].uuid)
        self.choose("budget_line", lines, str, blank="Choose a budget line")
        self.choose("payee_partner", partners, _org, blank="No")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "requesting_partner": self.chosen("requesting_partner") or (self.mine[0] if self.mine else None),
            "budget_line": self.chosen("budget_line"),
            "payee": data["payee"],
            "payee_partner": self.chosen("payee_partner"),
            "description": data["description"],
            "amount": data["amount"],
            "vat": data["vat"] or "0",
            "currency": data["currency"],
        }


class ApproveForm(_Choosing):
    partner = _choice(
        "Approve for", required="Choose the organisation you approve for", invalid="Choose a partner"
    )

    def __init__(self, *args: Any, partners: Sequence[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose("partner", partners, _org)


class RejectForm(forms.Form):
    reason = text("Why the request is refused", TEXT_MAX, required="Enter why the request is refused", rows=4)


class ReceiptForm(forms.Form):
    receipt = forms.FileField(
        label="Receipt",
        required=False,
        help_text="A PDF, PNG, JPG, DOCX, XLSX, TXT or CSV file, smaller than 10 MB.",
        error_messages={
            "invalid": "The selected file could not be read",
            "empty": "The selected file is empty",
        },
    )
