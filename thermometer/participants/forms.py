from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin


class ParticipantForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to keep the participant pseudonymous."),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("Only needed to send a personal invitation later."),
    )
    layer = forms.ChoiceField(label=_("Layer in the chain"))
    actor = forms.ChoiceField(
        label=_("Actor"),
        required=False,
        help_text=_("Empty: the usual actor of the chosen layer."),
    )
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)

    def __init__(self, *args, method, **kwargs):
        super().__init__(*args, **kwargs)
        self.method = method
        self.fields["layer"].choices = [("", "—"), *method.layers.items()]
        self.fields["actor"].choices = [("", "—"), *method.actors.items()]

    def clean(self):
        data = super().clean()
        if data.get("layer") and not data.get("actor"):
            data["actor"] = self.method.layer_default_actor[data["layer"]]
        if data.get("email"):
            data["email"] = data["email"].lower()
        return data


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV or Excel (.xlsx) with a header row. Columns: naam, e-mail, laag, actor, "
            "organisatie. Only the column laag is required."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.PARTICIPANT_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                gettext("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload
