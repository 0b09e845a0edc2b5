"""The consultation's forms: the public answer (with the email to confirm it), the
emailed code, the answer through a personal link (no email), and the convener's
batch of personal links. The services check again and have the last word."""

from django import forms

from consortia.canvas.forms import text

from .models import STANCES
from .services import MAX_COMMENT, MAX_LABEL, MAX_LINKS, MAX_NAME


class ConsultationAnswerForm(forms.Form):
    stance = forms.ChoiceField(
        label="What do you think of the proposal?",
        choices=STANCES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose support, concerns or neutral",
            "invalid_choice": "Choose support, concerns or neutral",
        },
    )
    comment = text(
        "Comments",
        MAX_COMMENT,
        rows=5,
        help_text="Optional. Partners see your comments, not your name or email.",
    )
    name = text("Your name", MAX_NAME, help_text="Optional. Only the convener sees it.")
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We send a code to confirm your answer. Only the convener sees your email.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )


class LinkAnswerForm(ConsultationAnswerForm):
    """The answer through a personal link: the link itself is the one-response rule,
    so no email is asked for."""

    email = None  # type: ignore[assignment]  # Django removes an inherited form field set to None
    comment = text(
        "Comments",
        MAX_COMMENT,
        rows=5,
        help_text="Optional. Partners see your comments, not your name.",
    )


class LinksCreateForm(forms.Form):
    count = forms.IntegerField(
        label="How many links?",
        min_value=1,
        max_value=MAX_LINKS,
        help_text=f"One for each person. Up to {MAX_LINKS} at a time.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter how many links to make",
            "invalid": "Enter a whole number, like 20",
            "min_value": "Make at least 1 link",
            "max_value": f"Make at most {MAX_LINKS} links at a time",
        },
    )
    label = text(
        "Label",
        MAX_LABEL,
        help_text="Optional. Where the links go, such as “Tuesday carers' group”. Not a person's name.",
    )


class ConsultationCodeForm(forms.Form):
    code = forms.RegexField(
        label="The 6-digit code from the email",
        regex=r"^\s*\d{6}\s*$",
        max_length=20,
        error_messages={"required": "Enter the code", "invalid": "Enter the 6 digits of the code"},
    )


class PersonalDataDeleteForm(forms.Form):
    """Empty `response` means every response's personal data."""

    response = forms.UUIDField(required=False)
