"""Read LimeSurvey XML files into plain data (pure: bytes in, dataclasses out).

Structure: the .lss XML of LimeSurvey 3 to 6 and the .lsg XML of one question group —
from DBVersion 400 on texts live in ``*_l10ns`` tables, before that in the rows
themselves, one row per language. Responses: the .lsr XML inside a .lsa archive, keyed
by SGQA field names. The tab-separated structure export is read in ``tsv``.

Every ``LimeSurveyError`` carries a whole sentence in the user's language.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thermometer.core.safe_xml import DECLARES_ENTITY, UnsafeXML, parse

MAX_ARCHIVE_MEMBER = 50 * 1024 * 1024
TAG = re.compile(r"<[^>]+>")
# LimeSurvey's survey date formats (surveyls_dateformat), by number.
DATE_FORMATS = {
    "1": "dd.mm.yyyy",
    "2": "dd-mm-yyyy",
    "3": "yyyy.mm.dd",
    "4": "d.m.yyyy",
    "5": "dd/mm/yyyy",
    "6": "yyyy-mm-dd",
    "7": "yyyy/mm/dd",
    "8": "d/m/yyyy",
    "9": "mm-dd-yyyy",
    "10": "mm.dd.yyyy",
    "11": "mm/dd/yyyy",
    "12": "d-m-yyyy",
}


class LimeSurveyError(ValueError):
    """A file that cannot be read as LimeSurvey; the message is a sentence for the user."""


def plain(html: str) -> str:
    """Question texts are HTML in LimeSurvey; we keep readable text."""
    from html import unescape

    return " ".join(unescape(TAG.sub(" ", html or "")).split())


@dataclass
class Sub:
    qid: str
    code: str
    texts: dict
    scale_id: int = 0
    order: int = 0


@dataclass
class Option:
    code: str
    texts: dict
    scale_id: int = 0
    order: int = 0


@dataclass
class Question:
    qid: str
    gid: str
    code: str
    type: str
    texts: dict
    order: int
    group_order: int
    other: bool = False
    subquestions: list = field(default_factory=list)
    options: list = field(default_factory=list)
    attributes: dict = field(default_factory=dict)  # e.g. {"date_format": "dd-mm-yyyy"}


@dataclass
class Survey:
    sid: str
    languages: list
    titles: dict
    questions: list
    responses: list | None = None  # rows of {field: value}, SGQA field names
    base_language: str = ""
    date_formats: dict = field(default_factory=dict)  # language -> LimeSurvey pattern
    group_id: str = ""  # set for a question-group export (.lsg)
    response_fields: list | None = None  # column names of the archive's responses

    def sgqa(self, question: Question) -> str:
        return f"{self.sid}X{question.gid}X{question.qid}"

    @property
    def title(self) -> str:
        return self.titles.get(self.base_language) or next(
            (t for t in self.titles.values() if t), ""
        )

    @property
    def date_format(self) -> str:
        """The survey's own date format, for date questions that set none."""
        return self.date_formats.get(self.base_language) or next(
            iter(self.date_formats.values()), "dd-mm-yyyy"
        )


def _table(root, name) -> list[dict]:
    table = root.find(name)
    if table is None or table.find("rows") is None:
        return []
    return [{child.tag: (child.text or "") for child in row} for row in table.find("rows")]


def _texts(rows: list[dict], id_field: str, text_field: str) -> dict:
    texts: dict = {}
    for row in rows:
        texts.setdefault(row.get(id_field, ""), {})[row.get("language", "")] = plain(
            row.get(text_field, "")
        )
    return texts


def _xml(data: bytes):
    try:
        return parse(data)
    except UnsafeXML as error:
        if DECLARES_ENTITY.search(data):
            raise LimeSurveyError(str(error)) from None
        # lxml's own reason is English and technical; the user needs to know what to do.
        raise LimeSurveyError(
            _("The file is not valid XML: it is damaged or not a LimeSurvey export.")
        ) from None


def _doc_type(root) -> str:
    return (root.findtext("LimeSurveyDocType") or "").strip()


