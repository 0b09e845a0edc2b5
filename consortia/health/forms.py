"""Health check forms: opening a round, the survey, and a partner's rating of
another. The services check again and have the last word."""

from typing import Any

from django import forms

from consortia.canvas.forms import date_field

from .questions import (
    DONT_KNOW,
    DONT_KNOW_LABEL,
    FACTORS,
    QUESTIONS,
    RATING_SCALE,
    SCALE,
    TRUST_ITEMS,
    VALUE_ITEMS,
)


class RoundOpenForm(forms.Form):
    closes_on = date_field(
        "Last day to answer",
        required="Enter the last day to answer",
        help_text="For example 2027-03-31. The round closes itself the day after.",
    )


ANSWER_CHOICES = [(str(value), label) for value, label in SCALE] + [(DONT_KNOW, DONT_KNOW_LABEL)]


class AnswerForm(forms.Form):
    """One radio question per statement, 1-5 or "don't know"; every one required."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = forms.ChoiceField(
                label=question.text,
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose an answer, or \u201cdon\u2019t know\u201d",
                    "invalid_choice": "Choose one of the answers given",
                },
            )

    def factors(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The fields grouped under their factors, for the page's headings."""
        return [(factor, [self[q.key] for q in factor.questions]) for factor in FACTORS]

    def answers(self) -> dict[str, int | str | None]:
        return {
            q.key: None if self.cleaned_data[q.key] == DONT_KNOW else int(self.cleaned_data[q.key])
            for q in QUESTIONS
        }


class RatingForm(forms.Form):
    """Three trust items and three value items, 1-4 each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, text in TRUST_ITEMS + VALUE_ITEMS:
            self.fields[key] = forms.TypedChoiceField(
                label=text,
                choices=[(str(v), f"{v} \u2013 {label}") for v, label in RATING_SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose a rating from 1 to 4",
                    "invalid_choice": "Choose a rating from 1 to 4",
                },
            )

    def trust_fields(self) -> list[forms.BoundField]:
        return [self[key] for key, _ in TRUST_ITEMS]

    def value_fields(self) -> list[forms.BoundField]:
        return [self[key] for key, _ in VALUE_ITEMS]

    def values(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key, _ in TRUST_ITEMS + VALUE_ITEMS}
