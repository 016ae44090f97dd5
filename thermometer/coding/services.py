"""The codebook and the codings of a scan; each change is audited."""

from django.db import IntegrityError, transaction
from django.db.models import Q

from thermometer.audit.events import record
from thermometer.sources.constants import DocumentPlace

from .constants import CodeKind
from .models import Code, Coding
from .seeding import make_codebook


class CodingError(ValueError):
    pass


def codebook_for_new_scan(scan) -> None:
    """The hook ``scans.seeding`` runs as a scan is created: its codebook is part of the
    creation, which the scan's own audit event records; pages only read it."""
    make_codebook(Code, scan, scan.method.data)


@transaction.atomic
def seed_codebook(scan, *, user=None) -> int:
    """The method's goals, layers, dimensions and themes as codes for a scan made without
    them (idempotent), with their audit event; returns how many codes were new."""
    created = make_codebook(Code, scan, scan.method.data)
    if created:
        record("codebook_seeded", user=user, scan=scan, count=created)
    return created


def passage_suggestions(text: str, lexicon: dict, vector=None, thresholds=None) -> list:
    """Every suggestion for a passage, each with its reason: the method's goals and
    intent by words and meaning (``passage_analysis``), other codes (themes) by words."""
    from django.utils.translation import gettext as _

    from .examples import GOAL_EXAMPLES
    from .passage_analysis import analyse
    from .suggestions import Suggestion, suggest_codes

    goal_keys = [key for key in lexicon if key in GOAL_EXAMPLES and key != "none"]
    goals, intent = analyse(text, lexicon, goal_keys, vector, thresholds)
    found = []
    if intent.value:
        found.append(
            Suggestion("intent", "intent", intent.start, intent.end, intent.score, intent.reason)
        )
    found += [Suggestion("code", g.key, g.start, g.end, g.score, g.reason) for g in goals]
    others = {key: terms for key, terms in lexicon.items() if key not in goal_keys}
    for s in suggest_codes(text, others):
        reason = _("words: %(words)s") % {"words": s.reason}
        found.append(Suggestion(s.kind, s.key, s.start, s.end, s.score, reason))
    return found


def open_suggestions(passage, lexicon: dict, thresholds: dict | None = None) -> list:
    """The suggestions for a passage that no adviser has answered yet."""
    decided = {(d.key, d.start, d.end) for d in passage.suggestion_decisions.all()}
    coded = {c.code.key for c in passage.codings.all() if c.code.key}
    result = []
    suggestions = passage_suggestions(passage.text, lexicon, passage.vector, thresholds)
    for suggestion in suggestions:
        if (suggestion.key, suggestion.start, suggestion.end) in decided:
            continue
        if suggestion.kind == "code" and suggestion.key in coded:
            continue
        result.append(suggestion)
    return result


@transaction.atomic
def decide_suggestion(passage, *, user, key, start, end, accepted, assessment="0"):
    """Accept (code it) or reject a suggestion; either way it is not offered again."""
    from .models import SuggestionDecision

    scan = passage.source.scan
    SuggestionDecision.objects.get_or_create(
        passage=passage,
        key=key,
        start=start,
        end=end,
        defaults={"accepted": accepted, "decided_by": user},
    )
    if not accepted:
        return None
    if key == "intent":
        code = scan.codes.get(kind=CodeKind.INTENT, key="intent")
        return code_passage(passage, code, user=user, start=start, end=end, assessment=assessment)
    code = scan.codes.exclude(kind=CodeKind.CUSTOM).filter(key=key).first()
    if code is None:
        raise CodingError("unknown code")
    return code_passage(passage, code, user=user, assessment=assessment)


@transaction.atomic
def add_code(scan, *, user, name, parent=None, colour="#4a4a4a", description="") -> Code:
    if parent is not None and parent.scan_id != scan.pk:
        raise CodingError("parent of another scan")
    code = Code.objects.create(
        scan=scan,
        kind=CodeKind.CUSTOM,
        parent=parent,
        name=name,
        colour=colour,
        description=description,
        order=scan.codes.filter(parent=parent).count(),
    )
    record("code_added", user=user, scan=scan, name=name)
    return code


@transaction.atomic
def code_passage(passage, code, *, user, start=None, end=None, assessment="0", memo="") -> Coding:
    """Code a span of a passage (the whole passage by default); a repeat changes nothing."""
    if passage.source.scan_id != code.scan_id:
        raise CodingError("code and passage belong to different scans")
    if not code.selectable:
        raise CodingError("a group heading is not a code")
    start = 0 if start is None else start
    end = len(passage.text) if end is None else end
    if not 0 <= start < end <= len(passage.text):
        raise CodingError("span outside the passage")
    try:
        with transaction.atomic():
            coding = Coding.objects.create(
                passage=passage,
                code=code,
                start=start,
                end=end,
                quote=passage.text[start:end],
                assessment=assessment,
                memo=memo,
                coder=user,
            )
    except IntegrityError:
        return Coding.objects.get(passage=passage, code=code, start=start, end=end, coder=user)
    record(
        "passage_coded",
        user=user,
        scan=passage.source.scan,
        code=code.name,
        source=passage.source.title,
    )
    return coding


@transaction.atomic
def remove_coding(coding, *, user) -> None:
    scan = coding.code.scan
    coding.delete()
    record("coding_removed", user=user, scan=scan, code=coding.code.name)


def retrieve(scan, *, code=None, also=None, source=None, assessment=None, participant=None):
    """Codings of a scan, narrowed by code, a second code, source or assessment.

    ``also`` combines: only passages that carry the second code too — or, for a
    layer code, passages of documents in that layer ("Integraliteit × uitvoering").
    """
    codings = Coding.objects.filter(code__scan=scan).select_related(
        "code", "passage__source", "coder"
    )
    if code is not None:
        codings = codings.filter(Q(code=code) | Q(code__parent=code))
    if source is not None:
        codings = codings.filter(passage__source=source)
    if assessment:
        codings = codings.filter(assessment=assessment)
    if participant is not None:
        codings = codings.filter(passage__source__participants=participant)
    if also is not None:
        combined = Q(passage__codings__code=also)
        if also.kind == CodeKind.LAYER:
            places = [p.value for p in DocumentPlace if p.layer == also.key]
            combined |= Q(passage__source__place__in=places)
        codings = codings.filter(combined).distinct()
    return codings.order_by("passage__source__title", "passage__index", "start")
