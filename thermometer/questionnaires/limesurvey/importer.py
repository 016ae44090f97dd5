"""Bring a LimeSurvey survey (and its responses) into a scan as a questionnaire."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from thermometer.audit.events import record
from thermometer.questionnaires.constants import ItemSource
from thermometer.questionnaires.models import Answer, Item, Questionnaire, Response

from .mapping import plan_items, read_answer
from .parse import LimeSurveyError, parse_survey_file, plain

META = {
    "id": "id",
    "response id": "id",
    "submitdate": "submitdate",
    "date submitted": "submitdate",
    "startlanguage": "startlanguage",
    "start language": "startlanguage",
}


@dataclass
class ImportReport:
    questionnaire: Questionnaire | None = None
    questions_read: int = 0
    items_created: int = 0
    skipped: list = field(default_factory=list)  # messages about questions not imported
    notes: list = field(default_factory=list)  # messages about how questions were taken over
    responses_read: int = 0
    responses_imported: int = 0
    responses_duplicate: int = 0
    problems: list = field(default_factory=list)  # row-level messages
    unmapped_columns: list = field(default_factory=list)

    @property
    def imported_anything(self) -> bool:
        return bool(self.items_created or self.responses_imported)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text)).strip().casefold()


def read_csv_responses(data: bytes, plans, survey) -> tuple[list[dict], list[str]]:
    """CSV rows as {SGQA field: value}; headers may be codes, SGQA or question texts."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])
    lookup = {}
    for plan in plans:
        for field_name, names in zip(plan.fields, plan.headers, strict=False):
            lookup[_key(field_name)] = field_name
            for name in names:
                lookup.setdefault(_key(name), field_name)
    columns, unmapped = [], []
    for name in header:
        key = _key(name)
        if key in META:
            columns.append(META[key])
        elif key in lookup:
            columns.append(lookup[key])
        else:
            columns.append(None)
            if key:
                unmapped.append(name.strip())
    rows = [
        {column: value for column, value in zip(columns, row, strict=False) if column}
        for row in reader
        if any(cell.strip() for cell in row)
    ]
    return rows, unmapped


@transaction.atomic
def import_limesurvey(scan, data: bytes, filename: str, *, user, responses_csv=None, layer=None):
    """Create (or reuse) the questionnaire and add the responses not imported before."""
    report = ImportReport()
    try:
        survey = parse_survey_file(data, filename)
    except LimeSurveyError as error:
        report.problems.append(
            _("“%(name)s” cannot be read: %(why)s.") % {"name": filename, "why": error}
        )
        return report
    plan = plan_items(survey)
    report.questions_read = len(survey.questions)
    report.skipped = [
        _("Question %(code)s (type %(type)s) not imported: %(why)s.")
        % {"code": code, "type": kind, "why": why}
        for code, kind, why in plan.skipped
    ]
    report.notes = [
        _("Question %(code)s: %(note)s.") % {"code": item.key, "note": item.note}
        for item in plan.items
        if item.note
    ]
    method = scan.method
    if layer is not None and layer not in method.layers:
        report.problems.append(
            _("Layer “%(layer)s” does not exist in this method.") % {"layer": layer}
        )
        return report
    template_key = f"limesurvey:{survey.sid or filename}"
    questionnaire = scan.questionnaires.filter(template_key=template_key).first()
    if questionnaire is None:
        title = survey.titles.get("nl") or next(iter(survey.titles.values()), "") or filename
        questionnaire = Questionnaire.objects.create(
            scan=scan,
            template_key=template_key,
            name=_("%(title)s (from LimeSurvey)") % {"title": title},
            intro=_("This questionnaire was taken over from LimeSurvey."),
            audience_layers=[layer] if layer else [],
            order=scan.questionnaires.count(),
        )
        Item.objects.bulk_create(
            Item(
                questionnaire=questionnaire,
                key=item.key[:80],
                order=index,
                page=1,
                type=item.type,
                text=item.text or item.key,
                text_en=item.text_en,
                scale=item.scale,
                options=item.options if item.type in ("single_choice", "multiple_choice") else [],
                source=ItemSource.ADVISER,
            )
            for index, item in enumerate(plan.items)
        )
        report.items_created = len(plan.items)
        record(
            "questionnaire_imported",
            user=user,
            scan=scan,
            name=questionnaire.name,
            count=len(plan.items),
        )
    report.questionnaire = questionnaire

    rows = survey.responses or []
    if responses_csv is not None:
        csv_rows, report.unmapped_columns = read_csv_responses(responses_csv, plan.items, survey)
        rows = rows + csv_rows
        if not csv_rows:
            report.problems.append(_("The response file holds no responses."))
    if not rows:
        return report
    report.responses_read = len(rows)
    layer = layer or (
        questionnaire.audience_layers[0] if len(questionnaire.audience_layers) == 1 else None
    )
    if layer is None:
        report.problems.append(
            _(
                "Choose the layer of the chain these respondents belong to; "
                "no responses were imported."
            )
        )
        return report
    items = {item.key: item for item in questionnaire.items.all()}
    known = set(questionnaire.responses.exclude(source_ref="").values_list("source_ref", flat=True))
    now = timezone.now()
    for number, row in enumerate(rows, start=1):
        ref = f"limesurvey:{row.get('id') or number}"
        if ref in known:
            report.responses_duplicate += 1
            continue
        known.add(ref)
        submitted = (
            parse_datetime(row.get("submitdate", "").replace(" ", "T"))
            if row.get("submitdate")
            else None
        )
        if submitted is not None and timezone.is_naive(submitted):
            submitted = timezone.make_aware(submitted)
        response = Response.objects.create(
            questionnaire=questionnaire,
            layer=layer,
            actor=method.layer_default_actor[layer],
            language="en" if row.get("startlanguage") == "en" else "nl",
            consent_at=submitted or now,
            submitted_at=submitted,
            source_ref=ref,
        )
        answers = []
        for item_plan in plan.items:
            item = items.get(item_plan.key[:80])
            if item is None:
                continue
            try:
                found = read_answer(item_plan, row)
            except ValueError as error:
                report.problems.append(
                    _("Response %(n)s, question %(code)s: “%(value)s” is not one of its options.")
                    % {"n": row.get("id") or number, "code": item_plan.key, "value": error}
                )
                continue
            if found is not None:
                answers.append(
                    Answer(response=response, item=item, value=found[0], dont_know=found[1])
                )
        Answer.objects.bulk_create(answers)
        report.responses_imported += 1
    if report.responses_imported:
        record(
            "responses_imported",
            user=user,
            scan=scan,
            name=questionnaire.name,
            count=report.responses_imported,
        )
    return report
