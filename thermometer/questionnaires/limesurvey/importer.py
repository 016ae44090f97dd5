"""Bring a LimeSurvey survey (and its responses) into a scan as a questionnaire.

``preview_limesurvey`` works out everything the import would do and why it would not,
reading the database only; ``import_limesurvey`` does the same and then stores it, all
or nothing. The web page and the management command both show the one report.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.audit.events import record
from thermometer.questionnaires.constants import ItemSource, ItemType
from thermometer.questionnaires.models import Answer, Item, Questionnaire, Response

from .mapping import AnswerRefused, plan_items, read_answer
from .parse import LimeSurveyError, parse_survey_file
from .responses import SHOWN_COLUMNS, check_archive_responses, read_response_csv


@dataclass
class ImportReport:
    questionnaire: Questionnaire | None = None
    questions_read: int = 0
    items_created: int = 0  # in a preview: would be created
    skipped: list = field(default_factory=list)  # questions not imported, with the reason
    notes: list = field(default_factory=list)  # how questions were taken over
    responses_read: int = 0
    responses_imported: int = 0  # in a preview: would be imported
    responses_duplicate: int = 0
    refusals: list = field(default_factory=list)  # why nothing is (or would be) imported
    warnings: list = field(default_factory=list)  # values and responses left out, with why
    not_taken_columns: list = field(default_factory=list)

    @property
    def imported_anything(self) -> bool:
        return not self.refusals and bool(self.items_created or self.responses_imported)

    @property
    def messages(self) -> list:
        return self.refusals + self.warnings


@dataclass
class _Work:
    """What a preview found, ready to be stored."""

    survey: object = None
    plan: object = None
    template_key: str = ""
    layer: str | None = None
    responses: list = field(default_factory=list)  # (ref, row, [(item key, value, dk)])


def _describe_plan(report: ImportReport, survey, plan) -> None:
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
    report.notes += [
        _("Question %(code)s: a date, shown as %(format)s.")
        % {"code": item.key, "format": item.date_format}
        for item in plan.items
        if item.type == ItemType.DATE
    ]


def _gather_rows(report, survey, plan, responses_csv, responses_name) -> list:
    sources = []
    if survey.response_fields or survey.responses:
        sources.append(check_archive_responses(survey, plan.items))
    if responses_csv is not None:
        sources.append(read_response_csv(responses_csv, responses_name, survey, plan.items))
    rows = []
    for source in sources:
        report.refusals += source.refusals
        report.not_taken_columns += source.not_taken
        rows += source.rows
    return rows


def _answers(plan, row, number, report) -> list:
    answers = []
    for item_plan in plan.items:
        try:
            found = read_answer(item_plan, row)
        except AnswerRefused as refused:
            report.warnings.append(
                _("Response %(n)s, question %(code)s: “%(value)s” is left out: %(why)s.")
                % {
                    "n": row.get("id") or number,
                    "code": item_plan.key,
                    "value": refused.value,
                    "why": refused.reason,
                }
            )
            continue
        if found is not None:
            answers.append((item_plan.key[:80], found[0], found[1]))
    return answers


def _plan_responses(report, work, rows, questionnaire, *, given: bool) -> None:
    """Which rows become responses; ``given``: the user gave a response file, so a file
    of only empty responses is refused rather than imported as nothing."""
    known = (
        set(questionnaire.responses.exclude(source_ref="").values_list("source_ref", flat=True))
        if questionnaire is not None
        else set()
    )
    empty = []
    for number, row in enumerate(rows, start=1):
        ref = f"limesurvey:{row.get('id') or number}"
        if ref in known:
            report.responses_duplicate += 1
            continue
        known.add(ref)
        answers = _answers(work.plan, row, number, report)
        if not answers:
            empty.append(str(row.get("id") or number))
            continue
        work.responses.append((ref, row, answers))
    report.responses_imported = len(work.responses)
    if given and empty and not work.responses and not report.responses_duplicate:
        report.refusals.append(
            ngettext(
                "The response holds no answer to any question of the survey.",
                "None of the %(n)d responses holds an answer to a question of the survey.",
                len(empty),
            )
            % {"n": len(empty)}
        )
    elif empty:
        shown = ", ".join(empty[:SHOWN_COLUMNS]) + ("…" if len(empty) > SHOWN_COLUMNS else "")
        report.warnings.append(
            ngettext(
                "%(n)d response holds no answer and is left out: %(ids)s.",
                "%(n)d responses hold no answer and are left out: %(ids)s.",
                len(empty),
            )
            % {"n": len(empty), "ids": shown}
        )


def _layer(report, scan, layer, questionnaire, has_rows):
    if layer is not None and layer not in scan.method.layers:
        report.refusals.append(
            _("Layer “%(layer)s” does not exist in this method.") % {"layer": layer}
        )
        return None
    if layer is None and questionnaire is not None and len(questionnaire.audience_layers) == 1:
        layer = questionnaire.audience_layers[0]
    if has_rows and layer is None:
        report.refusals.append(
            _("Choose the layer of the chain these respondents belong to; nothing was imported.")
        )
    return layer


def _prepare(scan, data, filename, responses_csv, responses_name, layer):
    report, work = ImportReport(), _Work()
    try:
        survey = parse_survey_file(data, filename)
    except LimeSurveyError as error:
        report.refusals.append(
            _("“%(name)s” cannot be read. %(why)s") % {"name": filename, "why": error}
        )
        return report, work
    work.survey, work.plan = survey, plan_items(survey)
    _describe_plan(report, survey, work.plan)
    sid = survey.sid or filename
    work.template_key = (
        f"limesurvey:{sid}:{survey.group_id}" if survey.group_id else f"limesurvey:{sid}"
    )[:50]
    questionnaire = scan.questionnaires.filter(template_key=work.template_key).first()
    report.questionnaire = questionnaire
    report.items_created = 0 if questionnaire else len(work.plan.items)
    rows = _gather_rows(report, survey, work.plan, responses_csv, responses_name)
    work.layer = _layer(report, scan, layer, questionnaire, bool(rows))
    if not report.refusals:
        report.responses_read = len(rows)
        _plan_responses(report, work, rows, questionnaire, given=responses_csv is not None)
    if report.refusals:
        report.items_created = report.responses_imported = 0
    return report, work


def preview_limesurvey(
    scan,
    data: bytes,
    filename: str,
    *,
    responses_csv=None,
    responses_name="responses.csv",
    layer=None,
) -> ImportReport:
    """What ``import_limesurvey`` would do with these files; stores nothing."""
    return _prepare(scan, data, filename, responses_csv, responses_name, layer)[0]


def import_limesurvey(
    scan,
    data: bytes,
    filename: str,
    *,
    user,
    responses_csv=None,
    responses_name="responses.csv",
    layer=None,
) -> ImportReport:
    """Create (or reuse) the questionnaire and add the responses not imported before —
    or, when anything does not fit, nothing at all (``report.refusals`` says why)."""
    report, work = _prepare(scan, data, filename, responses_csv, responses_name, layer)
    if report.refusals or not report.imported_anything:
        return report
    with transaction.atomic():
        if report.questionnaire is None:
            report.questionnaire = _create_questionnaire(scan, work, user)
        _store_responses(scan, report.questionnaire, work, user)
    return report


def _create_questionnaire(scan, work, user) -> Questionnaire:
    survey, items = work.survey, work.plan.items
    name = survey.title or work.template_key.removeprefix("limesurvey:")
    questionnaire = Questionnaire.objects.create(
        scan=scan,
        template_key=work.template_key,
        name=_("%(title)s (from LimeSurvey)") % {"title": name},
        intro=_("This questionnaire was taken over from LimeSurvey."),
        audience_layers=[work.layer] if work.layer else [],
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
            date_format=item.date_format,
            source=ItemSource.ADVISER,
        )
        for index, item in enumerate(items)
    )
    record(
        "questionnaire_imported", user=user, scan=scan, name=questionnaire.name, count=len(items)
    )
    return questionnaire


def _submitted(row):
    text = (row.get("submitdate") or "").strip()
    moment = parse_datetime(text.replace(" ", "T")) if text else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _store_responses(scan, questionnaire, work, user) -> None:
    if not work.responses:
        return
    items = {item.key: item for item in questionnaire.items.all()}
    now = timezone.now()
    answers = []
    for ref, row, values in work.responses:
        submitted = _submitted(row)
        response = Response.objects.create(
            questionnaire=questionnaire,
            layer=work.layer,
            actor=scan.method.layer_default_actor[work.layer],
            language="en" if row.get("startlanguage") == "en" else "nl",
            consent_at=submitted or now,
            submitted_at=submitted,
            source_ref=ref,
        )
        answers += [
            Answer(response=response, item=items[key], value=value, dont_know=dont_know)
            for key, value, dont_know in values
            if key in items
        ]
    Answer.objects.bulk_create(answers)
    record(
        "responses_imported",
        user=user,
        scan=scan,
        name=questionnaire.name,
        count=len(work.responses),
    )
