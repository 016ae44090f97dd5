from django import forms
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import DateInput, StyledFormMixin

from .constants import DocumentPlace


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class DocumentsForm(StyledFormMixin, forms.Form):
    files = MultipleFileField(
        label=_("Documents"),
        help_text=_("PDF, DOCX, ODT, TXT, Markdown or HTML; you may choose several at once."),
    )
    place = forms.ChoiceField(label=_("Place in the chain"), choices=DocumentPlace.choices)
    date = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    owner = forms.CharField(
        label=_("Owner"),
        required=False,
        max_length=200,
        help_text=_("Who drew up or owns the documents, e.g. team Sociaal Domein."),
    )
