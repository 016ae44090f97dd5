"""The history reads as Dutch prose: counts with the right plural, dates written out."""

import string

import pytest
from django.utils import translation

from thermometer.audit.events import EVENTS, record, sentence
from thermometer.audit.models import AuditEvent


def test_a_count_of_one_reads_singular_and_a_date_is_written_out(scan, lead):
    one = record("invitations_created", user=lead, scan=scan, count=1, name="Inwoners")
    many = record("invitations_created", user=lead, scan=scan, count=12, name="Inwoners")
    noted = record("discussion_noted", user=lead, scan=scan, date="2026-11-30")
    assert "1 persoonlijke link gemaakt" in str(one)
    assert "12 persoonlijke links gemaakt" in str(many)
    assert str(noted).endswith("van 30 november 2026.")


def _fields(template) -> set[str]:
    """The names a template fills in, read from its English text (both plural forms)."""
    texts = template._kw.values() if template._kw else template._args
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_every_event_reads_as_a_dutch_sentence(name):
    fields = _fields(EVENTS[name]) - {"user"}
    event = AuditEvent(event=name, user_label="Lea Lead", data={key: "3" for key in fields})
    with translation.override("en"):
        english = sentence(event)
    with translation.override("nl"):
        dutch = sentence(event)
    assert dutch != english, f"{name} has no Dutch translation"
    assert "{" not in dutch
    assert not fields or "3" in dutch  # the event's data shows in the sentence
    assert "user" not in _fields(EVENTS[name]) or "Lea Lead" in dutch
