"""Question forms: asking (title, details in Markdown, topics separated by commas, the
response target) and answering. The services check again and have the last word."""

from typing import Any

from django import forms

from .models import BODY_MAX, TITLE_MAX

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"]


class AskForm(forms.Form):
    title = forms.CharField(
        label="Your question",
        max_length=TITLE_MAX,
        help_text="For example, “How do we record consent for carers' assessments?”",
        error_messages={
            "required": "Enter your question",
            "max_length": f"The question must be {TITLE_MAX:,} characters or fewer",
        },
    )
    body = forms.CharField(
        label="Details",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you need to know and why. You can use Markdown.",
        error_messages={
            "required": "Say more about what you need to know",
            "max_length": f"The details must be {BODY_MAX:,} characters or fewer",
        },
    )
    topics = forms.CharField(
        label="Topics (optional)",
        required=False,
        max_length=600,
        help_text="Separate topics with commas, for example “consent, carers' assessments”. "
        "The question is put to people who know them.",
    )
    target = forms.DateField(
        label="Response target",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="When you would like an answer by. A week from today unless you choose.",
        error_messages={
            "required": "Enter a response target",
            "invalid": "Enter a real date, for example 2027-03-31",
        },
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "topics": [t for t in (data.get("topics") or "").split(",") if t.strip()],
            "target": data["target"],
        }


class AnswerForm(forms.Form):
    body = forms.CharField(
        label="Your answer",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="You can use Markdown.",
        error_messages={
            "required": "Enter your answer",
            "max_length": f"The answer must be {BODY_MAX:,} characters or fewer",
        },
    )
