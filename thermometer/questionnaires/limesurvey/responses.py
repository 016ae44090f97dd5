"""Responses from LimeSurvey, checked against the survey they claim to belong to.

A response file fits when its survey id (in SGQA column names such as 998192X1X2, in
the archive, or in LimeSurvey's own file name) is the survey's, and every column is a
column of that survey: a question (by code, SGQA name or question text), one of its
extra fields (other, comment, timing) or LimeSurvey's own (response id, dates). What
does not fit is refused as a whole, with the reason, before anything is stored.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.core.tabular import decode_text

from .parse import Survey, plain
from .tsv import is_tsv_structure

META = {
    "id": "id",
    "response id": "id",
    "submitdate": "submitdate",
    "date submitted": "submitdate",
    "startlanguage": "startlanguage",
    "start language": "startlanguage",
}
# LimeSurvey's own columns besides the answers (codes and their English headings).
OWN_COLUMNS = {
    "token",
    "lastpage",
    "last page",
    "seed",
    "startdate",
    "date started",
    "datestamp",
    "date last action",
    "ipaddr",
    "ip address",
    "refurl",
    "referrer url",
    "interviewtime",
    "total time",
    "firstname",
    "lastname",
    "email",
    "emailstatus",
    "language",
    "tid",
    "completed",
    "sent",
    "remindersent",
    "remindercount",
    "usesleft",
    "validfrom",
    "validuntil",
    "participant_id",
    "blacklisted",
}
SGQA = re.compile(r"^(\d+)x(\d+)(?:x(\d+))?(.*)$")
GROUP_TIME = re.compile(r"^grouptime\d+$")
CODE = re.compile(r"^([a-z][a-z0-9_]*)((?:\[[^\]]*\])*)$")
EXTRA = re.compile(r"^(.*?)(?:time|\[other\]|\[comment\]|other|comment|_filecount)$")
FILE_CLAIM = re.compile(r"(?:survey|results-survey)_?(\d{4,})", re.IGNORECASE)
SHOWN_COLUMNS = 10


def key_of(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text)).strip().casefold()


@dataclass
class ResponseFile:
    rows: list = field(default_factory=list)  # {SGQA field or META name: value}
    refusals: list = field(default_factory=list)
    not_taken: list = field(default_factory=list)  # columns of the survey not imported


class Columns:
    """Says what a column of a response file is, for one survey and its item plan."""

    def __init__(self, survey: Survey, items: list):
        self.sid = survey.sid.casefold()
        self.fields: dict[str, str] = {}
        for plan in items:
            for field_name, names in zip(plan.fields, plan.headers, strict=False):
                self.fields[key_of(field_name)] = field_name
                for name in names:
                    self.fields.setdefault(key_of(name), field_name)
        self.qids = {q.qid for q in survey.questions if q.qid}
        self.gids = {q.gid for q in survey.questions if q.gid}
        self.codes = {q.code.casefold() for q in survey.questions}
        self.texts = {key_of(t) for q in survey.questions for t in q.texts.values() if t}
        self.foreign: set[str] = set()
        self.own_sgqa = False

    def _sgqa_fits(self, match) -> bool:
        sid, gid, qid, rest = match.groups()
        if sid != self.sid:
            self.foreign.add(sid)
            return False
        self.own_sgqa = True
        if qid is None:  # a group's timing column: 998192X1time
            return gid in self.gids and rest == "time"
        return any((qid + rest).startswith(known) for known in self.qids)

    def _known(self, key: str) -> bool:
        if key in OWN_COLUMNS or key.startswith("attribute_") or GROUP_TIME.match(key):
            return True
        match = SGQA.match(key)
        if match:
            return self._sgqa_fits(match)
        match = CODE.match(key)
        if match and match.group(1) in self.codes:
            return True
        if re.sub(r"\s*\[[^\]]*\]$", "", key) in self.texts:
            return True
        extra = EXTRA.match(key)  # an other, comment or timing column of a question
        return bool(extra and extra.group(1) and self._known(extra.group(1)))

    def classify(self, name: str):
        """("meta", name) | ("field", SGQA field) | ("survey", None) | ("unknown", None)."""
        key = key_of(name)
        if not key:
            return "survey", None
        if key in META:
            return "meta", META[key]
        if key in self.fields:
            return "field", self.fields[key]
        sgqa = SGQA.match(key)
        if sgqa and sgqa.group(1) != self.sid:
            self.foreign.add(sgqa.group(1))
            return "unknown", None
        return ("survey", None) if self._known(key) else ("unknown", None)


def _unknown_columns_reason(unknown: list[str]) -> str:
    shown = ", ".join(f"“{name}”" for name in unknown[:SHOWN_COLUMNS])
    more = len(unknown) - SHOWN_COLUMNS
    if more > 0:
        shown += " " + ngettext("and %(n)d other", "and %(n)d others", more) % {"n": more}
    return ngettext(
        "Column %(columns)s does not occur in the survey.",
        "Columns %(columns)s do not occur in the survey.",
        len(unknown),
    ) % {"columns": shown}


def _survey_reasons(columns: Columns, survey: Survey, claimed: str = "") -> list[str]:
    ours = survey.sid or "?"
    theirs = sorted(columns.foreign)
    if not theirs and claimed and claimed != survey.sid and not columns.own_sgqa:
        theirs = [claimed]
    if theirs and survey.sid:
        return [
            _("The response file belongs to survey %(theirs)s, not to %(ours)s.")
            % {"theirs": ", ".join(theirs), "ours": ours}
        ]
    return []


def _map_header(header: list[str], columns: Columns) -> tuple[list, list, list]:
    mapped, unknown, not_taken = [], [], []
    for name in header:
        kind, target = columns.classify(name)
        mapped.append(target if kind in ("meta", "field") else None)
        if kind == "unknown":
            unknown.append(name.strip())
        elif kind == "survey" and name.strip():
            not_taken.append(name.strip())
    return mapped, unknown, not_taken


def _decode(data: bytes, name: str) -> str | None:
    if b"\x00" in data[:65536]:
        return None
    # Excel saves a CSV in Windows encoding; LimeSurvey itself writes UTF-8.
    return decode_text(data)


def _csv_rows(text: str) -> list[list[str]]:
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    csv.field_size_limit(10 * 1024 * 1024)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def read_response_csv(data: bytes, name: str, survey: Survey, items: list) -> ResponseFile:
    """The rows of a CSV response export, or the reasons it does not fit ``survey``."""
    result = ResponseFile()
    if is_tsv_structure(data):
        result.refusals.append(
            _(
                "“%(name)s” is a structure export of LimeSurvey (tab-separated), not a response "
                "file. Upload it as the LimeSurvey file, and the responses as CSV."
            )
            % {"name": name}
        )
        return result
    text = _decode(data, name)
    if text is None:
        result.refusals.append(
            _("“%(name)s” is not a text file; export the responses from LimeSurvey as CSV.")
            % {"name": name}
        )
        return result
    try:
        table = _csv_rows(text)
    except csv.Error:
        result.refusals.append(
            _("“%(name)s” is a damaged CSV file: a quoted text does not end.") % {"name": name}
        )
        return result
    header, body = (table[0], table[1:]) if table else ([], [])
    columns = Columns(survey, items)
    mapped, unknown, result.not_taken = _map_header(header, columns)
    claim = FILE_CLAIM.search(name)
    result.refusals += _survey_reasons(columns, survey, claim.group(1) if claim else "")
    if unknown and not result.refusals:
        result.refusals.append(_unknown_columns_reason(unknown))
    if not result.refusals and not any(c and c not in META.values() for c in mapped):
        result.refusals.append(
            _("No column of “%(name)s” belongs to a question of this survey.") % {"name": name}
        )
    if not result.refusals:
        result.rows = [
            {column: value for column, value in zip(mapped, row, strict=False) if column}
            for row in body
            if any(cell.strip() for cell in row)
        ]
        if not result.rows:
            result.refusals.append(_("“%(name)s” holds no responses.") % {"name": name})
    return result


def check_archive_responses(survey: Survey, items: list) -> ResponseFile:
    """The responses inside a .lsa, checked like a CSV: the archive could be assembled."""
    result = ResponseFile(rows=survey.responses or [])
    columns = Columns(survey, items)
    _mapped, unknown, result.not_taken = _map_header(survey.response_fields or [], columns)
    result.refusals += _survey_reasons(columns, survey)
    if unknown and not result.refusals:
        result.refusals.append(_unknown_columns_reason(unknown))
    if result.refusals:
        result.rows = []
    return result
