from django import forms
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin

from .reading import Defaults


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("File (CSV or Excel)"))
    document = forms.ChoiceField(
        label=_("The figures are from"),
        choices=[
            ("", _("the file says so per column or row")),
            ("rekening", _("the accounts (jaarrekening)")),
            ("begroting", _("the budget (begroting)")),
        ],
        required=False,
    )
    side = forms.ChoiceField(
        label=_("Amounts without lasten or baten in their column are"),
        choices=[("lasten", _("lasten")), ("baten", _("baten"))],
        initial="lasten",
    )
    thousands = forms.BooleanField(label=_("The amounts are in thousands of euros"), required=False)

    def defaults(self) -> Defaults:
        data = self.cleaned_data
        return Defaults(
            document=data["document"] or None,
            side=data["side"],
            unit=1000 if data["thousands"] else 1,
        )