def _attributes(root, base_language: str) -> dict:
    found: dict = {}
    for row in _table(root, "question_attributes"):
        language = row.get("language", "")
        if language and language != base_language:
            continue
        found.setdefault(row.get("qid", ""), {})[row.get("attribute", "")] = row.get("value", "")
    return found


def _text_lookups(root, rows, subs, answers, db_version):
    """Functions giving a question's and an answer option's texts by language."""
    if db_version >= 400:
        q_texts = _texts(_table(root, "question_l10ns"), "qid", "question")
        a_texts = _texts(_table(root, "answer_l10ns"), "aid", "answer")
        return (lambda qid: q_texts.get(qid, {})), (lambda row: a_texts.get(row.get("aid"), {}))
    # Before 4.0: one row per language in the same table.
    q_old: dict = {}
    for r in rows + subs:
        q_old.setdefault(r.get("qid"), {})[r.get("language", "")] = plain(r.get("question", ""))
    a_old: dict = {}
    for r in answers:
        key = (r.get("qid"), r.get("code"), r.get("scale_id"))
        a_old.setdefault(key, {})[r.get("language", "")] = plain(r.get("answer", ""))
    return (
        lambda qid: q_old.get(qid, {}),
        lambda row: a_old.get((row.get("qid"), row.get("code"), row.get("scale_id")), {}),
    )


def _questions(root, groups: dict, base_language: str) -> list[Question]:
    db_version = int((root.findtext("DBVersion") or "0").strip() or 0)
    rows, subs = _table(root, "questions"), _table(root, "subquestions")
    answers = _table(root, "answers")
    q_texts, a_texts = _text_lookups(root, rows, subs, answers, db_version)
    attributes = _attributes(root, base_language)
    questions: dict[str, Question] = {}
    for row in rows:
        if row.get("parent_qid", "0") not in ("", "0") or row.get("qid") in questions:
            continue
        questions[row["qid"]] = Question(
            qid=row["qid"],
            gid=row.get("gid", ""),
            code=row.get("title", ""),
            type=row.get("type", ""),
            texts=q_texts(row["qid"]),
            order=int(row.get("question_order") or 0),
            group_order=groups.get(row.get("gid", ""), 0),
            other=row.get("other") == "Y",
            attributes=attributes.get(row["qid"], {}),
        )
    seen = set()
    for row in subs + [r for r in rows if r.get("parent_qid", "0") not in ("", "0")]:
        parent = questions.get(row.get("parent_qid", ""))
        if parent is None or row["qid"] in seen:
            continue
        seen.add(row["qid"])
        parent.subquestions.append(
            Sub(
                row["qid"],
                row.get("title", ""),
                q_texts(row["qid"]),
                int(row.get("scale_id") or 0),
                int(row.get("question_order") or 0),
            )
        )
    seen = set()
    for row in answers:
        question = questions.get(row.get("qid", ""))
        key = (row.get("qid"), row.get("code"), row.get("scale_id"))
        if question is None or key in seen:
            continue
        seen.add(key)
        question.options.append(
            Option(
                row.get("code", ""),
                a_texts(row),
                int(row.get("scale_id") or 0),
                int(row.get("sortorder") or 0),
            )
        )
    for question in questions.values():
        question.subquestions.sort(key=lambda s: (s.scale_id, s.order))
        question.options.sort(key=lambda o: (o.scale_id, o.order))
    return sorted(questions.values(), key=lambda q: (q.group_order, q.order, int(q.qid or 0)))


def _languages(root) -> list[str]:
    listed = root.find("languages")
    return [e.text for e in listed if e.text] if listed is not None else []


