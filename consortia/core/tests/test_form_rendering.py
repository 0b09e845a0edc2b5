"""Forms render in GOV.UK Design System markup through GovukFormRenderer.

The project's FORM_RENDERER is consortia.core.form_rendering.GovukFormRenderer,
so a plain `{{ form }}` is enough; these tests render with no request.
"""

import re

from django import forms
from django.template.loader import render_to_string

from consortia.core.form_rendering import GovukFormRenderer


class ProfileForm(forms.Form):
    name = forms.CharField(
        label="Organisation name",
        help_text="As it appears on your governing document.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(label="Contact email", required=False)
    kind = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=[("charity", "Charity"), ("council", "Council")],
        widget=forms.RadioSelect,
    )
    agree = forms.BooleanField(label="I agree to the partnership agreement", required=False)

    def clean(self):
        if self.data.get("email") == "taken@example.org":
            raise forms.ValidationError("That organisation is already registered.")
        return super().clean()


def attributes(html: str, tag: str, **match: str) -> dict[str, str]:
    """The attributes of the first <tag> whose attributes include `match`."""
    for found in re.finditer(rf"<{tag}\b([^>]*)>", html):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', found.group(1)))
        if all(attrs.get(key.replace("_", "-")) == value for key, value in match.items()):
            return attrs
    raise AssertionError(f"no <{tag}> with {match} in:\n{html}")


def invalid_form() -> ProfileForm:
    form = ProfileForm(data={"name": "", "kind": "", "email": "taken@example.org"})
    assert not form.is_valid()
    return form


def test_it_is_the_form_renderer_in_settings(settings):
    assert settings.FORM_RENDERER == "consortia.core.form_rendering.GovukFormRenderer"
    assert isinstance(ProfileForm().renderer, GovukFormRenderer)


def test_it_links_the_label_to_the_input():
    html = str(ProfileForm())

    label = attributes(html, "label", **{"for": "id_name"})
    field = attributes(html, "input", name="name")
    assert label["class"] == "govuk-label"
    assert field["id"] == label["for"]
    assert "govuk-input" in field["class"].split()
    assert field["autocomplete"] == "organization"


def test_it_describes_the_input_by_its_hint_and_error():
    html = str(invalid_form())

    field = attributes(html, "input", name="name")
    assert field["aria-describedby"].split() == ["id_name-hint", "id_name-error"]
    assert attributes(html, "div", id="id_name-hint")["class"] == "govuk-hint"
    assert attributes(html, "p", id="id_name-error")["class"] == "govuk-error-message"
    assert "govuk-input--error" in field["class"].split()
    assert 'class="govuk-form-group govuk-form-group--error"' in html


def test_it_does_not_mark_a_valid_field_as_an_error():
    html = str(ProfileForm(data={"name": "Riverside Trust", "kind": "charity"}))

    field = attributes(html, "input", name="name")
    assert "govuk-input--error" not in field["class"]
    assert field["aria-describedby"] == "id_name-hint"
    assert "govuk-form-group--error" not in html


def test_it_marks_optional_fields_in_the_label():
    html = str(ProfileForm())

    assert re.search(r'<label class="govuk-label" for="id_email">\s*Contact email \(optional\)', html)


def test_it_renders_radios_in_a_fieldset_with_a_legend():
    html = str(invalid_form())

    fieldset = re.search(r"<fieldset\b([^>]*)>\s*<legend[^>]*>(.*?)</legend>", html, re.S)
    assert fieldset, html
    assert "What kind of organisation is it?" in fieldset.group(2)
    assert 'aria-describedby="id_kind-error"' in fieldset.group(1)
    assert attributes(html, "input", id="id_kind_0")["class"] == "govuk-radios__input"
    assert 'data-module="govuk-radios"' in html


def test_it_renders_a_single_checkbox_as_a_small_checkbox():
    html = str(ProfileForm())

    assert "govuk-checkboxes govuk-checkboxes--small" in html
    assert attributes(html, "input", name="agree")["class"] == "govuk-checkboxes__input"


def test_it_links_each_error_in_the_summary_to_its_field():
    html = render_to_string("includes/error_summary.html", {"form": invalid_form()})

    assert 'data-module="govuk-error-summary"' in html
    assert "There is a problem" in html
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', html)
    assert ("id_name", "This field is required.") in links
    # Radios: the link goes to the first option, as the fieldset takes no focus.
    assert ("id_kind_0", "This field is required.") in links
    # A non-field error goes to the first field with an error.
    assert ("id_name", "That organisation is already registered.") in links


def test_it_renders_no_summary_for_a_form_without_errors():
    html = render_to_string("includes/error_summary.html", {"form": ProfileForm()})

    assert html.strip() == ""
