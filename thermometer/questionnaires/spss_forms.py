from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin

from .spss import MAX_BYTES
from .spss_import import NEW


class SavImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("SPSS file (.sav)"),
        help_text=_("The responses as a research bureau delivers them, with value labels."),
        widget=forms.ClearableFileInput(attrs={"accept": ".sav,.zsav"}),
    )
    layer = forms.ChoiceField(
        label=_("Layer of the respondents"),
        help_text=_("The layer of the chain the respondents belong to."),
    )
    target = forms.ChoiceField(label=_("Questionnaire"), required=False)

    def __init__(self, *args, scan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layer"].choices = [("", "—"), *scan.method.layers.items()]
        self.fields["target"].choices = [
            ("", gettext("The questionnaire whose question codes match")),
            *((str(q.uuid), q.name) for q in scan.questionnaires.all()),
            (NEW, gettext("A new draft questionnaire from the file's labels")),
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                gettext("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)}
            )
        if not upload.name.lower().endswith((".sav", ".zsav")):
            raise forms.ValidationError(gettext("Choose an SPSS data file (.sav)."))
        return upload
