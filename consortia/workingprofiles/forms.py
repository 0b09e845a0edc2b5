"""The "how we work" form. The decision table and the board dates are written one
per line; the form reads them into rows and dates and says which line is wrong."""

import calendar
from datetime import date
from typing import Any

from django import forms

from .models import Channel, WorkingProfile
from .services import SignOffRow

MONTHS = [("", "Not said")] + [(str(n), calendar.month_name[n]) for n in range(1, 13)]


class ProfileForm(forms.Form):
    sign_offs = forms.CharField(
        label="Decisions and who signs them off",
        help_text="One kind of decision a line: the decision | who signs it off | usual time in days. "
        "For example: Spending over £5,000 | Board of trustees | 42",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )
    board_dates = forms.CharField(
        label="Board meeting dates",
        help_text="One date a line, as 2027-03-14.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=1000,
    )
    board_rhythm = forms.CharField(
        label="Board rhythm",
        help_text="For example: every second Tuesday of the quarter",
        required=False,
        max_length=200,
    )
    financial_year_start = forms.TypedChoiceField(
        label="Financial year starts in", choices=MONTHS, coerce=int, empty_value=None, required=False
    )
    reporting_deadlines = forms.CharField(
        label="Reporting deadlines", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )
    working_hours = forms.CharField(
        label="Working hours",
        help_text="For example: Monday to Thursday, 9am to 3pm",
        required=False,
        max_length=200,
    )
    channel = forms.ChoiceField(
        label="Best way to reach us", choices=[("", "Not said"), *Channel.choices], required=False
    )
    contact = forms.CharField(label="Address or number", required=False, max_length=200)
    reply_days = forms.IntegerField(
        label="Usual time to reply, in days", min_value=0, max_value=365, required=False
    )
    languages = forms.CharField(
        label="Languages",
        help_text="Separated by commas, for example: English, Welsh, Polish",
        required=False,
        max_length=1000,
    )
    accessibility = forms.CharField(
        label="Accessibility needs", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )
    shown_in_directory = forms.BooleanField(label="Show this profile in the public directory", required=False)

    @classmethod
    def initial_from(cls, profile: WorkingProfile | None) -> dict[str, Any]:
        if profile is None:
            return {}
        return {
            "sign_offs": "\n".join(
                f"{s.decision} | {s.signed_off_by} | {s.usual_days}" for s in profile.sign_offs.all()
            ),
            "board_dates": "\n".join(profile.board_dates),
            "board_rhythm": profile.board_rhythm,
            "financial_year_start": profile.financial_year_start or "",
            "reporting_deadlines": profile.reporting_deadlines,
            "working_hours": profile.working_hours,
            "channel": profile.channel,
            "contact": profile.contact,
            "reply_days": profile.reply_days,
            "languages": ", ".join(profile.languages),
            "accessibility": profile.accessibility,
            "shown_in_directory": profile.shown_in_directory,
        }

    def clean_sign_offs(self) -> list[SignOffRow]:
        rows = []
        for number, line in enumerate(self.cleaned_data["sign_offs"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 3 or not parts[0] or not parts[1]:
                raise forms.ValidationError(
                    f"Line {number}: write the decision, who signs it off and the usual days, separated by |."
                )
            try:
                days = int(parts[2])
            except ValueError:
                raise forms.ValidationError(
                    f"Line {number}: the usual time is a whole number of days."
                ) from None
            if days < 0:
                raise forms.ValidationError(f"Line {number}: the usual time cannot be negative.")
            rows.append(SignOffRow(decision=parts[0], signed_off_by=parts[1], usual_days=days))
        return rows

    def clean_board_dates(self) -> list[date]:
        dates = []
        for number, line in enumerate(self.cleaned_data["board_dates"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                dates.append(date.fromisoformat(line.strip()))
            except ValueError:
                raise forms.ValidationError(
                    f"Line {number}: “{line.strip()[:40]}” is not a date; write it as 2027-03-14."
                ) from None
        return dates

    def clean_languages(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["languages"].split(",") if name.strip()]
