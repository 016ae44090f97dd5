"""Responses from an SPSS .sav file into a questionnaire of a scan.

The variables are matched to the questionnaire's questions by code; when no
questionnaire of the scan has the file's codes, a draft questionnaire can be made from
the file's labels. Stored as the LimeSurvey import stores responses: one ``Response``
per row with a ``source_ref`` ("spss:<respondent number>"), so a second import of the
same file adds nothing. A row with a value outside its labels is refused with the
reason; a file that cannot be read, or no layer, stores nothing at all.
"""

import hashlib
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thermometer.audit.events import record

from .constants import ItemSource
from .models import Answer, Item, Questionnaire, Response
from .spss import SpssError, read_sav
from .spss_draft import plan_draft
from .spss_matching import id_variable, match_variables, read_row

BATCH = 200  # rows written at a time
NEW = "new"  # the target that makes a draft questionnaire from the file
HAS_CODE = any(f.name == "code" for f in Item._meta.get_fields())


@dataclass
class SavReport:
    questionnaire: Questionnaire | None = None
    items_created: int = 0
    matched: list = field(default_factory=list)  # (variable names, question key)
    unmatched: list = field(default_factory=list)  # (variable name, reason)
    missing_items: list = field(default_factory=list)  # question keys not in the file
    skipped: list = field(default_factory=list)  # (variable name, why no question was made)
    rows_read: int = 0
    responses_imported: int = 0
    responses_duplicate: int = 0
    refused: list = field(default_factory=list)  # Dutch reason per refused row
    problems: list = field(default_factory=list)  # why nothing (more) was imported
    offer_draft: bool = False  # no questionnaire has the file's codes: offer to make one

    @property
    def imported_anything(self) -> bool:
        return bool(self.items_created or self.responses_imported)


def _scales(scan) -> dict:
    return {scale["key"]: scale for scale in scan.method.data.get("scales", [])}


def _best_questionnaire(scan, sav, scales):
    """The scan's questionnaire whose codes most of the file's variables carry."""
    best, best_count = None, 0
    for questionnaire in scan.questionnaires.all():
        count = match_variables(sav.variables, list(questionnaire.items.all()), scales)
        if count.matched_variables > best_count:
            best, best_count = questionnaire, count.matched_variables
    return best


def _structure_key(sav) -> str:
    signature = "\n".join(f"{v.name}\t{v.label}" for v in sav.variables)
    return "spss:" + hashlib.sha256(signature.encode()).hexdigest()[:16]


def _draft(scan, sav, filename, layer, report, *, user, store) -> tuple[Questionnaire, list]:
    """The draft questionnaire made from this file's labels (made once per structure),
    with its questions; unsaved in a preview."""
    template_key = _structure_key(sav)
    existing = scan.questionnaires.filter(template_key=template_key).first()
    planned, report.skipped = plan_draft(sav.variables, _scales(scan))
    if existing is not None:
        return existing, list(existing.items.all())
    title = sav.file_label if sav.file_label and "created by" not in sav.file_label else filename
    questionnaire = Questionnaire(
        scan=scan,
        template_key=template_key,
        name=_("%(title)s (from SPSS)") % {"title": title[:150]},
        intro=_("This questionnaire was made from the labels of an SPSS file."),
        audience_layers=[layer] if layer else [],
        order=scan.questionnaires.count(),
    )
    items = [
        Item(
            questionnaire=questionnaire,
            key=item.key,
            order=index,
            type=item.type,
            text=item.text,
            scale=item.scale,
            options=item.options,
            source=ItemSource.ADVISER,
            **({"code": item.key[:50]} if HAS_CODE else {}),
        )
        for index, item in enumerate(planned)
    ]
    report.items_created = len(items)
    if store:
        questionnaire.save()
        for item in items:
            item.questionnaire = questionnaire  # now with its primary key
        Item.objects.bulk_create(items)
        record("questionnaire_created", user=user, scan=scan, name=questionnaire.name)
    return questionnaire, items


def _target(scan, sav, filename, target, layer, report, *, user, store):
    """(questionnaire, its questions), or (None, []) when none fits."""
    if target == NEW:
        return _draft(scan, sav, filename, layer, report, user=user, store=store)
    if target:
        try:
            found = scan.questionnaires.filter(uuid=uuid.UUID(str(target))).first()
        except ValueError:
            found = None
    else:
        found = _best_questionnaire(scan, sav, _scales(scan))
    return (found, list(found.items.all())) if found else (None, [])


