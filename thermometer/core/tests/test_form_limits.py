"""Every text field of every form has a length limit with Django's Dutch message."""

import pytest
from django import forms

from thermometer.core.forms import MAX_LINE, MAX_TEXT, StyledFormMixin


class _Memo(StyledFormMixin, forms.Form):
    memo = forms.CharField(widget=forms.Textarea, required=False)
    title = forms.CharField(required=False)
    own = forms.CharField(max_length=50, required=False)


@pytest.mark.parametrize(("field", "limit"), [("memo", MAX_TEXT), ("title", MAX_LINE), ("own", 50)])
def test_a_text_over_its_limit_is_refused_in_dutch_and_kept_in_the_form(field, limit):
    text = "x" * (limit + 1)
    form = _Memo(data={field: text})
    assert not form.is_valid()
    assert form.errors[field] == [
        f"Zorg dat deze waarde niet meer dan {limit} tekens bevat (het zijn er nu {limit + 1})."
    ]
    assert form[field].value() == text
    assert _Memo(data={field: "x" * limit}).is_valid()
