"""The public consultation's forms: the answer (with the email to confirm it) and
the emailed code. The services check again and have the last word."""

from django import forms

from consortia.canvas.forms import text

from .consultation_services import MAX_COMMENT, MAX_NAME
from .models import STANCES


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
