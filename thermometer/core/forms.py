"""Forms render with NL Design System classes and accessible descriptions."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.widgets import Input

# Every text field has a limit: one without its own gets these, so a pasted book is
# refused with Django's Dutch message instead of filling the database (the text stays
# in the form to shorten).
MAX_TEXT = 20_000  # memos, question texts, findings: several pages
MAX_LINE = 1_000  # a single line

_WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.ClearableFileInput: "utrecht-file-input",
    forms.FileInput: "utrecht-file-input",
    Input: "utrecht-textbox utrecht-textbox--html-input",
}


class StyledFormMixin:
    # The server validates and explains in Dutch; the browser's own bubbles would not.
    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if type(field) is forms.CharField and field.max_length is None:
                field.max_length = MAX_TEXT if isinstance(widget, forms.Textarea) else MAX_LINE
                field.validators.append(MaxLengthValidator(field.max_length))
            if field.required and not isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("aria-required", "true")
            for widget_class, css in _WIDGET_CLASSES.items():
                if isinstance(widget, widget_class):
                    widget.attrs.setdefault("class", css)
                    break
            described = []
            if field.help_text:
                described.append(f"{self[name].auto_id}_help")
            if described and not isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("aria-describedby", " ".join(described))

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                ids = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{ids} {self[name].auto_id}_error".strip()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def error_message(request, form) -> None:
    """A form posted from a page that does not show it again: its errors as one message."""
    from django.contrib import messages

    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
