"""Bring one app's Dutch catalogue up to date and fill in translations, safely in parallel.

    .venv/bin/python scripts/add_translations.py APP [translations.json]

Runs ``makemessages -l nl --no-obsolete`` for ``thermometer/APP``, applies the JSON file
(``{"English text": "Nederlandse tekst", "one %(n)s item": ["%(n)s ding", "%(n)s dingen"]}``;
a list fills the singular and plural forms), compiles the catalogue, and lists what is
still untranslated and any text another app already translates differently (Django shows
the first app's translation, so the product must use one). A file lock keeps two runs from
rewriting a catalogue at the same time.
"""

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "thermometer"


def main(app: str, translations_path: str | None) -> int:
    app_dir = APPS / app
    po_path = app_dir / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    if not po_path.exists():
        print(f"{app} has no Dutch catalogue ({po_path})", file=sys.stderr)
        return 2
    translations = json.loads(Path(translations_path).read_text()) if translations_path else {}
    with open("/tmp/thermometer-messages.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "nl", "--no-obsolete"],
            cwd=app_dir,
            check=True,
            env={**os.environ, "DEBUG": "1"},
            stdout=subprocess.DEVNULL,
        )
        catalogue = polib.pofile(str(po_path))
        elsewhere = _other_translations(po_path)
        for entry in catalogue:
            wanted = translations.get(entry.msgid)
            if wanted is None and not entry.translated() and entry.msgid in elsewhere:
                wanted = elsewhere[entry.msgid]  # reuse the wording users already see
            if wanted is None:
                continue
            if entry.msgid_plural:
                forms = wanted if isinstance(wanted, list) else [wanted, wanted]
                entry.msgstr_plural = {0: forms[0], 1: forms[-1]}
            else:
                entry.msgstr = wanted if isinstance(wanted, str) else wanted[0]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    clashes = [
        e.msgid
        for e in catalogue
        if e.msgid in elsewhere and not e.msgid_plural and e.msgstr != elsewhere[e.msgid]
    ]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    for msgid in clashes:
        print(f"translated differently elsewhere: {msgid!r} -> {elsewhere[msgid]!r}")
    return 1 if missing or clashes else 0


def _other_translations(own: Path) -> dict:
    found = {}
    for path in sorted(APPS.glob("*/locale/nl/LC_MESSAGES/django.po")):
        if path == own:
            continue
        for entry in polib.pofile(str(path)):
            if entry.translated() and not entry.msgid_plural:
                found.setdefault(entry.msgid, entry.msgstr)
    return found


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None))
