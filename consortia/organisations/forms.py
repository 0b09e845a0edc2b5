from typing import cast

from django import forms

from consortia.core.choices import ContributionCategory

from .models import Membership, Offer, Organisation


class OrganisationForm(forms.ModelForm):
    expertise = forms.CharField(
        label="Areas of expertise",
        required=False,
        max_length=1000,
        help_text="Separate topics with commas, for example: dementia care, welfare benefits, safeguarding.",
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "description",
            "area_served",
            "website",
            "charity_number",
            "company_number",
            "paid_staff",
            "volunteers",
            "listed_in_directory",
        ]
        labels = {
            "name": "Organisation name",
            "kind": "Kind of organisation",
            "area_served": "Area served",
            "paid_staff": "Paid staff (number of people)",
            "volunteers": "Volunteers (number of people)",
            "listed_in_directory": "List this organisation in the public directory",
        }
        help_texts = {
            "area_served": "For example: Northshire, or the town of Eastbridge.",
            "description": "What the organisation does and for whom.",
        }
        error_messages = {
            "name": {"required": "Enter the organisation's name"},
            "kind": {"required": "Choose the kind of organisation"},
            "website": {"invalid": "Enter the website address in the right format, like https://example.org"},
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "website": forms.URLInput(attrs={"autocomplete": "url", "placeholder": "https://"}),
        }

    def __init__(self, *args, organisation: Organisation | None = None, **kwargs):
        # Never bind the form to the stored instance: validation would change it
        # before the service (which checks permission and records what changed) runs.
        if organisation is not None:
            kwargs["initial"] = {
                **forms.models.model_to_dict(organisation, fields=self.Meta.fields),
                "expertise": ", ".join(e.topic for e in organisation.expertise.all()),
            }
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = Organisation.Kind.choices
        for name in ("paid_staff", "volunteers"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})

    def service_kwargs(self) -> dict:
        data = {f: self.cleaned_data[f] for f in self.Meta.fields}
        data["expertise"] = [t for t in self.cleaned_data["expertise"].split(",") if t.strip()]
        return data


class MemberInviteForm(forms.Form):
    email = forms.EmailField(
        label="Email address", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Membership.Role.choices,
        initial="member",
        widget=forms.RadioSelect,
        help_text="Admins can change the profile, manage members and act for the organisation in partnerships.",
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["category", "description"]
        labels = {"category": "What kind of contribution", "description": "Describe what you can offer"}
        help_texts = {"description": "For example: a meeting room for 20 people on weekday evenings."}
        error_messages = {
            "category": {"required": "Choose what kind of contribution it is"},
            "description": {"required": "Describe what you can offer"},
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", "Choose a category"),
            *ContributionCategory.choices,
        ]


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label="Search by name, area or expertise", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *Organisation.Kind.choices]
    )
