"""The goal tree of a scan (step 2): interpretations, intended effects and the
adviser's answers to proposals and trail verdicts; each change is audited."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from thermometer.audit.events import record
from thermometer.coding.constants import CodeKind
from thermometer.coding.models import Coding
from thermometer.scans.models import ClientQuestion
from thermometer.sources.constants import DocumentPlace, SourceKind, SourceStatus
from thermometer.sources.intents import INTENTS_VERSION, intent_spans
from thermometer.sources.models import Passage

from .constants import STATING_LAYERS, EffectOrigin, ProposalAnswer, Verdict, layers_below
from .models import (
    EffectQuote,
    GoalInterpretation,
    IntendedEffect,
    ProposalDecision,
    TrailVerdict,
)
from .proposals import PassageText, client_proposals, document_proposals, parse_ref

# Places in the chain whose documents state intent (sources.DocumentPlace values).
STATING_PLACES = ("raadsvoorstel", "visie", "beleid")


class GoalTreeError(ValueError):
    """A change that cannot be made; the message is Dutch and meant for the user."""


def goal_lexicon(method) -> dict:
    lexicon = method.data.get("suggestion_lexicon", {})
    return {key: lexicon[key] for key in method.goals if key in lexicon}


def stating_passages(scan, passage_id=None, coded=()) -> list[PassageText]:
    """Passages of the read documents in the layers where intent is stated that have an
    intent sentence or an intent coding (ids in ``coded``)."""
    rows = Passage.objects.filter(
        source__scan=scan,
        source__kind=SourceKind.DOCUMENT,
        source__status=SourceStatus.DONE,
        source__place__in=STATING_PLACES,
    )
    if passage_id is not None:
        rows = rows.filter(pk=passage_id)
    return passages_with_intent(rows, coded)


def passages_with_intent(rows, coded=()) -> list[PassageText]:
    """The passages of ``rows`` (a Passage queryset) with an intent sentence, as stored
    when they were read, or with an id in ``coded``. Most passages state no intent: those
    whose stored spans say so are left out by the database, their text never read.

    Spans stored by other intent patterns (or none: passages read before they were
    stored) are worked out here again; ``manage.py refresh_passages`` stores them anew."""
    rows = rows.exclude(~Q(pk__in=set(coded)), intents_version=INTENTS_VERSION, intents=[])
    result = []
    for pid, text, intents, version, place, title, page in rows.values_list(
        "id", "text", "intents", "intents_version", "source__place", "source__title", "page"
    ):
        current = version == INTENTS_VERSION and intents is not None
        spans = intents if current else intent_spans(text)
        result.append(
            PassageText(
                pid,
                text,
                DocumentPlace(place).layer if place else "",
                title,
                page,
                tuple((start, end, phrase) for start, end, phrase in spans),
            )
        )
    return result


def open_proposals(scan, only: tuple | None = None, guess_goals: bool = True) -> list:
    """Proposed intended effects nobody has answered yet: coded and found intent
    sentences of the top layers' documents, then the client's questions.

    ``only`` (a parsed reference) limits the work to one passage or question. Without
    ``guess_goals`` every proposal's goal is "" (cheaper, for counting them)."""
    decisions = ProposalDecision.objects.filter(scan=scan)
    decided_spans = {(d.passage_id, d.start, d.end) for d in decisions if d.passage_id is not None}
    decided_questions = {d.client_question_id for d in decisions if d.client_question_id}
    codings = Coding.objects.filter(code__scan=scan, code__kind=CodeKind.INTENT)
    questions = ClientQuestion.objects.filter(scan=scan)
    passage_id = None
    if only is not None and only[0] == "p":
        passage_id = only[1]
        codings = codings.filter(passage_id=passage_id)
        questions = questions.none()
    elif only is not None:
        questions = questions.filter(pk=only[1])
    coded: dict[int, list] = {}
    for pid, start, end in codings.values_list("passage_id", "start", "end"):
        coded.setdefault(pid, []).append((start, end))
    lexicon = goal_lexicon(scan.method) if guess_goals else {}
    passages = (
        [] if only is not None and only[0] == "q" else stating_passages(scan, passage_id, coded)
    )
    documents = document_proposals(passages, coded, decided_spans, lexicon, _("coded as intent"))
    from_client = client_proposals(
        questions.values_list("id", "text"),
        decided_questions,
        lexicon,
        _("question of the client"),
        STATING_LAYERS[0],
    )
    return documents + from_client


