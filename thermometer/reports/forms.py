from django import forms
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin

from .services import MAX_SHARE_DAYS


class ShareForm(StyledFormMixin, forms.Form):
    label = forms.CharField(
        label=_("For whom"),
        max_length=200,
        help_text=_("E.g. “gemeenteraad, commissie Samenleving”."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_SHARE_DAYS, initial=30
    )
