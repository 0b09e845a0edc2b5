"""Training forms. Times are entered in the site's time zone (Europe/London); the
services check again and have the last word. Partners are chosen by uuid from this
partnership's own, so an id from elsewhere is refused with a message."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from consortia.canvas.forms import text
from consortia.decisions.forms import DATETIME_FORMATS
from consortia.partnerships.models import Partner

from .models import DESCRIPTION_MAX, LOCATION_MAX, PLACES_MAX, TITLE_MAX, Place

WHO = [("all", "Every partner's people"), ("named", "Only the partners I choose")]


def _when(label: str, *, required: str = "", help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=bool(required),
        help_text=help_text,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": required, "invalid": "Enter a real date and time"},
    )


def _places(label: str, *, required: str = "", help_text: str = "", minimum: int = 1) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=bool(required),
        help_text=help_text,
        min_value=minimum,
        max_value=PLACES_MAX,
        error_messages={
            "required": required,
            "invalid": "Enter a whole number of places",
            "min_value": f"Enter a number of places from {minimum} to {PLACES_MAX:,}",
            "max_value": f"Enter a number of places from {minimum} to {PLACES_MAX:,}",
        },
    )


class CourseForm(forms.Form):
    partner = forms.ChoiceField(
        label="Offered by",
        error_messages={
            "required": "Choose the partner offering the course",
            "invalid_choice": "Choose a partner you speak for",
        },
    )
    title = text("Title", TITLE_MAX, required="Enter the course's title")
    description = text("What the course covers", DESCRIPTION_MAX, rows=4, help_text="You can use Markdown.")
    location = text("Where", LOCATION_MAX, help_text="Leave empty for an online course.")
    online = forms.BooleanField(label="Online", required=False)
    starts_at = _when(
        "Starts", required="Enter when the course starts", help_text="UK time, for example 2027-03-31 09:30."
    )
    ends_at = _when("Ends", required="Enter when the course ends")
    places = _places("Places", required="Enter how many places there are")
    who = forms.ChoiceField(
        label="Who may attend",
        choices=WHO,
        widget=forms.RadioSelect,
        initial="all",
        error_messages={"required": "Choose who may attend", "invalid_choice": "Choose who may attend"},
    )
    allowed_partners = forms.MultipleChoiceField(
        label="Partners whose people may attend",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose partners of this partnership"},
    )
    release_at = _when(
        "Release unused quota places",
        help_text="When places kept for a partner's quota open to everyone. Before the course starts.",
    )

    def __init__(
        self, *args: Any, offering: Sequence[Partner], partners: Sequence[Partner], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # Keyed by organisation: one organisation is a partner at most once at a time.
        self.offering = {str(p.organisation.uuid): p for p in offering}
        self.partners = {str(p.uuid): p for p in partners}
        if offering:
            cast(forms.ChoiceField, self.fields["partner"]).choices = [
                (k, p.organisation.name) for k, p in self.offering.items()
            ]
        else:  # changing a course: its partner stays
            del self.fields["partner"]
        cast(forms.ChoiceField, self.fields["allowed_partners"]).choices = [
            (k, p.organisation.name) for k, p in self.partners.items()
        ]
        for key, partner in self.partners.items():
            self.fields[f"quota_{key}"] = _places(
                f"Quota for {partner.organisation.name}",
                help_text="Places kept for its people until the release. Leave empty for none.",
            )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {
            name: data[name]
            for name in (
                "title",
                "description",
                "location",
                "online",
                "starts_at",
                "ends_at",
                "places",
                "release_at",
            )
        }
        kwargs["open_to_all"] = data["who"] == "all"
        kwargs["allowed_partners"] = [self.partners[k] for k in data["allowed_partners"]]
        kwargs["quotas"] = {p: data[f"quota_{k}"] for k, p in self.partners.items() if data.get(f"quota_{k}")}
        if "partner" in self.fields:
            kwargs["partner"] = self.offering[data["partner"]]
        return kwargs


ATTENDANCE_CHOICES = [("", "Not recorded"), ("attended", "Attended"), ("absent", "Absent")]


class AttendanceForm(forms.Form):
    """One choice per place booked (or already recorded), named by the place's uuid."""

    def __init__(self, *args: Any, places: Sequence[Place], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places = {}
        for place in places:
            key = f"place_{place.uuid}"
            self.places[key] = place
            self.fields[key] = forms.ChoiceField(
                label=f"{place.user.name} ({place.partner.organisation.name})",
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial="" if place.status == "booked" else place.status,
                error_messages={"invalid_choice": f"Choose attended or absent for {place.user.name}"},
            )

    def statuses(self) -> dict[int, str]:
        return {self.places[k].pk: v for k, v in self.cleaned_data.items() if k in self.places and v}