def goal_tree(scan) -> list[dict]:
    """Per goal of the method: its interpretation, and its intended effects (with their
    quotes) each beside its document trail."""
    from .tracing import trails_for

    interpretations = {i.goal: i for i in scan.goal_interpretations.all()}
    effects = list(scan.intended_effects.prefetch_related("quotes"))
    trails = {t.effect.pk: t for t in trails_for(scan, effects)}
    descriptions = {g["key"]: g.get("description", "") for g in scan.method.data["goals"]}
    return [
        {
            "key": key,
            "name": name,
            "description": descriptions.get(key, ""),
            "interpretation": interpretations.get(key),
            "rows": [{"effect": e, "trail": trails.get(e.pk)} for e in effects if e.goal == key],
        }
        for key, name in scan.method.goals.items()
    ]


def _goal_name(scan, goal: str) -> str:
    return scan.method.goals.get(goal, goal)


def _check(scan, goal: str, layer: str, actor: str) -> None:
    method = scan.method
    if goal not in method.goals:
        raise GoalTreeError(_("Choose one of the method's goals."))
    if layer not in method.layers:
        raise GoalTreeError(_("Choose the layer in which the effect was stated."))
    if actor and actor not in method.actors:
        raise GoalTreeError(_("Choose for whom the effect is meant, or leave it open."))


@transaction.atomic
def set_interpretation(scan, goal: str, text: str, *, user) -> GoalInterpretation:
    if goal not in scan.method.goals:
        raise GoalTreeError(_("Choose one of the method's goals."))
    interpretation, _created = GoalInterpretation.objects.update_or_create(
        scan=scan, goal=goal, defaults={"text": text.strip(), "updated_by": user}
    )
    record("goal_interpretation_changed", user=user, scan=scan, goal=_goal_name(scan, goal))
    return interpretation


def _create_effect(scan, *, goal, statement, layer, actor, origin, user) -> IntendedEffect:
    statement = " ".join(statement.split())
    if not statement:
        raise GoalTreeError(_("Write the intended effect as a short statement."))
    _check(scan, goal, layer, actor)
    effect = IntendedEffect.objects.create(
        scan=scan,
        goal=goal,
        statement=statement,
        layer=layer,
        actor=actor,
        origin=origin,
        order=IntendedEffect.objects.filter(scan=scan, goal=goal).count(),
        created_by=user,
    )
    record(
        "intended_effect_added",
        user=user,
        scan=scan,
        statement=statement,
        goal=_goal_name(scan, goal),
    )
    return effect


@transaction.atomic
def add_effect(scan, *, goal, statement, layer, actor="", user) -> IntendedEffect:
    """An intended effect the adviser writes without a proposal."""
    return _create_effect(
        scan,
        goal=goal,
        statement=statement,
        layer=layer,
        actor=actor,
        origin=EffectOrigin.ADVISER,
        user=user,
    )


@transaction.atomic
def update_effect(effect, *, goal, statement, layer, actor="", user) -> IntendedEffect:
    statement = " ".join(statement.split())
    if not statement:
        raise GoalTreeError(_("Write the intended effect as a short statement."))
    _check(effect.scan, goal, layer, actor)
    if layer != effect.layer:
        # The trail runs from the layer it was stated in; verdicts above it no longer apply.
        effect.verdicts.all().delete()
    effect.goal, effect.statement, effect.layer, effect.actor = goal, statement, layer, actor
    effect.save()
    record("intended_effect_changed", user=user, scan=effect.scan, statement=statement)
    return effect


@transaction.atomic
def remove_effect(effect, *, user) -> None:
    record("intended_effect_removed", user=user, scan=effect.scan, statement=effect.statement)
    effect.delete()


@transaction.atomic
def merge_effects(target, other, *, user) -> IntendedEffect:
    """``other`` becomes part of ``target``: its quotes move over, then it is removed."""
    if target.pk == other.pk or target.scan_id != other.scan_id:
        raise GoalTreeError(_("Choose another intended effect of this scan to merge."))
    EffectQuote.objects.filter(effect=other).update(effect=target)
    ProposalDecision.objects.filter(effect=other).update(effect=target)
    record(
        "intended_effects_merged",
        user=user,
        scan=target.scan,
        statement=target.statement,
        other=other.statement,
    )
    other.delete()
    return target


