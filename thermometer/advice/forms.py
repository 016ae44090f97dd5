from django import forms
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import DateInput, StyledFormMixin

from .constants import Horizon, MinorityDecision, PresentationKind, Priority


class RecommendationForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Recommendation"), max_length=6000, widget=forms.Textarea(attrs={"rows": 5})
    )
    goal = forms.ChoiceField(label=_("Goal"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    horizon = forms.ChoiceField(label=_("Horizon"), choices=Horizon.choices)
    owner_layer = forms.ChoiceField(label=_("Owned by layer"))
    findings = forms.MultipleChoiceField(
        label=_("Findings it rests on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A recommendation without a finding behind it is flagged."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, scan, **kwargs):
        super().__init__(*args, **kwargs)
        method = scan.method
        self.fields["goal"].choices = [("", "—"), *method.goals.items()]
        self.fields["theme"].choices = [("", "—"), *method.themes.items()]
        self.fields["owner_layer"].choices = list(method.layers.items())
        self.fields["findings"].choices = [
            (f.uuid.hex, f.text[:140]) for f in scan.findings.order_by("id")
        ]


class FreezeForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("Note with this version"), required=False, max_length=300)


class RoundForm(StyledFormMixin, forms.Form):
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class MinorityForm(StyledFormMixin, forms.Form):
    recommendation = forms.UUIDField(widget=forms.HiddenInput)
    group = forms.CharField(widget=forms.HiddenInput, max_length=200)
    view = forms.CharField(
        label=_("What this group needs, in your summary"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    decision = forms.ChoiceField(
        label=_("What was done with it"), choices=MinorityDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DiscussionForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    text = forms.CharField(
        label=_("Notes of the discussion"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decisions = forms.CharField(
        label=_("Additions and decisions of the client"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    recommendations = forms.MultipleChoiceField(
        label=_("About the recommendations"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, scan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].choices = [
            (r.uuid.hex, r.title) for r in scan.recommendations.all()
        ]


class PresentationForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Presented as"), choices=PresentationKind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    audience = forms.CharField(label=_("Audience"), required=False, max_length=300)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
