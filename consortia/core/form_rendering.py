"""Render Django forms in GOV.UK Design System markup.

Settings point FORM_RENDERER here, so `{{ form }}` and `{{ field.as_field_group }}`
use templates/forms/govuk_form.html and templates/forms/govuk_field.html.
TemplatesSetting (not the default DjangoTemplates renderer) is what lets those
templates, and the widget templates they include, come from the project's own
TEMPLATES; it needs "django.forms" in INSTALLED_APPS for Django's widget templates.
The per-widget GOV.UK classes and ARIA wiring live in
consortia/core/templatetags/govuk_forms.py.
"""

from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"
