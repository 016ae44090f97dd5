from django import forms
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin

from . import tracing
from .constants import ProposalAnswer, Verdict


def _method_choices(scan):
    method = scan.method
    goals = list(method.goals.items())
    layers = tracing.trail_layers(method)
    actors = [("", _("Everyone")), *method.actors.items()]
    return goals, layers, actors


class InterpretationForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Local interpretation"),
        required=False,
        max_length=4000,
        help_text=_("How the municipality fills in this goal, in its own words."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EffectForm(StyledFormMixin, forms.Form):
    statement = forms.CharField(
        label=_("Intended effect"),
        max_length=300,
        help_text=_("A short statement, e.g. “inwoners wonen langer zelfstandig thuis”."),
    )
    goal = forms.ChoiceField(label=_("Goal"))
    layer = forms.ChoiceField(label=_("Stated in layer"))
    actor = forms.ChoiceField(label=_("For whom"), required=False)

    def __init__(self, *args, scan, **kwargs):
        super().__init__(*args, **kwargs)
        goals, layers, actors = _method_choices(scan)
        self.fields["goal"].choices = goals
        self.fields["layer"].choices = layers
        self.fields["actor"].choices = actors


class ProposalForm(EffectForm):
    """Answer one proposal: take it in (as written or rewritten), add it to an effect
    already in the tree, or set it aside."""

    ref = forms.CharField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        label=_("What to do"), choices=ProposalAnswer.choices, widget=forms.RadioSelect
    )
    effect = forms.ChoiceField(label=_("Add to intended effect"), required=False)

    def __init__(self, *args, scan, effects, **kwargs):
        super().__init__(*args, scan=scan, **kwargs)
        self.fields["statement"].required = False
        self.fields["effect"].choices = [("", "—")] + [
            (effect.uuid.hex, effect.statement) for effect in effects
        ]

    def clean(self):
        data = super().clean()
        if data.get("answer") == ProposalAnswer.ACCEPTED and not data.get("statement"):
            self.add_error("statement", _("Write the intended effect as a short statement."))
        if data.get("answer") == ProposalAnswer.MERGED and not data.get("effect"):
            self.add_error("effect", _("Choose the intended effect to add this quote to."))
        return data


class MergeForm(StyledFormMixin, forms.Form):
    other = forms.ChoiceField(
        label=_("Merge into this effect"),
        help_text=_("The other effect's quotes move here; the other effect is removed."),
    )

    def __init__(self, *args, effect, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = [("", "—")] + [
            (other.uuid.hex, other.statement)
            for other in effect.scan.intended_effects.exclude(pk=effect.pk)
        ]


class VerdictForm(StyledFormMixin, forms.Form):
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    passage = forms.TypedChoiceField(
        label=_("Passage that carries the effect"), required=False, coerce=int, empty_value=None
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["passage"].choices = [("", "—")] + [
            (match["passage_id"], f"{match['source_title']} ({match['similarity']:.2f})")
            for match in matches
        ]
