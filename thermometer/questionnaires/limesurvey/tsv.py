"""Read LimeSurvey's tab-separated structure export (.txt) into the same ``Survey`` as
the .lss reader.

One row per element: ``S`` survey settings, ``SL`` settings per language, ``G`` a group,
``Q`` a question, ``SQ`` and ``A`` its subquestions and answer options (they follow
their question). A multilingual survey repeats its groups and questions once per
language; those blocks are matched on question code, since the ids in the rows are not
always consistent between languages. Rows of other classes (quotas, conditions,
assessments) are not questions and are passed over.
"""

import csv
import io

from django.utils.translation import gettext as _

from .parse import DATE_FORMATS, LimeSurveyError, Option, Question, Sub, Survey, plain

REQUIRED = ("class", "type/scale", "name", "text", "language")


def header_of(data: bytes) -> list[str]:
    first = data[:8192].split(b"\n", 1)[0]
    return [name.strip().lower() for name in first.decode("utf-8-sig", "replace").split("\t")]


def is_tsv_structure(data: bytes) -> bool:
    """A structure export, whatever its name: its header names the element class."""
    header = header_of(data)
    return "class" in header and "type/scale" in header


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise LimeSurveyError(
            _("The file holds binary data (a NUL byte) and is not a text export of LimeSurvey.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LimeSurveyError(
            _("The file is not in UTF-8, the encoding LimeSurvey exports in. Export it again.")
        ) from None


def _rows(data: bytes) -> list[dict]:
    text = _decode(data)
    csv.field_size_limit(10 * 1024 * 1024)
    try:
        reader = csv.reader(io.StringIO(text), delimiter="\t")
        header = [name.strip().lower() for name in next(reader, [])]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise LimeSurveyError(
                _(
                    "This is not a tab-separated structure export of LimeSurvey: the columns "
                    "%(columns)s are missing."
                )
                % {"columns": ", ".join(missing)}
            )
        return [dict(zip(header, row, strict=False)) for row in reader if any(row)]
    except csv.Error:
        raise LimeSurveyError(
            _("The tab-separated file is damaged: a quoted text does not end.")
        ) from None


class _Builder:
    """Collects the rows of every language block into one survey."""

    def __init__(self):
        self.settings: dict = {}
        self.titles: dict = {}
        self.date_formats: dict = {}
        self.questions: dict[str, Question] = {}
        self.group = ("", 0)
        self.current: Question | None = None
        self.counter = 0

    def survey_setting(self, row):
        self.settings[row.get("name", "")] = row.get("text", "")

    def language_setting(self, row):
        language, name, value = row.get("language", ""), row.get("name", ""), row.get("text", "")
        if name == "surveyls_title":
            self.titles[language] = plain(value)
        elif name == "surveyls_dateformat" and value in DATE_FORMATS:
            self.date_formats[language] = DATE_FORMATS[value]

    def group_row(self, row):
        order = row.get("type/scale", "")
        self.group = (row.get("id", ""), int(order) if order.isdigit() else 0)

    def question_row(self, row, columns):
        code, language = row.get("name", ""), row.get("language", "")
        self.counter += 1
        question = self.questions.get(code)
        if question is None:
            question = Question(
                qid=row.get("id", "") or str(self.counter),
                gid=self.group[0],
                code=code,
                type=row.get("type/scale", ""),
                texts={},
                order=self.counter,
                group_order=self.group[1],
                other=row.get("other") == "Y",
                attributes={c: row[c] for c in columns if row.get(c)},
            )
            self.questions[code] = question
        question.texts[language] = plain(row.get("text", ""))
        self.current = question

    def sub_row(self, row):
        if self.current is None:
            return
        scale = row.get("type/scale", "")
        scale_id = int(scale) if scale.isdigit() else 0
        code = row.get("name", "")
        found = next(
            (s for s in self.current.subquestions if (s.code, s.scale_id) == (code, scale_id)),
            None,
        )
        if found is None:
            found = Sub(row.get("id", ""), code, {}, scale_id, len(self.current.subquestions))
            self.current.subquestions.append(found)
        found.texts[row.get("language", "")] = plain(row.get("text", ""))

    def option_row(self, row):
        if self.current is None:
            return
        scale = row.get("type/scale", "")
        scale_id = int(scale) if scale.isdigit() else 0
        code = row.get("name", "")
        found = next(
            (o for o in self.current.options if (o.code, o.scale_id) == (code, scale_id)), None
        )
        if found is None:
            found = Option(code, {}, scale_id, len(self.current.options))
            self.current.options.append(found)
        found.texts[row.get("language", "")] = plain(row.get("text", ""))


def parse_tsv(data: bytes) -> Survey:
    rows = _rows(data)
    columns = [c for c in (rows[0].keys() if rows else []) if c not in REQUIRED]
    columns = [c for c in columns if c not in ("id", "related_id", "relevance", "help")]
    builder = _Builder()
    handlers = {
        "S": builder.survey_setting,
        "SL": builder.language_setting,
        "G": builder.group_row,
        "SQ": builder.sub_row,
        "A": builder.option_row,
    }
    for row in rows:
        kind = row.get("class", "").strip()
        if kind == "Q":
            builder.question_row(row, columns)
        elif kind in handlers:
            handlers[kind](row)
    settings = builder.settings
    if not settings.get("sid") and not builder.questions:
        raise LimeSurveyError(_("The tab-separated structure export holds no survey."))
    base = settings.get("language", "")
    extra = settings.get("additional_languages", "").split()
    languages = [lang for lang in [base, *extra] if lang]
    for question in builder.questions.values():
        question.subquestions.sort(key=lambda s: (s.scale_id, s.order))
        question.options.sort(key=lambda o: (o.scale_id, o.order))
    return Survey(
        sid=settings.get("sid", ""),
        languages=languages,
        titles=builder.titles,
        questions=list(builder.questions.values()),
        base_language=base,
        date_formats=builder.date_formats,
    )
