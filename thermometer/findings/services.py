"""Findings with their evidence, and the adviser's actions per matrix cell (step 4).
Every change is audited; the figures a finding cites are kept as they were."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thermometer.audit.events import record
from thermometer.coding.models import Coding
from thermometer.goals.tracing import trails_for

from .constants import EvidenceKind, Subject
from .models import Evidence, Finding, MatrixCell


class FindingError(ValueError):
    """A change that cannot be made; the message is Dutch and meant for the user."""


def subject_label(scan, finding) -> str:
    method = scan.method
    if finding.subject == Subject.THEME:
        return method.themes.get(finding.theme, finding.theme)
    goal = method.goals.get(finding.goal, finding.goal)
    return f"{goal} × {method.actors.get(finding.actor, finding.actor)}"


def _check_subject(scan, subject, goal, actor, theme) -> None:
    method = scan.method
    if subject == Subject.CELL:
        if goal not in method.goals or actor not in method.actors:
            raise FindingError(_("Choose a cell of the matrix: a goal and an actor."))
    elif subject == Subject.THEME:
        if theme not in method.themes:
            raise FindingError(_("Choose one of the method's themes."))
    else:
        raise FindingError(_("Choose what the finding is about."))


@transaction.atomic
def save_actions(scan, goal: str, actor: str, actions: str, *, user) -> MatrixCell:
    _check_subject(scan, Subject.CELL, goal, actor, "")
    cell, _created = MatrixCell.objects.update_or_create(
        scan=scan, goal=goal, actor=actor, defaults={"actions": actions.strip(), "updated_by": user}
    )
    record(
        "matrix_actions_saved",
        user=user,
        scan=scan,
        cell=f"{scan.method.goals[goal]} × {scan.method.actors[actor]}",
    )
    return cell


@transaction.atomic
def add_finding(scan, *, subject, text, user, goal="", actor="", theme="") -> Finding:
    text = text.strip()
    if not text:
        raise FindingError(_("Write the finding."))
    _check_subject(scan, subject, goal, actor, theme)
    if subject == Subject.CELL:
        theme = ""
    else:
        goal = actor = ""
    finding = Finding.objects.create(
        scan=scan, subject=subject, goal=goal, actor=actor, theme=theme, text=text, created_by=user
    )
    record("finding_added", user=user, scan=scan, subject=subject_label(scan, finding))
    return finding


@transaction.atomic
def update_finding(finding, text: str, *, user) -> Finding:
    text = text.strip()
    if not text:
        raise FindingError(_("Write the finding."))
    finding.text = text
    finding.save(update_fields=["text", "updated_at"])
    record(
        "finding_changed",
        user=user,
        scan=finding.scan,
        subject=subject_label(finding.scan, finding),
    )
    return finding


@transaction.atomic
def remove_finding(finding, *, user) -> None:
    record(
        "finding_removed",
        user=user,
        scan=finding.scan,
        subject=subject_label(finding.scan, finding),
    )
    finding.delete()


def _evidence_added(finding, evidence, user) -> Evidence:
    record(
        "evidence_added",
        user=user,
        scan=finding.scan,
        kind=EvidenceKind(evidence.kind).label.lower(),
        subject=subject_label(finding.scan, finding),
    )
    return evidence


def link_coding(finding, coding, *, user, note="") -> Evidence:
    """A coded passage as evidence; linking the same coding twice changes nothing."""
    if coding.code.scan_id != finding.scan_id:
        raise FindingError(_("That coding is not part of this scan."))
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(
                finding=finding,
                kind=EvidenceKind.CODING,
                coding=coding,
                quote=coding.quote,
                source_title=coding.passage.source.title,
                measure={"code": coding.code.name, "assessment": coding.assessment},
                note=note.strip(),
                added_by=user,
            )
            return _evidence_added(finding, evidence, user)
    except IntegrityError:
        raise FindingError(_("This coded passage is already evidence for the finding.")) from None


@transaction.atomic
def link_score(finding, measure: dict, *, user, note="") -> Evidence:
    """A computed score as evidence, kept with the value it had when linked.

    ``measure`` is one of ``score_options`` (label, key, mean, n, ...)."""
    if measure.get("mean") is None:
        raise FindingError(_("This score is not shown (too few answers) and cannot be cited."))
    evidence = Evidence.objects.create(
        finding=finding,
        kind=EvidenceKind.SCORE,
        measure=measure,
        quote=measure["label"],
        note=note.strip(),
        added_by=user,
    )
    return _evidence_added(finding, evidence, user)


@transaction.atomic
def link_figure(finding, figure: dict, *, user, note="") -> Evidence:
    """A financial figure as evidence, kept with its value, year and sources as they are
    now (``finances.series.citable``)."""
    evidence = Evidence.objects.create(
        finding=finding,
        kind=EvidenceKind.FIGURE,
        measure={key: figure[key] for key in ("key", "label", "value", "unit", "year", "shown")},
        quote=figure["label"],
        source_title=figure["sources"][:300],
        note=note.strip(),
        added_by=user,
    )
    return _evidence_added(finding, evidence, user)


@transaction.atomic
def link_trail(finding, effect, summary: str, *, user, note="") -> Evidence:
    if effect.scan_id != finding.scan_id:
        raise FindingError(_("That intended effect is not part of this scan."))
    evidence = Evidence.objects.create(
        finding=finding,
        kind=EvidenceKind.TRAIL,
        effect=effect,
        quote=summary,
        measure={"effect": effect.statement},
        note=note.strip(),
        added_by=user,
    )
    return _evidence_added(finding, evidence, user)


@transaction.atomic
def link_quote(finding, quote: str, source_title: str, *, user) -> Evidence:
    quote = quote.strip()
    if not quote:
        raise FindingError(_("Write or paste the quote."))
    evidence = Evidence.objects.create(
        finding=finding,
        kind=EvidenceKind.QUOTE,
        quote=quote,
        source_title=source_title.strip(),
        added_by=user,
    )
    return _evidence_added(finding, evidence, user)


@transaction.atomic
def remove_evidence(evidence, *, user) -> None:
    finding = evidence.finding
    record(
        "evidence_removed",
        user=user,
        scan=finding.scan,
        kind=EvidenceKind(evidence.kind).label.lower(),
        subject=subject_label(finding.scan, finding),
    )
    evidence.delete()


def relevant_codings(finding):
    """Codings of the finding's goal or theme, the passages an adviser most likely cites."""
    key = finding.theme if finding.subject == Subject.THEME else finding.goal
    return (
        Coding.objects.filter(code__scan=finding.scan, code__key=key)
        .select_related("code", "passage__source")
        .order_by("passage__source__title", "passage__index", "start")
    )


