"""Template filters that give Django widgets their GOV.UK Frontend classes and ARIA.

Used by templates/forms/ (the GovukFormRenderer templates). Ids follow GOV.UK's
convention: the hint is `<input id>-hint` and the error message `<input id>-error`,
both listed in the control's `aria-describedby` (on the <fieldset> for radios and
checkbox lists, where one description covers all options).
"""

import copy

from django import template
from django.forms import BoundField

register = template.Library()

# Widget types (BoundField.widget_type) rendered as a GOV.UK text input, with a
# width class where the answer has a known, short length.
INPUT_WIDTHS = {
    "text": "",
    "email": "",
    "url": "",
    "search": "",
    "password": "",
    "tel": "govuk-input--width-20",
    "number": "govuk-input--width-10",
    "date": "govuk-input--width-10",
    "datetime": "govuk-input--width-20",
    "time": "govuk-input--width-5",
}
# Single-option inputs whose label comes after them: no `govuk-input` classes.
OTHER_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "nullbooleanselect": "govuk-select",
    "selectmultiple": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
    "file": "govuk-file-upload",
    "clearablefile": "govuk-file-upload",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}
FIELDSET_CHOICE_TYPES = {"radioselect", "checkboxselectmultiple"}


def hint_id(field: BoundField) -> str:
    return f"{field.auto_id}-hint"


def error_id(field: BoundField) -> str:
    return f"{field.auto_id}-error"


@register.filter
def govuk_describedby(field: BoundField) -> str:
    """The ids of the hint and the error message, in reading order."""
    ids = []
    if field.help_text:
        ids.append(hint_id(field))
    if field.errors:
        ids.append(error_id(field))
    return " ".join(ids)


def widget_classes(field: BoundField) -> list[str]:
    widget_type = field.widget_type
    if widget_type in INPUT_WIDTHS:
        classes = ["govuk-input", INPUT_WIDTHS[widget_type]]
        if widget_type == "password":
            # Hooks for the GOV.UK password input's "Show" button.
            classes += ["govuk-password-input__input", "govuk-js-password-input-input"]
    elif widget_type in OTHER_CLASSES:
        classes = [OTHER_CLASSES[widget_type]]
    else:
        return []
    if field.errors and classes[0] in ERROR_CLASSES:
        classes.append(ERROR_CLASSES[classes[0]])
    return [c for c in classes if c]


@register.filter
def govuk_widget(field: BoundField) -> str:
    """Render the field's widget with GOV.UK classes and aria-describedby.

    Classes set on the widget in Python are kept (after ours, so a form can add a
    width class). Placeholders are dropped: the GOV.UK Design System asks for a
    visible label and hint instead, and our templates always show the label.
    """
    attrs: dict[str, str | bool] = {}
    existing = field.field.widget.attrs
    classes = widget_classes(field)
    if existing.get("class"):
        classes.append(existing["class"])
    if classes:
        attrs["class"] = " ".join(classes)
    if field.widget_type in {"email", "password", "url"}:
        # GOV.UK: do not spellcheck email addresses, passwords or web addresses.
        attrs["spellcheck"] = "false"
        attrs["autocapitalize"] = "none"
    describedby = govuk_describedby(field)
    if existing.get("aria-describedby"):
        describedby = f"{existing['aria-describedby']} {describedby}".strip()
    if describedby and not field.use_fieldset:
        attrs["aria-describedby"] = describedby
    widget = field.field.widget
    if "placeholder" in widget.attrs:
        widget = copy.deepcopy(widget)  # leave the form's own widget as it was
        del widget.attrs["placeholder"]
    return field.as_widget(widget=widget, attrs=attrs)


@register.filter
def govuk_error_target(field: BoundField) -> str:
    """The id an error summary link should point to: the control to fix.

    For radios and checkbox lists that is the first option (GOV.UK's rule);
    the fieldset itself cannot take focus.
    """
    if field.widget_type in FIELDSET_CHOICE_TYPES:
        subwidgets = field.subwidgets
        if subwidgets:
            return subwidgets[0].id_for_label
    if field.id_for_label:
        return field.id_for_label
    # Multi-part widgets without a label target (SplitDateTimeWidget): first part.
    return f"{field.auto_id}_0"


@register.filter
def govuk_form_error_target(form) -> str:
    """Where an error summary link for a non-field error points.

    The first field with an error, else the first field, else the top of the
    page: a non-field error ("email or password not correct") is about the
    form as a whole, and its first field is where the user starts fixing it.
    """
    fields = form.visible_fields()
    for field in fields:
        if field.errors:
            return govuk_error_target(field)
    if fields:
        return govuk_error_target(fields[0])
    return "main-content"
