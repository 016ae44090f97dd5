from django import forms
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin
from thermometer.finances.series import KEYS as finance_series_keys

from .constants import SESSION_RESULTS, SESSION_VALUES, Direction


class SessionForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Work session"),
        choices=[
            (SESSION_VALUES, _("Session 1: values and transformations")),
            (SESSION_RESULTS, _("Session 2: results and criteria")),
        ],
    )
    title = forms.CharField(label=_("Title"), max_length=200, initial="Werksessie gemeenteraad")
    votes_per_person = forms.IntegerField(
        label=_("Dots per member"), min_value=1, max_value=10, initial=3
    )


class IndicatorForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200)
    definition = forms.CharField(
        label=_("Definition"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    source = forms.ChoiceField(label=_("Data source"))
    norm = forms.DecimalField(label=_("Norm"), required=False, max_digits=14, decimal_places=3)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    frequency = forms.ChoiceField(label=_("Frequency"))
    cbs_table = forms.CharField(
        label=_("CBS table (for CBS open data)"), max_length=20, required=False
    )
    cbs_measure = forms.CharField(label=_("CBS measure"), max_length=80, required=False)
    cbs_region_dimension = forms.CharField(
        label=_("CBS region dimension"), max_length=30, required=False, initial="RegioS"
    )
    cbs_period = forms.CharField(
        label=_("CBS period, for a table of one period"), max_length=10, required=False
    )
    finance_series = forms.ChoiceField(
        label=_("Financial figure (for the source Finances)"),
        required=False,
        choices=[("", "—"), *((key, label) for key, label in finance_series_keys.items())],
    )

    def __init__(self, *args, scan, **kwargs):
        super().__init__(*args, **kwargs)
        data = scan.method.data
        self.fields["source"].choices = [
            (s["key"], s["name"]) for s in data.get("indicator_sources", [])
        ]
        self.fields["frequency"].choices = [
            (f["key"], f["name"]) for f in data.get("frequencies", [])
        ]


class DecisionForm(StyledFormMixin, forms.Form):
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(label=_("Decision reference"), max_length=100, required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MeasurementForm(StyledFormMixin, forms.Form):
    period = forms.CharField(
        label=_("Period"), max_length=20, help_text=_("E.g. 2025, 2025-K3 or 2025-HJ1.")
    )
    value = forms.DecimalField(label=_("Value"), max_digits=16, decimal_places=4, localize=True)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class NationalImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "One row per municipality (CBS code such as GM0363, or the name), one or more "
            "columns with values; a period column, one column per period, or the period "
            "below."
        ),
    )
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        required=False,
        help_text=_("Leave empty when the columns carry the names of the indicators."),
    )
    series = forms.CharField(
        label=_("Series"),
        max_length=200,
        required=False,
        help_text=_("When the file holds several series, part of the name of the one to take."),
    )
    period = forms.CharField(
        label=_("Period"),
        max_length=20,
        required=False,
        help_text=_("Only for a file without periods, e.g. 2020."),
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", _("(by column name)"))] + [
            (str(i.uuid), i.name) for i in indicators
        ]
