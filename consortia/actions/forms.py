"""Action forms. Error messages follow the GOV.UK Design System ("Enter what is to be
done"); the services check again and have the last word. The owner, outcome and
objective are chosen by uuid from this partnership's own, so an id from elsewhere is
refused with a message."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from consortia.accounts.models import User
from consortia.agreements.models import AgreementObjective
from consortia.canvas.forms import date_field, text
from consortia.canvas.models import Outcome
from consortia.groups.forms import WorkingGroupChoice
from consortia.partnerships.models import Partner

from .models import DETAILS_MAX, REASON_MAX, TITLE_MAX

DETAILS_HELP = "You can use Markdown: **bold**, _italic_, [a link](https://example.org), lists."


def _choice(
    label: str, *, invalid: str, required: str | None = None, help_text: str = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=bool(required),
        help_text=help_text,
        error_messages={"required": required or "", "invalid_choice": invalid},
    )


class ActionForm(WorkingGroupChoice):
    title = text("What is to be done", TITLE_MAX, required="Enter what is to be done")
    details = text("Details", DETAILS_MAX, rows=4, help_text=DETAILS_HELP)
    owner = _choice(
        "Owner",
        required="Choose who owns this action",
        invalid="Choose an owner from the list",
        help_text="A person, or a partner organisation.",
    )
    due = date_field("Due date", help_text="For example, 2027-03-31.")
    outcome = _choice("Outcome it serves", invalid="Choose one of this partnership's outcomes")
    objective = _choice(
        "Agreement objective it serves",
        invalid="Choose one of this partnership's agreement objectives",
    )

    def __init__(
        self,
        *args: Any,
        people: Sequence[User],
        partners: Sequence[Partner],
        outcomes: Sequence[Outcome],
        objectives: Sequence[AgreementObjective],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.owners: dict[str, User | Partner] = {f"user:{u.uuid}": u for u in people}
        self.owners |= {f"partner:{p.uuid}": p for p in partners}
        self.outcomes = {str(o.uuid): o for o in outcomes}
        self.objectives = {str(o.uuid): o for o in objectives}
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            ("", "Choose an owner"),
            ("People", [(f"user:{u.uuid}", u.name) for u in people]),
            ("Partner organisations", [(f"partner:{p.uuid}", p.organisation.name) for p in partners]),
        ]
        cast(forms.ChoiceField, self.fields["outcome"]).choices = [
            ("", "None"),
            *((k, o.statement) for k, o in self.outcomes.items()),
        ]
        cast(forms.ChoiceField, self.fields["objective"]).choices = [
            ("", "None"),
            *((k, o.text) for k, o in self.objectives.items()),
        ]
        for name, options in (("outcome", self.outcomes), ("objective", self.objectives)):
            if not options and not self.is_bound:
                del self.fields[name]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        owner = self.owners.get(data["owner"])
        return {
            "title": data["title"],
            "details": data["details"],
            "owner_user": owner if isinstance(owner, User) else None,
            "owner_partner": owner if isinstance(owner, Partner) else None,
            "due": data["due"],
            "outcome": self.outcomes.get(data.get("outcome") or ""),
            "objective": self.objectives.get(data.get("objective") or ""),
            "working_group": data.get("working_group"),
        }


class DropForm(forms.Form):
    reason = text(
        "Why is it dropped?",
        REASON_MAX,
        required="Say why the action is dropped",
        rows=3,
        help_text="The partners will see this reason.",
    )


STATUS_FILTER = [("open", "Open"), ("done", "Done"), ("dropped", "Dropped"), ("all", "All")]


class FilterForm(forms.Form):
    """The action list's filters (GET). Anything unknown falls back to the default."""

    status = forms.ChoiceField(label="Status", choices=STATUS_FILTER, required=False)
    owner = forms.ChoiceField(label="Owner", required=False)
    overdue = forms.BooleanField(label="Only overdue actions", required=False)

    def __init__(self, *args: Any, owners: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", "Anyone"), ("mine", "Mine"), *owners]
