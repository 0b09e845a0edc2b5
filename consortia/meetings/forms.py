"""Meeting forms. Error messages follow the GOV.UK Design System ("Enter a title");
the services check again and have the last word. Times are typed in the meeting's
time zone (chosen on the form) and stored in UTC. People and partners are chosen by
uuid from the partnership's own, so an id from elsewhere is refused."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils import timezone

from consortia.accounts.models import User
from consortia.actions.forms import ActionForm
from consortia.canvas.forms import text
from consortia.decisions.forms import DATETIME_FORMATS
from consortia.decisions.models import Poll
from consortia.groups.forms import WorkingGroupChoice
from consortia.partnerships.models import Partner

from .models import (
    CORRECTION_DAYS_DEFAULT,
    CORRECTION_DAYS_MAX,
    DEFAULT_TIME_ZONE,
    MINUTES_MAX,
    AgendaItem,
    Attendance,
)

COMMON_ZONES = ["Europe/London", "Europe/Dublin", "Europe/Paris", "UTC"]


def zone_choices() -> list[tuple[str, str]]:
    rest = sorted(z for z in available_timezones() if z not in COMMON_ZONES and "/" in z)
    return [(z, z) for z in [*COMMON_ZONES, *rest]]


def _when(label: str, what: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": f"Enter when the meeting {what}",
            "invalid": "Enter a real date and time",
        },
    )


def _person(label: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": f"Choose the {label.lower()} from the list"},
    )


class MeetingForm(WorkingGroupChoice):
    title = text("Title", 200, required="Enter a title", help_text="For example: Partnership meeting, March.")
    starts_at = _when("Starts", "starts")
    ends_at = _when("Ends", "ends")
    time_zone = forms.ChoiceField(
        label="Time zone",
        initial=DEFAULT_TIME_ZONE,
        help_text="The times above are in this zone; invitations show them in each person's own.",
        error_messages={"invalid_choice": "Choose a time zone from the list"},
    )
    place = text("Place", 300, help_text="The address or room. Leave empty for a video meeting.")
    video_url = forms.URLField(
        label="Video link",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter the link as a web address, like https://meet.example.org/abc",
            "max_length": "The link must be 500 characters or fewer",
        },
    )
    invited_partners = forms.MultipleChoiceField(
        label="Invited partners",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Their members are invited, with the partnership's individual participants. Leave them "
        "all unticked to invite every partner. For a working group's meeting its members are invited.",
        error_messages={"invalid_choice": "Invite only this partnership's partners"},
    )
    chair = _person("Chair")
    note_taker = _person("Note-taker", "Drafts the minutes.")
    default_agenda = forms.BooleanField(
        label="Start from the default agenda: outcomes, uncovered needs, polls waiting for an outcome, "
        "open actions, any other business",
        required=False,
        initial=True,
    )
    needs_partner_approval = forms.BooleanField(
        label="The minutes need each invited partner's approval", required=False
    )
    send_invitations = forms.BooleanField(
        label="Email the invitations (with a calendar attachment)", required=False, initial=True
    )

    def __init__(
        self,
        *args: Any,
        partners: Sequence[Partner],
        people: Sequence[tuple[User, str]],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.partners = {str(p.uuid): p for p in partners}
        self.people = {str(u.uuid): u for u, _ in people}
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = zone_choices()
        cast(forms.MultipleChoiceField, self.fields["invited_partners"]).choices = [
            (key, p.organisation.name) for key, p in self.partners.items()
        ]
        for name in ("chair", "note_taker"):
            cast(forms.ChoiceField, self.fields[name]).choices = [
                ("", "Not chosen yet"),
                *((str(u.uuid), label) for u, label in people),
            ]
        if editing:
            del self.fields["default_agenda"]
            self.fields.pop("working_group", None)
            self.fields[
                "send_invitations"
            ].label = "Email the change to those invited (with a calendar attachment)"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = data.get("time_zone")
        for name in ("starts_at", "ends_at"):
            value: datetime | None = data.get(name)
            if value is not None and zone:
                # Typed in the meeting's zone, whatever the server's.
                data[name] = timezone.make_naive(value).replace(tzinfo=ZoneInfo(zone))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "time_zone": data["time_zone"],
            "place": data["place"],
            "video_url": data["video_url"],
            "invited_partners": [self.partners[k] for k in data["invited_partners"]] or None,
            "chair": self.people.get(data["chair"]),
            "note_taker": self.people.get(data["note_taker"]),
            "needs_partner_approval": data["needs_partner_approval"],
            "send_invitations": data["send_invitations"],
        }
        if "default_agenda" in self.fields:
            kwargs["default_agenda"] = data["default_agenda"]
        if "working_group" in self.fields:
            kwargs["working_group"] = data.get("working_group")
        return kwargs


class AgendaItemForm(forms.Form):
    title = text("Title", 200, required="Enter a title for the item")
    owner = _person("Owner", "Who introduces the item.")
    duration_minutes = forms.IntegerField(
        label="Minutes",
        required=False,
        min_value=1,
        max_value=600,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Give the time in whole minutes",
            "min_value": "Give from 1 to 600 minutes",
            "max_value": "Give from 1 to 600 minutes",
        },
    )
    notes = text("Notes", 5000, rows=3)

    def __init__(
        self, *args: Any, people: Sequence[tuple[User, str]], editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(u.uuid): u for u, _ in people}
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            ("", "Nobody in particular"),
            *((str(u.uuid), label) for u, label in people),
        ]
        if editing:
            self.fields["not_reached"] = forms.BooleanField(
                label="Not reached: carry it over to the next meeting", required=False
            )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {
            "title": data["title"],
            "owner": self.people.get(data["owner"]),
            "duration_minutes": data["duration_minutes"],
            "notes": data["notes"],
        }
        if "not_reached" in self.fields:
            kwargs["not_reached"] = data["not_reached"]
        return kwargs


STATUS_CHOICES = [("", "Not recorded"), *Attendance.Status.choices]


class AttendanceForm(forms.Form):
    """One choice per person invited (or already recorded), named by their uuid."""

    def __init__(self, *args: Any, people: Sequence[tuple[User, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.users = {}
        for user, label, status in people:
            key = f"person_{user.uuid}"
            self.users[key] = user
            self.fields[key] = forms.ChoiceField(
                label=label,
                choices=STATUS_CHOICES,
                required=False,
                initial=status,
                error_messages={
                    "invalid_choice": f"Choose attended, sent apologies or absent for {user.name}"
                },
            )

    def statuses(self) -> dict[int, str]:
        return {self.users[key].pk: value for key, value in self.cleaned_data.items() if key in self.users}


class MinutesForm(forms.Form):
    minutes = text(
        "Minutes",
        MINUTES_MAX,
        required="Write the minutes",
        rows=16,
        help_text="Markdown: **bold**, lists with -, headings with #.",
    )


class OpenForCorrectionsForm(forms.Form):
    days = forms.IntegerField(
        label="Days open for corrections",
        min_value=1,
        max_value=CORRECTION_DAYS_MAX,
        initial=CORRECTION_DAYS_DEFAULT,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Give the number of days",
            "invalid": f"Give from 1 to {CORRECTION_DAYS_MAX} days",
            "min_value": f"Give from 1 to {CORRECTION_DAYS_MAX} days",
            "max_value": f"Give from 1 to {CORRECTION_DAYS_MAX} days",
        },
    )


class CorrectionForm(forms.Form):
    text = text("Your correction", 5000, required="Say what should change", rows=4)


class DecisionForm(forms.Form):
    text = text("Decision", 500, required="Write the decision", rows=2)
    poll = forms.ChoiceField(
        label="The poll that made it",
        required=False,
        help_text="Linked to the decision log.",
        error_messages={"invalid_choice": "Choose one of this partnership's polls"},
    )

    def __init__(self, *args: Any, polls: Sequence[Poll], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.polls = {str(p.uuid): p for p in polls}
        cast(forms.ChoiceField, self.fields["poll"]).choices = [
            ("", "None"),
            *((key, p.title) for key, p in self.polls.items()),
        ]

    def service_kwargs(self) -> dict[str, Any]:
        return {"text": self.cleaned_data["text"], "poll": self.polls.get(self.cleaned_data["poll"])}


class MeetingActionForm(ActionForm):
    """Actions' own form, with the agenda item the action came from."""

    agenda_item = forms.ChoiceField(
        label="Agenda item it came from",
        required=False,
        error_messages={"invalid_choice": "Choose an item of this meeting's agenda"},
    )

    def __init__(self, *args: Any, items: Sequence[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = {str(i.uuid): i for i in items}
        cast(forms.ChoiceField, self.fields["agenda_item"]).choices = [
            ("", "None"),
            *((key, i.title) for key, i in self.items.items()),
        ]

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "agenda_item": self.items.get(self.cleaned_data["agenda_item"])}
