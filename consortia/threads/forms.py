"""Thread forms. Error messages follow the GOV.UK Design System ("Enter a title");
the services check again (and resolve @mentions) and have the last word."""

from django import forms

from consortia.canvas.forms import text
from consortia.core.attachments import ALLOWED
from consortia.groups.forms import WorkingGroupChoice

from .models import BODY_MAX, TITLE_MAX

BODY_HELP = (
    "You can use Markdown: **bold**, _italic_, [a link](https://example.org), lists. "
    "Mention a person or a partner organisation in this partnership with @ and their name "
    "or email address, such as @[Riverside Medical Practice]."
)


def body_field(label: str = "Message") -> forms.CharField:
    return text(label, BODY_MAX, required="Enter your message", rows=6, help_text=BODY_HELP)


def attachment_field() -> forms.FileField:
    return forms.FileField(
        label="Attach a file (optional)",
        required=False,
        help_text=f"One {ALLOWED} file, smaller than 10 MB.",
        error_messages={
            "invalid": "The selected file could not be read",
            "empty": "The selected file is empty",
        },
    )


class ThreadForm(WorkingGroupChoice):
    title = text("Title", TITLE_MAX, required="Enter a title", help_text="What the thread is about.")
    body = body_field()
    attachment = attachment_field()


class PostForm(forms.Form):
    body = body_field("Your reply")
    attachment = attachment_field()


class EditForm(forms.Form):
    body = body_field()