def parse_lss(data: bytes) -> Survey:
    root = _xml(data)
    doc_type = _doc_type(root)
    if doc_type != "Survey":
        raise LimeSurveyError(
            _("This is not a LimeSurvey survey structure (the file says it holds “%(type)s”).")
            % {"type": doc_type or "?"}
        )
    languages = _languages(root)
    surveys = _table(root, "surveys")
    sid = surveys[0].get("sid", "") if surveys else ""
    base = (surveys[0].get("language", "") if surveys else "") or next(iter(languages), "")
    settings = _table(root, "surveys_languagesettings")
    titles = {r.get("surveyls_language", ""): plain(r.get("surveyls_title", "")) for r in settings}
    date_formats = {
        r.get("surveyls_language", ""): DATE_FORMATS[r["surveyls_dateformat"]]
        for r in settings
        if r.get("surveyls_dateformat") in DATE_FORMATS
    }
    groups = {r["gid"]: int(r.get("group_order") or 0) for r in _table(root, "groups")}
    return Survey(
        sid=sid,
        languages=languages,
        titles=titles,
        questions=_questions(root, groups, base),
        base_language=base,
        date_formats=date_formats,
    )


def parse_lsg(data: bytes) -> Survey:
    """One question group, exported on its own: its survey id and name come with it."""
    root = _xml(data)
    doc_type = _doc_type(root)
    if doc_type != "Group":
        raise LimeSurveyError(
            _("This is not a LimeSurvey question group (the file says it holds “%(type)s”).")
            % {"type": doc_type or "?"}
        )
    languages = _languages(root)
    group_rows = _table(root, "groups")
    if not group_rows:
        raise LimeSurveyError(_("The question group export holds no group."))
    first = group_rows[0]
    names = _texts(_table(root, "group_l10ns"), "gid", "group_name").get(first.get("gid"), {})
    if not names:  # before 4.0 the name is in the group row, one row per language
        names = {r.get("language", ""): plain(r.get("group_name", "")) for r in group_rows}
    base = next(iter(languages), "")
    groups = {r["gid"]: int(r.get("group_order") or 0) for r in group_rows}
    return Survey(
        sid=first.get("sid", ""),
        languages=languages,
        titles=names,
        questions=_questions(root, groups, base),
        base_language=base,
        group_id=first.get("gid", ""),
    )


def parse_lsr(data: bytes) -> tuple[list[str], list[dict]]:
    """The column names and rows of a response export."""
    root = _xml(data)
    if _doc_type(root) != "Responses":
        raise LimeSurveyError(_("The archive's response file is not a LimeSurvey response export."))
    responses = root.find("responses")
    if responses is None:
        return [], []
    fields = [e.text or "" for e in responses.iterfind("fields/fieldname")]
    if responses.find("rows") is None:
        return fields, []
    rows = [
        {child.tag.removeprefix("_"): (child.text or "") for child in row}
        for row in responses.find("rows")
    ]
    return fields, rows


def _member(archive, name: str) -> bytes:
    """Read one member, never more than the limit, whatever the archive claims."""
    with archive.open(name) as handle:
        data = handle.read(MAX_ARCHIVE_MEMBER + 1)
    if len(data) > MAX_ARCHIVE_MEMBER:
        raise LimeSurveyError(_("“%(name)s” in the archive is too large to read.") % {"name": name})
    return data


def parse_lsa(data: bytes) -> Survey:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        raise LimeSurveyError(
            _("This is not a LimeSurvey archive: a .lsa file is a zip file, this one is not.")
        ) from None
    lss = [n for n in names if n.lower().endswith(".lss")]
    if not lss:
        raise LimeSurveyError(_("The archive holds no survey structure (.lss)."))
    try:
        survey = parse_lss(_member(archive, lss[0]))
        lsr = [n for n in names if n.lower().endswith(".lsr")]
        survey.response_fields, survey.responses = (
            parse_lsr(_member(archive, lsr[0])) if lsr else ([], [])
        )
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError):
        raise LimeSurveyError(_("The archive is damaged and cannot be unpacked.")) from None
    return survey


def parse_survey_file(data: bytes, filename: str) -> Survey:
    from .tsv import parse_tsv

    name = filename.lower()
    readers = {".lsa": parse_lsa, ".lss": parse_lss, ".lsg": parse_lsg, ".txt": parse_tsv}
    for suffix, reader in readers.items():
        if name.endswith(suffix):
            return reader(data)
    raise LimeSurveyError(
        _(
            "Choose a LimeSurvey file: a survey (.lss), an archive (.lsa), a question group (.lsg) "
            "or a tab-separated structure export (.txt)."
        )
    )
