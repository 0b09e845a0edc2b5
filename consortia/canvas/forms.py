"""Canvas forms. Error messages follow the GOV.UK Design System: say what to do
("Enter a quantity greater than 0"), one message a field. Forms are never bound to
stored objects: the services check permissions and record what changed."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError

from consortia.core.choices import ContributionCategory, Unit

from .models import MAX_QUANTITY, Indicator, Need, Outcome, Priority, unit_problem

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y"]
YES_NO = [("yes", "Yes"), ("no", "No, I'll come back to it later")]


def text(
    label: str, max_length: int, *, required: str | None = None, rows: int = 0, **kwargs
) -> forms.CharField:
    """A text field whose messages name it: "Enter …" and "… must be N characters or fewer"."""
    messages = {"max_length": f"{label} must be {max_length:,} characters or fewer"}
    if required:
        messages["required"] = required
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=bool(required),
        widget=widget,
        error_messages=messages,
        **kwargs,
    )


class AmountField(forms.DecimalField):
    """A number as people type it ("£1,200", " 12.5 "). Whatever is wrong with it
    (not a number, NaN or Infinity, too small, too large, too precise) the user
    sees one message saying what to enter."""

    def __init__(self, *, what: str, min_value: Decimal, too_small: str, **kwargs):
        too_large = f"Enter {what} of {MAX_QUANTITY:,} or less"
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
            ),
        )
        super().__init__(
            max_value=MAX_QUANTITY,
            min_value=min_value,
            max_digits=14,
            decimal_places=2,
            error_messages={
                "required": f"Enter {what}",
                "invalid": f"Enter {what} as a number, like 12 or 12.5",
                "min_value": too_small,
                "max_value": too_large,
                "max_digits": too_large,
                "max_whole_digits": too_large,
                "max_decimal_places": f"Enter {what} with no more than 2 decimal places",
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "").strip()
        return super().to_python(value)

    def run_validators(self, value) -> None:
        try:
            super().run_validators(value)
        except ValidationError as error:
            # "0.001" is better told "2 decimal places" than "greater than 0".
            errors = sorted(error.error_list, key=lambda e: e.code != "max_decimal_places")
            raise ValidationError(errors[:1]) from None


def quantity_field(**kwargs) -> AmountField:
    return AmountField(
        label="Quantity",
        what="a quantity",
        min_value=Decimal("0.01"),
        too_small="Enter a quantity greater than 0",
        **kwargs,
    )


def date_field(label: str, *, required: str | None = None, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=bool(required),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": required or "", "invalid": "Enter a real date, for example 2027-03-31"},
        **kwargs,
    )


CATEGORY: dict[str, Any] = dict(
    label="Kind of contribution",
    choices=[("", "Choose a kind of contribution"), *ContributionCategory.choices],
    error_messages={
        "required": "Choose what kind of contribution it is",
        "invalid_choice": "Choose a kind of contribution from the list",
    },
)
UNIT: dict[str, Any] = dict(
    label="Unit",
    choices=[("", "Choose a unit"), *Unit.choices],
    help_text="Money is in £ and time in hours or days; each kind of contribution has its own units.",
    error_messages={"required": "Choose a unit", "invalid_choice": "Choose a unit from the list"},
)


if TYPE_CHECKING:
    _FormMixin = forms.Form  # what the mixin's clean() calls up to, for mypy
else:
    _FormMixin = object


class UnitFitsCategory(_FormMixin):
    """Shows the unit-fits-category rule (models.unit_problem) with the other
    errors, before the service would refuse it."""

    def clean(self):
        cleaned = super().clean()
        # Form.clean returns cleaned_data itself (the stubs allow None, for overrides).
        data = self.cleaned_data
        if problem := unit_problem(data.get("category", ""), data.get("unit", "")):
            self.add_error("unit", problem)
        return cleaned


class PurposeForm(forms.Form):
    purpose = text(
        "The partnership's purpose",
        2000,
        required="Enter the difference the partnership will make",
        rows=4,
        help_text="The difference the partnership will make, written as an outcome.",
    )
    beneficiaries = text(
        "Who benefits",
        2000,
        rows=3,
        help_text="The people and communities who will be better off.",
    )
    why_together = text(
        "Why a partnership",
        2000,
        rows=3,
        help_text="What the partners can do together that none of them could do alone.",
    )
    area = text(
        "Area served",
        200,
        help_text="For example: Northshire, or Eastbridge and villages. Used to suggest organisations that could fill gaps.",
    )


class OutcomeForm(forms.Form):
    statement = text(
        "Outcome",
        300,
        required="Enter the outcome",
        help_text="Written as a result, for example: carers of people with dementia feel less alone.",
    )
    description = text("More detail", 2000, rows=3)


class IndicatorForm(forms.Form):
    question = forms.ChoiceField(
        label="Which question does it answer?",
        choices=Indicator.Question.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose which question the indicator answers",
            "invalid_choice": "Choose one of the three questions",
        },
    )
    name = text(
        "What you will measure",
        200,
        required="Enter what the indicator measures",
        help_text="For example: carers given advice within a week.",
    )
    unit = text(
        "Counted in",
        40,
        required="Enter what the indicator is counted in, like carers or %",
        help_text="For example: %, carers, contacts.",
    )
    baseline = AmountField(
        label="Baseline",
        what="a baseline",
        required=False,
        min_value=-MAX_QUANTITY,
        too_small=f"Enter a baseline of -{MAX_QUANTITY:,} or more",
        help_text="Where things stand now, if you know.",
    )
    target = AmountField(
        label="Target",
        what="a target",
        min_value=-MAX_QUANTITY,
        too_small=f"Enter a target of -{MAX_QUANTITY:,} or more",
    )
    target_date = date_field("Target date", required="Enter the date you aim to reach the target by")


class NeedForm(UnitFitsCategory, forms.Form):
    category = forms.ChoiceField(**CATEGORY)
    description = text(
        "What is needed",
        500,
        required="Describe what is needed",
        help_text="For example: a room for a weekly drop-in, with space for 15 people.",
    )
    quantity = quantity_field()
    unit = forms.ChoiceField(**UNIT)
    needed_by = date_field("Needed by")
    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        initial=Priority.IMPORTANT,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a priority", "invalid_choice": "Choose a priority from the list"},
    )
    outcomes = forms.ModelMultipleChoiceField(
        label="Which outcomes does it serve?",
        queryset=Outcome.objects.none(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose outcomes of this partnership",
            "invalid_pk_value": "Choose outcomes of this partnership",
        },
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["outcomes"]).queryset = partnership.outcomes.all()


class NeedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, need: Need) -> str:
        return f"{need.description} ({need.quantity.normalize():f} {need.get_unit_display()})"


class PledgeForm(UnitFitsCategory, forms.Form):
    need = NeedChoiceField(
        label="Is it against one of the partnership's needs?",
        queryset=Need.objects.none(),
        to_field_name="uuid",
        required=False,
        empty_label="Not against a specific need",
        error_messages={
            "invalid_choice": "Choose a need from this partnership's list",
            "invalid_pk_value": "Choose a need from this partnership's list",
        },
    )
    category = forms.ChoiceField(**CATEGORY)
    description = text(
        "What you will bring",
        500,
        required="Describe what you will bring",
        help_text="For example: our hall on Tuesday mornings.",
    )
    quantity = quantity_field()
    unit = forms.ChoiceField(**UNIT)
    value_gbp = AmountField(
        label="Estimated value in £",
        what="an estimated value",
        required=False,
        min_value=Decimal("0"),
        too_small="Enter an estimated value of £0 or more",
        help_text="What it would cost to buy: in-kind contributions count too. For money, leave it empty "
        "and we use the amount.",
    )
    availability = text(
        "When it is available",
        200,
        help_text="For example: Tuesdays from March, or for the first year.",
    )
    expected_by = date_field(
        "Delivered in full by",
        help_text="Optional. After this date a pledge not fully delivered shows as overdue. "
        "For example, 2027-03-31.",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["need"]).queryset = partnership.needs.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value_gbp") is None and "value_gbp" not in self.errors:
            if cleaned.get("unit") == Unit.GBP and cleaned.get("quantity") is not None:
                cleaned["value_gbp"] = cleaned["quantity"]
            elif cleaned.get("unit"):
                self.add_error("value_gbp", "Enter an estimated value in £, even a rough one")
        return cleaned


class StatementForm(forms.Form):
    wants = text(
        "What does your organisation want from the partnership?",
        2000,
        required="Enter what your organisation wants from the partnership",
        rows=4,
        help_text="For example: to reach carers we do not see today, or to learn from the council's data. "
        "The other partners can read this.",
    )


class StepCompleteForm(forms.Form):
    completed = forms.ChoiceField(
        label="Have you completed this section?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if you have completed this section",
            "invalid_choice": "Select yes if you have completed this section",
        },
    )


class CommentForm(forms.Form):
    body = text("Add a comment", 2000, required="Enter a comment", rows=3)
