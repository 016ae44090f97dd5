from django import forms
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin

from .constants import Answer


class SessionForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, initial="Klantreis familie Hermans")
    votes_per_person = forms.IntegerField(
        label=_("Votes per person"), min_value=1, max_value=10, initial=3
    )


class ChecklistForm(StyledFormMixin, forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=Answer.choices, widget=forms.RadioSelect)
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    codings = forms.MultipleChoiceField(label=_("Coded passages as evidence"), required=False)
    sources = forms.MultipleChoiceField(label=_("Documents as evidence"), required=False)

    def __init__(self, *args, codings=(), sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codings"].choices = [
            (c.uuid.hex, f"{c.code.name} · {c.passage.source.title}: “{c.quote[:70]}”")
            for c in codings
        ]
        self.fields["sources"].choices = [(s.uuid.hex, s.title) for s in sources]
