"""A questionnaire document (DOCX, PDF) into a draft questionnaire of a scan.

``plan_document`` reads the file and says what would be made (nothing stored); the
plan is what the preview shows and, once confirmed, what ``import_plan`` stores. The web
page and ``manage.py import_questionnaire`` both go through these two functions.
"""

import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from django.db import transaction
from django.utils.translation import gettext as _

from thermometer.audit.events import record

from .constants import ItemSource, ItemType
from .document_parsing import ROUTING, ParsedQuestion, parse_elements
from .document_reading import DocumentError, read_document
from .models import Item, Questionnaire
from .scale_matching import ENTRY_LINE, match_scale

TEMPLATE_PREFIX = "document:"
SCALE_TYPES = {"agreement": ItemType.AGREEMENT, "grade": ItemType.GRADE}
ROUTING_SPLIT = re.compile(r"\s*[→>\-–—(,:]*\s*$")


class DocumentImportRefused(DocumentError):
    """Nothing was imported; the message is Dutch and says why."""


@dataclass
class PlannedItem:
    key: str
    code: str
    type: str
    text: str
    options: list = field(default_factory=list)
    scale: str = ""
    note: str = ""
    question: str = ""  # the document's question code or number it came from


@dataclass
class DocumentPlan:
    filename: str
    digest: str
    title: str
    questions: int = 0  # questions recognised in the document
    items: list = field(default_factory=list)  # PlannedItem; a matrix gives one per row
    not_understood: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "DocumentPlan":
        items = [PlannedItem(**item) for item in data.get("items", [])]
        return cls(**{**data, "items": items})


def _option_and_routing(option: str) -> tuple[str, str]:
    """ "nee → ga naar vraag 5" is the answer "nee" with a routing note."""
    found = ROUTING.search(option)
    if not found or found.start() == 0:
        return option, ""
    label = ROUTING_SPLIT.sub("", option[: found.start()]).strip()
    return (label, option[found.start() :].strip(" ()")) if label else (option, "")


def _answers(question: ParsedQuestion, scales: list) -> dict:
    """Type, scale and options of a question's items, with routing notes from the options."""
    options, routing = [], []
    for raw in question.options:
        label, route = _option_and_routing(ENTRY_LINE.sub("", raw).strip(" ,"))
        if label:
            options.append(label)
        if route:
            routing.append(f"{label}: {route}")
    scale = match_scale(options, scales) if options else None
    if scale is not None and scale["type"] in SCALE_TYPES:
        return {"type": SCALE_TYPES[scale["type"]], "scale": scale["key"], "options": []}
    if scale is not None or len(options) >= 2:
        kind = ItemType.MULTIPLE_CHOICE if question.multiple else ItemType.SINGLE_CHOICE
        answers = {"type": kind, "scale": scale["key"] if scale else "", "options": options}
        return answers | {"routing": routing}
    return {"type": ItemType.OPEN, "scale": "", "options": [], "routing": routing}


def _key(code: str, number: int, taken: set) -> str:
    base = re.sub(r"[^a-z0-9_]+", "_", code.casefold()).strip("_")[:70]
    base = base if base and base[0].isalpha() else f"q{base or number}"
    key, extra = base, 1
    while key in taken:
        extra += 1
        key = f"{base}_{extra}"
    taken.add(key)
    return key


def _row_text(lead: str, statement: str) -> str:
    if not lead:
        return statement
    if lead.endswith(("...", "…")):
        return f"{lead.rstrip('.… ')} {statement[:1].lower()}{statement[1:]}"
    return f"{lead} — {statement}"


def _plan_question(question, number, scales, taken, plan) -> None:
    answers = _answers(question, scales)
    notes = list(question.notes) + answers.pop("routing", [])
    label = question.code or str(number)
    if not question.options and not question.entry_line:
        plan.warnings.append(
            _("Question %(code)s: no answer options found; taken over as an open question.")
            % {"code": label}
        )
    parts = question.rows or [None]
    for index, row in enumerate(parts):
        code = f"{question.code}_{index}" if row is not None and question.code else question.code
        text = _row_text(question.text, row["text"]) if row is not None else question.text
        row_notes = notes + (row["notes"] if row is not None else [])
        plan.items.append(
            PlannedItem(
                key=_key(code, number, taken) if code else _key("", len(taken) + 1, taken),
                code=code[:50],
                text=text,
                note="\n".join(row_notes),
                question=label,
                **answers,
            )
        )


def plan_document(data: bytes, filename: str, scales: list) -> DocumentPlan:
    """What the document would become; DocumentError (Dutch) when it cannot be read."""
    elements, title = read_document(data, filename)
    parsed = parse_elements(elements, loose_options=filename.lower().endswith(".pdf"))
    plan = DocumentPlan(
        filename=PurePath(filename).name,
        digest=hashlib.sha256(data).hexdigest(),
        title=title or PurePath(filename).stem,
        not_understood=list(parsed.not_understood),
    )
    taken: set = set()
    for number, question in enumerate(parsed.questions, start=1):
        if not question.text and not question.rows:
            plan.not_understood.append(
                _("Question %(code)s has no text.") % {"code": question.code or number}
            )
            continue
        plan.questions += 1
        _plan_question(question, number, scales, taken, plan)
    return plan


def check_plan(scan, plan: DocumentPlan, layer: str) -> None:
    """DocumentImportRefused when the plan may not be stored in this scan."""
    if not plan.items:
        raise DocumentImportRefused(
            _("No questions were recognised in “%(name)s”; nothing has been imported.")
            % {"name": plan.filename}
        )
    if layer not in scan.method.layers:
        raise DocumentImportRefused(
            _("Layer “%(layer)s” does not exist in this method.") % {"layer": layer}
        )
    existing = scan.questionnaires.filter(template_key=TEMPLATE_PREFIX + plan.digest[:40]).first()
    if existing is not None:
        raise DocumentImportRefused(
            _("This document has already been imported as the questionnaire “%(name)s”.")
            % {"name": existing.name}
        )


def preview_document(scan, data: bytes, filename: str, layer: str) -> DocumentPlan:
    """The plan of a document for this scan, or DocumentError/DocumentImportRefused."""
    plan = plan_document(data, filename, scan.method.data.get("scales", []))
    check_plan(scan, plan, layer)
    return plan


@transaction.atomic
def import_plan(scan, plan: DocumentPlan, *, user, layer: str) -> Questionnaire:
    """Store the previewed plan as a draft questionnaire for ``layer``; audited."""
    check_plan(scan, plan, layer)
    questionnaire = Questionnaire.objects.create(
        scan=scan,
        template_key=TEMPLATE_PREFIX + plan.digest[:40],
        name=plan.title[:200],
        intro=_("This questionnaire was taken over from the document “%(name)s”.")
        % {"name": plan.filename},
        audience_layers=[layer],
        audience_actors=[scan.method.layer_default_actor[layer]],
        order=scan.questionnaires.count(),
    )
    Item.objects.bulk_create(
        Item(
            questionnaire=questionnaire,
            key=item.key,
            code=item.code,
            order=order,
            page=1,
            type=item.type,
            text=item.text,
            note=item.note,
            scale=item.scale,
            options=[{"label": o, "label_en": o} for o in item.options],
            source=ItemSource.ADVISER,
        )
        for order, item in enumerate(plan.items)
    )
    record(
        "questionnaire_document_imported",
        user=user,
        scan=scan,
        name=questionnaire.name,
        file=plan.filename,
        count=len(plan.items),
    )
    return questionnaire