@transaction.atomic
def import_sav(
    scan, data: bytes, filename: str, *, user, layer=None, target=None, store=True
) -> SavReport:
    """Import the rows of a .sav file; ``target`` is a questionnaire's uuid, ``NEW`` or
    None (the questionnaire whose codes match best). ``store=False`` is the preview: the
    same report, nothing written."""
    report = SavReport()
    try:
        sav = read_sav(data)
    except SpssError as error:
        report.problems.append(
            _("“%(name)s” cannot be read: %(why)s") % {"name": filename, "why": error}
        )
        return report
    if layer not in scan.method.layers:
        report.problems.append(
            _("Choose the layer of the chain these respondents belong to; nothing was imported.")
        )
        return report
    questionnaire, items = _target(
        scan, sav, filename, target, layer, report, user=user, store=store
    )
    if questionnaire is None:
        report.offer_draft = True
        report.unmatched = [(v.name, _("no question with this code")) for v in sav.variables]
        report.problems.append(
            _(
                "No questionnaire of this scan has questions with the codes of this file. "
                "A draft questionnaire can be made from the file's labels."
            )
        )
        return report
    report.questionnaire = questionnaire
    _import_rows(scan, questionnaire, items, sav, data, layer, report, user=user, store=store)
    return report


def _import_rows(scan, questionnaire, items, sav, data, layer, report, *, user, store):
    respondent = id_variable(sav.variables)
    matching = match_variables(sav.variables, items, _scales(scan), skip={respondent})
    report.matched = [([v.name for v in m.variables], m.item.key) for m in matching.matches]
    report.unmatched += matching.unmatched
    report.missing_items = matching.missing_items
    report.rows_read = len(sav.rows)
    if not matching.matches:
        report.offer_draft = True
        report.problems.append(
            _("No variable of the file answers a question of “%(name)s”.")
            % {"name": questionnaire.name}
        )
        return
    if not sav.rows:
        report.problems.append(_("The file holds no responses (rows)."))
        return
    rows = _new_rows(questionnaire, sav, data, matching, respondent, report)
    if not store:
        for _row in rows:  # the preview counts and refuses, and writes nothing
            pass
        return
    now = timezone.now()
    fields = {
        "questionnaire": questionnaire,
        "layer": layer,
        "actor": scan.method.layer_default_actor[layer],
        "consent_at": now,
        "submitted_at": now,
    }
    batch = []
    for ref, answers in rows:
        batch.append((Response(**fields, source_ref=ref), answers))
        if len(batch) >= BATCH:
            _store(batch)
    _store(batch)
    if report.responses_imported:
        record(
            "responses_imported",
            user=user,
            scan=scan,
            name=questionnaire.name,
            count=report.responses_imported,
        )


def _new_rows(questionnaire, sav, data, matching, respondent, report):
    """(source_ref, answers) of each row not imported before, counted in ``report``; the
    rows that cannot be taken are refused there with their reason."""
    digest = hashlib.sha256(data).hexdigest()[:12]
    known = (
        set(questionnaire.responses.exclude(source_ref="").values_list("source_ref", flat=True))
        if questionnaire.pk
        else set()
    )
    for number, row in enumerate(sav.rows, start=1):
        ident = row.get(respondent) if respondent else None
        label = _row_label(number, ident)
        ref = f"spss:{_ident(ident)}" if ident is not None else f"spss:{digest}:{number}"
        if ref[:100] in known:
            report.responses_duplicate += 1
            continue
        answers, reasons = read_row(matching, row)
        if reasons:
            report.refused.append(f"{label}: {'; '.join(reasons)}.")
        elif not answers:
            report.refused.append(_("%(row)s: no question answered.") % {"row": label})
        else:
            known.add(ref[:100])
            report.responses_imported += 1
            yield ref[:100], answers


def _store(batch: list) -> None:
    """Write a batch of responses with their answers (few statements for many rows)."""
    Response.objects.bulk_create([response for response, _answers in batch])
    Answer.objects.bulk_create(
        (
            Answer(response=response, item=item, value=value, dont_know=dont_know)
            for response, answers in batch
            for item, value, dont_know in answers
        ),
        batch_size=2000,
    )
    batch.clear()


def _ident(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value).strip()


def _row_label(number: int, ident) -> str:
    if ident is None:
        return _("Row %(n)d") % {"n": number}
    return _("Row %(n)d (respondent %(id)s)") % {"n": number, "id": _ident(ident)}
