from django import forms
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin

from .models import PrivacySettings


class PrivacySettingsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PrivacySettings
        fields = ["controller", "contact", "dpo", "legal_basis"]
        widgets = {"legal_basis": forms.RadioSelect}


class FindPersonForm(StyledFormMixin, forms.Form):
    who = forms.CharField(
        label=_("Who is asking?"),
        max_length=300,
        help_text=_(
            "The pseudonym (D017), the reference from the privacy statement (D017-7F3K9Q) "
            "or the person's personal link."
        ),
    )


class ConfirmForm(StyledFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class DeleteScanForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Type the title of the scan to confirm"), max_length=200)

    def __init__(self, *args, scan, **kwargs):
        super().__init__(*args, **kwargs)
        self.scan = scan

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if title != self.scan.title:
            raise forms.ValidationError(_("That is not the title of this scan."))
        return title
