"""Dutch is complete: no empty or fuzzy translation in any catalogue."""

from collections import defaultdict
from pathlib import Path

import polib
import pytest

CATALOGUES = sorted((Path(__file__).resolve().parents[2]).glob("*/locale/nl/LC_MESSAGES/django.po"))


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 4


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.untranslated_entries(), [e.msgid for e in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()]


def test_every_text_has_one_dutch_translation_across_the_apps():
    # Django merges the catalogues into one: a text translated differently in two apps
    # would show the first app's words everywhere, whatever the other app meant.
    seen = defaultdict(dict)
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
                plural = tuple(sorted(entry.msgstr_plural.items()))
                seen[key][path.parts[-5]] = (entry.msgstr, plural)
    differing = {key[1]: apps for key, apps in seen.items() if len(set(apps.values())) > 1}
    assert differing == {}
