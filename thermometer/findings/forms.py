from django import forms
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin

from .constants import EvidenceKind, Subject


class ActionsForm(StyledFormMixin, forms.Form):
    actions = forms.CharField(
        label=_("Actions"),
        required=False,
        max_length=4000,
        help_text=_("What should happen in this cell: who does what, by when."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FindingForm(StyledFormMixin, forms.Form):
    subject = forms.ChoiceField(choices=Subject.choices, widget=forms.HiddenInput)
    goal = forms.CharField(required=False, widget=forms.HiddenInput)
    actor = forms.CharField(required=False, widget=forms.HiddenInput)
    theme = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Finding"),
        max_length=4000,
        help_text=_("One statement about what was found; link the evidence next."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EvidenceForm(StyledFormMixin, forms.Form):
    """Link one piece of evidence: a coded passage, a score, an effect's trail, a quote or a
    financial figure."""

    kind = forms.ChoiceField(
        label=_("Kind of evidence"), choices=EvidenceKind.choices, widget=forms.RadioSelect
    )
    coding = forms.ChoiceField(label=_("Coded passage"), required=False)
    score = forms.ChoiceField(label=_("Score"), required=False)
    figure = forms.ChoiceField(label=_("Financial figure"), required=False)
    effect = forms.ChoiceField(label=_("Intended effect and its trail"), required=False)
    quote = forms.CharField(
        label=_("Quote"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    source_title = forms.CharField(label=_("Source of the quote"), required=False, max_length=300)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, codings=(), scores=(), effects=(), figures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coding"].choices = [("", "—")] + [
            (c.uuid.hex, f"{c.passage.source.title}: “{c.quote[:90]}”") for c in codings
        ]
        self.fields["score"].choices = [("", "—")] + [
            (s["key"], f"{s['label']}: {s['mean']:.1f} (n = {s['n']})") for s in scores
        ]
        self.fields["effect"].choices = [("", "—")] + [(e.uuid.hex, e.statement) for e in effects]
        self.fields["figure"].choices = [("", "—")] + [
            (f["key"], f"{f['label']}: {f['shown']}") for f in figures
        ]

    def clean(self):
        data = super().clean()
        needed = {
            EvidenceKind.CODING: ("coding", _("Choose the coded passage.")),
            EvidenceKind.SCORE: ("score", _("Choose the score.")),
            EvidenceKind.TRAIL: ("effect", _("Choose the intended effect.")),
            EvidenceKind.QUOTE: ("quote", _("Write or paste the quote.")),
            EvidenceKind.FIGURE: ("figure", _("Choose the financial figure.")),
        }
        kind = data.get("kind")
        if kind in needed:
            field, message = needed[kind]
            if not data.get(field):
                self.add_error(field, message)
        return data
