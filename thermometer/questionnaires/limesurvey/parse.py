"""Read LimeSurvey files into plain data (pure: bytes in, dataclasses out).

Structure: the .lss XML of LimeSurvey 3 to 6 — from DBVersion 400 on texts live in
``*_l10ns`` tables, before that in the rows themselves, one row per language.
Responses: the .lsr XML inside a .lsa archive, keyed by SGQA field names.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

MAX_ARCHIVE_MEMBER = 50 * 1024 * 1024
TAG = re.compile(r"<[^>]+>")


class LimeSurveyError(ValueError):
    """A file that cannot be read as LimeSurvey; the message is for the user."""


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


@dataclass
class Survey:
    sid: str
    languages: list
    titles: dict
    questions: list
    responses: list | None = None  # rows of {field: value}, SGQA field names

    def sgqa(self, question: Question) -> str:
        return f"{self.sid}X{question.gid}X{question.qid}"


def _table(root, name) -> list[dict]:
    table = root.find(name)
    if table is None or table.find("rows") is None:
        return []
    return [{child.tag: (child.text or "") for child in row} for row in table.find("rows")]


def _texts(rows: list[dict], key: str, id_field: str, text_field: str) -> dict:
    texts: dict = {}
    for row in rows:
        texts.setdefault(row.get(id_field, ""), {})[row.get("language", "")] = plain(
            row.get(text_field, "")
        )
    return texts.get(key, {})


def _xml(data: bytes):
    from thermometer.core.safe_xml import UnsafeXML, parse

    try:
        return parse(data)
    except UnsafeXML as error:
        raise LimeSurveyError(str(error)) from None


def parse_lss(data: bytes) -> Survey:
    root = _xml(data)
    doc_type = (root.findtext("LimeSurveyDocType") or "").strip()
    if doc_type != "Survey":
        raise LimeSurveyError(f"not a LimeSurvey survey structure (type '{doc_type or '?'}')")
    listed = root.find("languages")
    languages = [e.text for e in listed if e.text] if listed is not None else []
    db_version = int((root.findtext("DBVersion") or "0").strip() or 0)
    surveys = _table(root, "surveys")
    sid = surveys[0].get("sid", "") if surveys else ""
    settings = _table(root, "surveys_languagesettings")
    titles = {r.get("surveyls_language", ""): plain(r.get("surveyls_title", "")) for r in settings}
    groups = {r["gid"]: int(r.get("group_order") or 0) for r in _table(root, "groups")}
    rows = _table(root, "questions")
    subs = _table(root, "subquestions")
    answers = _table(root, "answers")
    if db_version >= 400:
        q_l10n = _table(root, "question_l10ns")
        a_l10n = _table(root, "answer_l10ns")

        def q_texts(qid):
            return _texts(q_l10n, qid, "qid", "question")

        def a_texts(row):
            return _texts(a_l10n, row.get("aid", ""), "aid", "answer")
    else:
        # Before 4.0: one row per language in the same table.
        def q_texts(qid):
            return {
                r.get("language", ""): plain(r.get("question", ""))
                for r in rows + subs
                if r.get("qid") == qid
            }

        def a_texts(row):
            return {
                r.get("language", ""): plain(r.get("answer", ""))
                for r in answers
                if r.get("qid") == row.get("qid") and r.get("code") == row.get("code")
            }

    questions: dict[str, Question] = {}
    for row in rows:
        if row.get("parent_qid", "0") not in ("", "0") or row["qid"] in questions:
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
        )
    seen_subs = set()
    for row in subs + [r for r in rows if r.get("parent_qid", "0") not in ("", "0")]:
        parent = questions.get(row.get("parent_qid", ""))
        if parent is None or row["qid"] in seen_subs:
            continue
        seen_subs.add(row["qid"])
        parent.subquestions.append(
            Sub(
                row["qid"],
                row.get("title", ""),
                q_texts(row["qid"]),
                int(row.get("scale_id") or 0),
                int(row.get("question_order") or 0),
            )
        )
    seen_options = set()
    for row in answers:
        question = questions.get(row.get("qid", ""))
        key = (row.get("qid"), row.get("code"), row.get("scale_id"))
        if question is None or key in seen_options:
            continue
        seen_options.add(key)
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
    ordered = sorted(questions.values(), key=lambda q: (q.group_order, q.order, int(q.qid)))
    return Survey(sid=sid, languages=languages, titles=titles, questions=ordered)


def parse_lsr(data: bytes) -> list[dict]:
    root = _xml(data)
    if (root.findtext("LimeSurveyDocType") or "").strip() != "Responses":
        raise LimeSurveyError("the archive's response file is not a LimeSurvey response export")
    responses = root.find("responses")
    if responses is None or responses.find("rows") is None:
        return []
    return [
        {child.tag.removeprefix("_"): (child.text or "") for child in row}
        for row in responses.find("rows")
    ]


def parse_lsa(data: bytes) -> Survey:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise LimeSurveyError("not a LimeSurvey archive (.lsa is a zip file)") from None
    names = archive.namelist()
    for info in archive.infolist():
        if info.file_size > MAX_ARCHIVE_MEMBER:
            raise LimeSurveyError(f"'{info.filename}' in the archive is too large")
    lss = [n for n in names if n.endswith(".lss")]
    if not lss:
        raise LimeSurveyError("the archive holds no survey structure (.lss)")
    survey = parse_lss(archive.read(lss[0]))
    lsr = [n for n in names if n.endswith(".lsr")]
    survey.responses = parse_lsr(archive.read(lsr[0])) if lsr else []
    return survey


def parse_survey_file(data: bytes, filename: str) -> Survey:
    name = filename.lower()
    if name.endswith(".lsa"):
        return parse_lsa(data)
    if name.endswith(".lss"):
        return parse_lss(data)
    raise LimeSurveyError("expected a LimeSurvey .lss or .lsa file")