def trail_summary(scan, effect_trail) -> str:
    """One sentence on where an effect's intent is lost or weakened down the chain."""
    layers = scan.method.layers
    statement = effect_trail.effect.statement
    if effect_trail.lost_in:
        return _(
            "The intent “%(effect)s” is not found in the documents of %(layer)s; "
            "the last layer that carries it is %(carrier)s."
        ) % {
            "effect": statement,
            "layer": layers.get(effect_trail.lost_in, effect_trail.lost_in),
            "carrier": layers.get(effect_trail.last_carrier, effect_trail.last_carrier),
        }
    if effect_trail.weakened_in:
        return _(
            "The intent “%(effect)s” is weakened in %(layers)s: the topic is there, its "
            "purpose is not."
        ) % {
            "effect": statement,
            "layers": ", ".join(layers.get(layer, layer) for layer in effect_trail.weakened_in),
        }
    return ""


def trail_candidates(scan, effects=None) -> list[dict]:
    """Candidate findings: intended effects the trail loses or weakens, not yet cited.

    ``effects``: only these of the scan's intended effects (a queryset); each effect is
    traced on its own, so its candidate is the same as among all of them."""
    cited = set(
        Evidence.objects.filter(finding__scan=scan, kind=EvidenceKind.TRAIL).values_list(
            "effect_id", flat=True
        )
    )
    if effects is None:
        effects = scan.intended_effects.all()
    default_actor = scan.method.layer_default_actor
    candidates = []
    for effect_trail in trails_for(scan, effects.exclude(pk__in=cited)):
        text = trail_summary(scan, effect_trail)
        if not text:
            continue
        # The loss happens in a layer; its cell is the goal and that layer's actor.
        layer = effect_trail.lost_in or effect_trail.weakened_in[0]
        candidates.append(
            {
                "effect": effect_trail.effect,
                "text": text,
                "goal": effect_trail.effect.goal,
                "actor": default_actor.get(layer, "gemeente"),
                "lost": bool(effect_trail.lost_in),
            }
        )
    return candidates


@transaction.atomic
def accept_candidate(scan, effect, *, user) -> Finding:
    """The trail's candidate for ``effect`` as a finding, with the trail as evidence."""
    candidate = next(iter(trail_candidates(scan, scan.intended_effects.filter(pk=effect.pk))), None)
    if candidate is None:
        raise FindingError(_("This candidate finding is no longer open; nothing changed."))
    finding = add_finding(
        scan,
        subject=Subject.CELL,
        goal=candidate["goal"],
        actor=candidate["actor"],
        text=candidate["text"],
        user=user,
    )
    link_trail(finding, effect, candidate["text"], user=user)
    return finding
