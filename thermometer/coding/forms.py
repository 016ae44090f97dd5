from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thermometer.core.dutch import WORD
from thermometer.core.forms import StyledFormMixin

from .constants import Assessment


def code_choices(scan):
    """Codes grouped under their headings, for a select."""
    groups = []
    codes = list(scan.codes.all())
    for top in (c for c in codes if c.parent_id is None):
        children = [(c.uuid.hex, c.name) for c in codes if c.parent_id == top.pk]
        if top.selectable:
            groups.append((top.uuid.hex, top.name))
        if children:
            groups.append((top.name, children))
    return groups


class CodingForm(StyledFormMixin, forms.Form):
    code = forms.ChoiceField(label=_("Code"))
    assessment = forms.ChoiceField(
        label=_("Assessment"), choices=Assessment.choices, initial=Assessment.NEUTRAL
    )
    memo = forms.CharField(
        label=_("Memo"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    start = forms.IntegerField(
        label=_("From character"), required=False, min_value=0, widget=forms.HiddenInput
    )
    end = forms.IntegerField(
        label=_("To character"), required=False, min_value=1, widget=forms.HiddenInput
    )
    # Without a mouse: choose the first and last word to code.
    from_word = forms.TypedChoiceField(label=_("From word"), required=False, coerce=int)
    to_word = forms.TypedChoiceField(
        label=_("Up to and including word"), required=False, coerce=int
    )

    def __init__(self, *args, scan, passage=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scan = scan
        self.fields["code"].choices = [("", "—"), *code_choices(scan)]
        self.words = list(WORD.finditer(passage.text)) if passage is not None else []
        choices = [("", _("(whole passage)"))] + [
            (index, f"{index + 1}. {match.group()}") for index, match in enumerate(self.words)
        ]
        self.fields["from_word"].choices = choices
        self.fields["to_word"].choices = choices

    def clean(self):
        data = super().clean()
        first, last = data.get("from_word"), data.get("to_word")
        if data.get("start") is None and (first is not None or last is not None):
            first = 0 if first is None else first
            last = len(self.words) - 1 if last is None else last
            if last < first:
                self.add_error("to_word", gettext("Choose a last word after the first."))
            else:
                data["start"], data["end"] = self.words[first].start(), self.words[last].end()
        return data

    def clean_code(self):
        code = self.scan.codes.filter(uuid=self.cleaned_data["code"]).first()
        if code is None or not code.selectable:
            raise forms.ValidationError(gettext("Choose a code."))
        return code


class CodeForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    parent = forms.ChoiceField(label=_("Under"), required=False)
    colour = forms.CharField(
        label=_("Colour"), initial="#4a4a4a", widget=forms.TextInput(attrs={"type": "color"})
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, scan, **kwargs):
        super().__init__(*args, **kwargs)
        self.scan = scan
        self.fields["parent"].choices = [("", _("(top level)"))] + [
            (c.uuid.hex, c.name) for c in scan.codes.all()
        ]

    def clean_parent(self):
        value = self.cleaned_data["parent"]
        return self.scan.codes.filter(uuid=value).first() if value else None

    def clean_colour(self):
        import re

        colour = self.cleaned_data["colour"]
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
            raise forms.ValidationError(gettext("Choose a colour such as #1f5fa6."))
        return colour
