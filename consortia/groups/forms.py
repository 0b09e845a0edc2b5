"""Working group forms. Error messages follow the GOV.UK Design System ("Enter a
name"); the services check again and have the last word. People are chosen by
their uuid from the partnership's people, so an id from elsewhere is refused."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from consortia.accounts.models import User

from .models import WorkingGroup

OPENNESS = [
    ("open", "Open: anyone in the partnership can join or leave, and sees the group's discussions"),
    (
        "closed",
        "Closed: the lead adds members, and only members see the group's discussions"
        " (each from when they joined)",
    ),
]


def person_label(user: User, organisations) -> str:
    names = ", ".join(o.name for o in organisations) or "individual participant"
    return f"{user.name} ({names})"


def person_choices(users: list[User], people) -> list[tuple[str, str]]:
    return [(str(u.uuid), person_label(u, people[u.pk].organisations)) for u in users]


class GroupForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="For example, Referral pathway or Training.",
        error_messages={
            "required": "Enter a name for the group",
            "max_length": "Name must be 120 characters or fewer",
        },
    )
    purpose = forms.CharField(
        label="Purpose",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the group is for and what it will deliver.",
        error_messages={"max_length": "Purpose must be 2,000 characters or fewer"},
    )
    lead = forms.ChoiceField(
        label="Lead",
        error_messages={"required": "Choose a lead", "invalid_choice": "Choose a lead from the list"},
    )
    openness = forms.ChoiceField(
        label="Who can join",
        choices=OPENNESS,
        initial="open",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who can join", "invalid_choice": "Choose who can join"},
    )

    def __init__(self, *args, leads: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["lead"]).choices = leads

    def service_kwargs(self, users: dict[str, User]) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "purpose": data["purpose"],
            "is_open": data["openness"] == "open",
            "lead": users.get(data["lead"]),
        }


class MemberAddForm(forms.Form):
    person = forms.ChoiceField(
        label="Person",
        error_messages={
            "required": "Choose a person to add",
            "invalid_choice": "Choose a person from the list",
        },
    )

    def __init__(self, *args, people: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["person"]).choices = [("", "Choose a person"), *people]


class WorkingGroupChoice(forms.Form):
    """A form mixin: the optional "Working group" a poll or a thread belongs to, chosen
    from the partnership's active groups (`groups=`, from `group_list`). A group of
    another partnership is refused with a message; the service checks again. With no
    groups to offer, an unbound form leaves the field out."""

    working_group = forms.ChoiceField(
        label="Working group",
        required=False,
        help_text="The working group whose question this is, if any.",
        error_messages={"invalid_choice": "Choose one of this partnership's working groups"},
    )

    def __init__(self, *args: Any, groups: Sequence[WorkingGroup] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {str(g.uuid): g for g in groups}
        self.fields["working_group"] = self.fields.pop("working_group")  # last, after the form's own
        cast(forms.ChoiceField, self.fields["working_group"]).choices = [
            ("", "None"),
            *((key, g.name) for key, g in self.groups.items()),
        ]
        if not self.groups and not self.is_bound:  # bound, it still refuses another partnership's group
            del self.fields["working_group"]

    def clean_working_group(self) -> WorkingGroup | None:
        return self.groups.get(self.cleaned_data.get("working_group") or "")
