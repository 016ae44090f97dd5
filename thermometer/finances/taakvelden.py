"""The taakvelden of the social domain in the Iv3 format, and how codes nest (pure).

Names are those of the *Iv3-informatievoorschrift* (BZK/CBS): the 2026 structure, which
splits 6.2 into 6.21–6.23 and the maatwerk taakvelden into 6.60, 6.711–6.792, 6.811–6.822
and 6.91–6.92, and the structure of 2017–2024 (6.2, 6.6, 6.71, 6.72, 6.81, 6.82) that
earlier years of a municipality's accounts use. Codes are hierarchical: a group named
"6.7" in a method holds 6.71, 6.711 and 6.792 (``within``).
"""

import re

from django.utils.translation import gettext_lazy as _

SOCIAL_DOMAIN = "6"

NAMES = {
    "6.1": "Samenkracht en burgerparticipatie",
    "6.2": "Toegang en eerstelijnsvoorzieningen",
    "6.21": "Toegang en eerstelijnsvoorzieningen Wmo",
    "6.22": "Toegang en eerstelijnsvoorzieningen Jeugd",
    "6.23": "Toegang en eerstelijnsvoorzieningen Integraal",
    "6.3": "Inkomensregelingen",
    "6.4": "WSW en beschut werk",
    "6.5": "Arbeidsparticipatie",
    "6.6": "Maatwerkvoorzieningen (Wmo)",
    "6.60": "Hulpmiddelen en diensten (Wmo)",
    "6.71": "Maatwerkdienstverlening 18+",
    "6.711": "Huishoudelijke hulp (Wmo)",
    "6.712": "Begeleiding (Wmo)",
    "6.713": "Dagbesteding (Wmo)",
    "6.714": "Overige maatwerkarrangementen (Wmo)",
    "6.72": "Maatwerkdienstverlening 18-",
    "6.751": "Jeugdhulp ambulant lokaal",
    "6.752": "Jeugdhulp ambulant regionaal",
    "6.753": "Jeugdhulp ambulant landelijk",
    "6.761": "Jeugdhulp met verblijf lokaal",
    "6.762": "Jeugdhulp met verblijf regionaal",
    "6.763": "Jeugdhulp met verblijf landelijk",
    "6.791": "PGB Wmo",
    "6.792": "PGB Jeugd",
    "6.81": "Geëscaleerde zorg 18+",
    "6.811": "Beschermd wonen (Wmo)",
    "6.812": "Maatschappelijke- en vrouwenopvang (Wmo)",
    "6.82": "Geëscaleerde zorg 18-",
    "6.821": "Jeugdbescherming",
    "6.822": "Jeugdreclassering",
    "6.91": "Coördinatie en beleid Wmo",
    "6.92": "Coördinatie en beleid Jeugd",
}

_CODE = re.compile(r"\d{1,2}(\.\d{1,3})?")


def normalise(text) -> str | None:
    """ "6.1", " 6,71 ", "Taakveld 6.1 Samenkracht", 6.1 -> "6.1"; None when no code."""
    if isinstance(text, float):
        text = repr(text)
    match = re.match(r"\s*(?:taakveld\s*)?(\d{1,2}(?:[.,]\d{1,3})?)(?!\d)", str(text or ""), re.I)
    if not match:
        return None
    code = match[1].replace(",", ".")
    return code if _CODE.fullmatch(code) else None


def within(code: str, prefix: str) -> bool:
    """Whether ``code`` lies in the taakveld (or group of taakvelden) ``prefix``.

    "6.711" lies in "6", "6.7", "6.71" and "6.711" (Iv3 extends a code by a digit to
    split it); "16.1" does not lie in "6".
    """
    if code == prefix:
        return True
    if "." not in prefix:
        return code.split(".", 1)[0] == prefix
    return code.startswith(prefix)


def in_any(code: str, prefixes) -> bool:
    return any(within(code, prefix) for prefix in prefixes)


def name(code: str) -> str:
    return NAMES.get(code, "")


def label(code: str) -> str:
    """ "6.1 Samenkracht en burgerparticipatie", or the code alone when unknown."""
    known = name(code)
    return f"{code} {known}" if known else str(_("taakveld %(code)s") % {"code": code})


def sort_key(code: str) -> tuple:
    """Iv3 order: 6.1 < 6.21 < 6.3 < 6.60 < 6.711 < 6.72 < 6.91 (digits compared as text)."""
    head, _dot, tail = code.partition(".")
    return (int(head), tail)
