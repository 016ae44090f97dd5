from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import DateInput, StyledFormMixin

from .constants import DocumentPlace, SourceKind


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


class ConversationForm(StyledFormMixin, forms.Form):
    """An interview or group session: who took part, the notes, and their consent."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in (SourceKind.INTERVIEW, SourceKind.SESSION)],
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    participants = forms.MultipleChoiceField(
        label=_("Participants"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose who took part.")},
    )
    notes = forms.CharField(
        label=_("Notes or transcript"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Type or paste; or upload a file below."),
    )
    file = forms.FileField(
        label=_("Notes as a file"),
        required=False,
        help_text=_("TXT, DOCX, ODT or PDF."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.docx,.odt,.pdf"}),
    )
    consent = forms.BooleanField(
        label=_("The participants consented to the use of this conversation for the scan"),
        error_messages={"required": _("Record the participants' consent first.")},
    )

    def __init__(self, *args, scan, **kwargs):
        super().__init__(*args, **kwargs)
        layers = scan.method.layers
        self.scan = scan
        self.fields["participants"].choices = [
            (
                str(p.uuid),
                f"{p.pseudonym} · {layers.get(p.layer, p.layer)}"
                + (f" · {p.organisation}" if p.organisation else ""),
            )
            for p in scan.participants.all()
        ]

    def clean(self):
        data = super().clean()
        if not data.get("notes", "").strip() and not data.get("file"):
            raise forms.ValidationError(gettext("Type the notes or upload them as a file."))
        return data

    def chosen_participants(self):
        return list(self.scan.participants.filter(uuid__in=self.cleaned_data["participants"]))
