"""Decision forms. Error messages follow the GOV.UK Design System ("Enter a
title"); the services check again and have the last word."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from consortia.canvas.forms import text
from consortia.groups.forms import WorkingGroupChoice

from .kinds import kind_of
from .models import MAX_DOTS, MAX_OPTIONS, Kind, Poll

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _in_a_week() -> str:
    return timezone.localtime(timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")


class PollForm(WorkingGroupChoice):
    title = text("Title", 200, required="Enter a title", help_text="What the partners are asked to decide.")
    details = text(
        "Details", 5000, rows=5, help_text="The background, and what a yes would commit the partners to."
    )
    discussion_url = forms.URLField(
        label="Link to the discussion",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Where the partners talk it over: meeting notes, a shared document or an email thread. "
        "The decision log links to it.",
        error_messages={
            "invalid": "Enter the link as a web address, like https://example.org/notes",
            "max_length": "The link must be 500 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Kind of poll",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a kind of poll", "invalid_choice": "Choose a kind of poll"},
    )
    options = text(
        "Options",
        4000,
        rows=5,
        help_text=f"For a poll, score, dot vote, ranked choice or time poll: one a line, 2 to {MAX_OPTIONS}.",
    )
    multiple = forms.BooleanField(
        label="Voters may choose more than one option (simple poll)", required=False
    )
    electorate = forms.ChoiceField(
        label="Who votes",
        choices=Poll.Electorate.choices,
        initial=Poll.Electorate.PARTNERS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who votes", "invalid_choice": "Choose who votes"},
    )
    basis = forms.ChoiceField(
        label="How votes count",
        choices=Poll.Basis.choices,
        initial=Poll.Basis.PERSON,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how votes count", "invalid_choice": "Choose how votes count"},
    )
    quorum_by = forms.ChoiceField(
        label="Quorum counts",
        choices=Poll.QuorumBy.choices,
        initial=Poll.QuorumBy.ORGANISATIONS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what the quorum counts",
            "invalid_choice": "Choose what the quorum counts",
        },
    )
    quorum_percent = forms.IntegerField(
        label="Quorum (%)",
        required=False,
        min_value=0,
        max_value=100,
        help_text="Leave empty to use the partnership agreement's quorum.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the quorum as a whole number, like 50",
            "min_value": "Enter a quorum of 0 or more",
            "max_value": "Enter a quorum of 100 or less",
        },
    )
    closes_at = forms.DateTimeField(
        label="Closes at",
        input_formats=DATETIME_FORMATS,
        initial=_in_a_week,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": "Enter when the poll closes", "invalid": "Enter a real date and time"},
    )
    dots = forms.IntegerField(
        label="Dots each voter spreads (dot vote)",
        required=False,
        min_value=1,
        max_value=MAX_DOTS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the number of dots as a whole number, like 8",
            "min_value": "Give each voter at least 1 dot",
            "max_value": f"Give each voter {MAX_DOTS} dots or fewer",
        },
    )
    anonymous = forms.BooleanField(label="Anonymous: nobody sees how anyone voted", required=False)
    results_hidden = forms.BooleanField(label="Hide the results until the poll closes", required=False)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["options"] = data["options"].splitlines()
        data["dots"] = data["dots"] or 8
        return data


class VoteForm(forms.Form):
    """The voting form for one poll: its kind's fields (kinds.py: radios, checkboxes,
    a score, dots or a rank per option), the organisation voted for (when the voter
    speaks for several) and a reason. Given the voter's ballot, it starts from it."""

    reason = text("Reason", 2000, rows=3, help_text="An objection or a block needs a reason.")

    def __init__(self, *args, poll: Poll, options, partners=(), ballot=None, **kwargs):
        kind = kind_of(poll)
        if ballot is not None:
            kwargs["initial"] = {"reason": ballot.reason, **kind.to_form(poll, ballot.choice)}
        super().__init__(*args, **kwargs)
        self.poll, self.kind = poll, kind
        self.option_keys = [o.key for o in options]
        self.fields.update(kind.fields(poll, options))
        if len(partners) > 1:
            self.fields["partner"] = forms.ChoiceField(
                label="Voting for",
                choices=[(str(p.uuid), p.organisation.name) for p in partners],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose who you are voting for",
                    "invalid_choice": "Choose who you are voting for",
                },
            )
        self.order_fields([f for f in self.fields if f != "reason"] + ["reason"])

    def clean(self):
        data = super().clean()
        # Form.clean returns cleaned_data itself (the stubs allow None, for overrides).
        self.kind.form_check(self.option_keys, self.cleaned_data, has_errors=bool(self.errors))
        return data

    def choice(self):
        return self.kind.from_form(self.poll, self.option_keys, self.cleaned_data)


class OutcomeForm(forms.Form):
    outcome = text(
        "What was decided",
        5000,
        required="Enter what was decided",
        rows=6,
        help_text="The decision, the reasons, and what happens next. It goes into the decision log.",
    )
    discussion_url = PollForm.base_fields["discussion_url"]