def _find_proposal(scan, ref: str):
    try:
        parsed = parse_ref(ref)
    except ValueError:
        parsed = None
    if parsed is not None:
        for proposal in open_proposals(scan, only=parsed):
            if proposal.ref == ref:
                return proposal
        answered = ProposalDecision.objects.filter(scan=scan)
        if parsed[0] == "p":
            answered = answered.filter(passage_id=parsed[1], start=parsed[2], end=parsed[3])
        else:
            answered = answered.filter(client_question_id=parsed[1])
        if answered.exists():
            raise GoalTreeError(_("This proposal has already been answered; nothing changed."))
    raise GoalTreeError(_("This proposal no longer exists; the page has been refreshed."))


def _quote(effect, proposal) -> EffectQuote:
    return EffectQuote.objects.create(
        effect=effect,
        passage_id=proposal.passage_id,
        client_question_id=proposal.question_id,
        start=proposal.start,
        end=proposal.end,
        quote=proposal.text,
        source_title=proposal.source_title,
        page=proposal.page,
    )


def answer_proposal(
    scan,
    ref: str,
    answer: str,
    *,
    user,
    statement: str = "",
    goal: str = "",
    layer: str = "",
    actor: str = "",
    effect=None,
) -> IntendedEffect | None:
    """Take a proposal in as a new effect, add it to ``effect``, or set it aside.

    A proposal is answered once: a second answer (a double submit, two advisers at
    once) is refused with a message and changes nothing."""
    if answer not in ProposalAnswer.values:
        raise GoalTreeError(_("Choose what to do with the proposal."))
    try:
        with transaction.atomic():
            proposal = _find_proposal(scan, ref)
            result = None
            if answer == ProposalAnswer.ACCEPTED:
                origin = EffectOrigin.CLIENT if proposal.kind == "client" else EffectOrigin.DOCUMENT
                result = _create_effect(
                    scan,
                    goal=goal or proposal.goal,
                    statement=statement or proposal.text,
                    layer=layer or proposal.layer,
                    actor=actor,
                    origin=origin,
                    user=user,
                )
                _quote(result, proposal)
            elif answer == ProposalAnswer.MERGED:
                if effect is None or effect.scan_id != scan.pk:
                    raise GoalTreeError(_("Choose the intended effect to add this quote to."))
                result = effect
                _quote(result, proposal)
            ProposalDecision.objects.create(
                scan=scan,
                passage_id=proposal.passage_id,
                client_question_id=proposal.question_id,
                start=proposal.start,
                end=proposal.end,
                answer=answer,
                effect=result,
                decided_by=user,
            )
            record(
                "effect_proposal_answered",
                user=user,
                scan=scan,
                answer=ProposalAnswer(answer).label,
            )
            return result
    except IntegrityError:
        raise GoalTreeError(
            _("This proposal has already been answered; nothing changed.")
        ) from None


@transaction.atomic
def give_verdict(
    effect, layer: str, verdict: str, *, user, passage=None, suggested="", similarity=None, note=""
) -> TrailVerdict:
    """The adviser's verdict on the effect in ``layer``; a later verdict replaces it."""
    if layer not in layers_below(effect.layer):
        raise GoalTreeError(_("This layer is not below the layer the effect was stated in."))
    if verdict not in Verdict.values:
        raise GoalTreeError(_("Choose found, weakened or lost."))
    if passage is not None and passage.source.scan_id != effect.scan_id:
        raise GoalTreeError(_("That passage is not part of this scan."))
    if verdict == Verdict.LOST:
        passage = None
    given, _created = TrailVerdict.objects.update_or_create(
        effect=effect,
        layer=layer,
        defaults={
            "verdict": verdict,
            "passage": passage,
            "suggested": suggested,
            "similarity": similarity,
            "note": note.strip(),
            "confirmed_by": user,
        },
    )
    record(
        "trail_verdict_given",
        user=user,
        scan=effect.scan,
        statement=effect.statement,
        layer=effect.scan.method.layers.get(layer, layer),
        verdict=Verdict(verdict).label.lower(),
    )
    return given
