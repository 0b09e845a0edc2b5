from typing import TYPE_CHECKING, Any, cast

from django import forms

from .models import Partner, Partnership
from .services import INVITABLE_ROLES

if TYPE_CHECKING:
    from consortia.organisations.models import Organisation

ROLE_CHOICES = [(r.value, r.label) for r in INVITABLE_ROLES]
EMAIL_ERRORS = {
    "required": "Enter an email address",
    "invalid": "Enter an email address in the right format, like name@example.org",
}
ROLE_HELP = (
    "Core partners share the work and the decisions; associates take part in "
    "some of it; observers can read everything but change nothing."
)


NAME: dict[str, Any] = dict(
    label="Partnership name", max_length=200, error_messages={"required": "Enter a name for the partnership"}
)
PURPOSE: dict[str, Any] = dict(
    label="Purpose",
    max_length=2000,
    widget=forms.Textarea(attrs={"rows": 4}),
    error_messages={"required": "Enter the difference the partnership will make"},
)


class ConveneForm(forms.Form):
    organisation: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        label="Convene for which organisation",
        queryset=None,
        empty_label=None,
        to_field_name="uuid",
        widget=forms.RadioSelect,
        help_text="You must be an admin of the convening organisation.",
        error_messages={
            "required": "Choose the organisation that convenes the partnership",
            "invalid_choice": "Choose one of the organisations you are an admin of",
        },
    )
    name = forms.CharField(**NAME)
    purpose = forms.CharField(
        **PURPOSE,
        help_text="Write it as an outcome: the difference the partnership will make. For example: "
        "carers of people with dementia in Northshire get joined-up advice in one place.",
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations


class PartnershipForm(forms.Form):
    name = forms.CharField(**NAME)
    purpose = forms.CharField(
        **PURPOSE,
        help_text="The difference the partnership will make, written as an outcome.",
    )
    status = forms.ChoiceField(label="Status", choices=Partnership.Status.choices, widget=forms.RadioSelect)


class PartnerInviteForm(forms.Form):
    email = forms.EmailField(
        label="Email address of someone who can act for the organisation",
        max_length=254,
        help_text="An admin of the organisation accepts or declines on its behalf.",
        error_messages=EMAIL_ERRORS,
    )
    role = forms.ChoiceField(
        label="Role in the partnership",
        choices=ROLE_CHOICES,
        initial="core",
        widget=forms.RadioSelect,
        help_text=ROLE_HELP,
    )
    message = forms.CharField(
        label="Message", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ParticipantInviteForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254, error_messages=EMAIL_ERRORS)
    description = forms.CharField(
        label="How they take part",
        required=False,
        max_length=200,
        help_text="For example: carer and service-user representative, or independent chair.",
    )
    message = forms.CharField(
        label="Message", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PartnerRoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES)


class HandOverForm(forms.Form):
    partner = forms.ChoiceField(label="Hand over convening to", widget=forms.RadioSelect)

    def __init__(self, *args, partners: list[Partner], **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {str(p.uuid): p for p in partners if p.role != Partner.Role.CONVENER}
        cast(forms.ChoiceField, self.fields["partner"]).choices = [
            (k, str(p.organisation)) for k, p in self.partners.items()
        ]

    def clean_partner(self) -> Partner:
        return self.partners[self.cleaned_data["partner"]]


class RepresentativeForm(forms.Form):
    user = forms.ChoiceField(label="Member to name as a representative")

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.user.uuid): m.user for m in members}
        cast(forms.ChoiceField, self.fields["user"]).choices = [("", "Choose a member")] + [
            (k, f"{u.display_name} ({u.email})") for k, u in self.members.items()
        ]

    def clean_user(self):
        return self.members[self.cleaned_data["user"]]


class AcceptForm(forms.Form):
    organisation: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        label="Accept for which organisation",
        queryset=None,
        empty_label=None,
        to_field_name="uuid",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations
