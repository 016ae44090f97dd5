"""Everything the digital overview and the reports show of one scan, gathered once as
plain data: web, PDF, DOCX and HTML read the same numbers from here."""

import hashlib
import json
from datetime import date

from django.db.models import Count, Q

from thermometer.advice import services as advice
from thermometer.advice.constants import Horizon, Priority
from thermometer.advice.models import FeedbackRound
from thermometer.advice.reading import consolidation_for
from thermometer.analysis.presentation import present
from thermometer.analysis.services import analysis_for
from thermometer.coding.models import Coding
from thermometer.core.formatting import decimal
from thermometer.findings.matrix import annotate_matrix
from thermometer.findings.services import subject_label
from thermometer.goals.models import EffectQuote
from thermometer.goals.tracing import trail_layers, trails_for
from thermometer.participants.models import Participant
from thermometer.sources.constants import SourceStatus

from . import charts, narrative
from .finance_content import finances_part


def advice_as_it_stands(scan) -> dict:
    """The advice as it stands: the final version, else the latest concept, else the
    working copy; with the support of the latest feedback round on it."""
    versions = list(scan.advice_versions.order_by("number"))
    finals = [v for v in versions if v.is_final]
    shown = finals[-1] if finals else (versions[-1] if versions else None)
    snapshot = shown.snapshot if shown else advice.current_snapshot(scan)
    feedback_round = (
        FeedbackRound.objects.filter(scan=scan, version__number__lte=shown.number)
        .select_related("version")
        .order_by("-version__number")
        .first()
        if shown
        else None
    )
    support = {}
    if feedback_round is not None:
        for item in consolidation_for(feedback_round, scan):
            support[item["recommendation"]["uuid"]] = {
                "overall": item["overall"],
                "minority": [
                    {
                        "group": row["label"],
                        "n": row["support"].minority,
                        "cannot_live": row["support"].cannot_live,
                        "needs": list(dict.fromkeys(row["support"].needs)),
                    }
                    for row in item["minority"]
                ],
            }
    method = scan.method
    priorities, horizons = dict(Priority.choices), dict(Horizon.choices)
    recommendations = []
    for rec in snapshot["recommendations"]:
        records = [m for m in snapshot.get("minority", []) if m["recommendation"] == rec["uuid"]]
        recommendations.append(
            {
                **rec,
                "goal_name": method.goals.get(rec["goal"], ""),
                "theme_name": method.themes.get(rec["theme"], ""),
                "priority_name": str(priorities.get(rec["priority"], rec["priority"])),
                "horizon_name": str(horizons.get(rec["horizon"], rec["horizon"])),
                "owner_name": method.layers.get(rec["owner_layer"], rec["owner_layer"]),
                "support": support.get(rec["uuid"]),
                "minority_records": records,
            }
        )
    return {
        "version": shown
        and {
            "number": shown.number,
            "status": shown.get_status_display(),
            "final": shown.is_final,
            "frozen_at": shown.frozen_at,
        },
        "round": feedback_round
        and {
            "version": feedback_round.version.number,
            **feedback_round.invitations.aggregate(
                invited=Count("id"), sent=Count("id", filter=Q(submitted_at__isnull=False))
            ),
        },
        "recommendations": recommendations,
    }


def _findings(scan) -> list[dict]:
    found, anchored = [], set()
    for finding in scan.findings.prefetch_related("evidence").order_by("subject", "id"):
        evidence = list(finding.evidence.all())
        # The matrix and the theme lights link to the first finding of their subject.
        anchor = f"findings-{finding.theme or f'{finding.goal}-{finding.actor}'}"
        found.append(
            {
                "uuid": str(finding.uuid),
                "subject": subject_label(scan, finding),
                "goal": finding.goal,
                "actor": finding.actor,
                "theme": finding.theme,
                "text": finding.text,
                "evidence": [
                    {
                        "kind": e.get_kind_display(),
                        "kind_key": e.kind,
                        "quote": e.quote,
                        "source": e.source_title,
                        "value": e.measure.get("mean"),
                        "n": e.measure.get("n"),
                        "shown": e.measure.get("shown") if e.kind == "figure" else None,
                    }
                    for e in evidence
                ],
                "sources": sorted({e.source_title for e in evidence if e.source_title}),
                "anchor": "" if anchor in anchored else anchor,
            }
        )
        anchored.add(anchor)
    return found


def _trails(scan) -> dict:
    method = scan.method
    layers = trail_layers(method)
    effect_trails = trails_for(scan, scan.intended_effects.all())
    rows = [
        {
            **row,
            "goal": method.goals.get(t.effect.goal, t.effect.goal),
            "last_carrier": method.layers.get(t.last_carrier, ""),
            "lost_in": method.layers.get(t.lost_in or "", ""),
        }
        for t, row in zip(effect_trails, charts.trail_input(effect_trails, layers), strict=True)
    ]
    return {"layers": layers, "rows": rows}


def _figures(scan, analysis) -> dict:
    counts = list(
        scan.sources.filter(kind="document", status=SourceStatus.DONE).values_list(
            "page_count", flat=True
        )
    )
    return {
        "respondents": sum(analysis["respondents"].values()),
        "participants": scan.participants.count(),
        "documents": len(counts),
        # Pages only when every document's count is known: nothing said of pages else.
        "pages": sum(counts) if counts and all(counts) else None,
        "conversations": scan.sources.exclude(kind="document").count(),
        "codings": Coding.objects.filter(code__scan=scan).count(),
        "min_group_size": analysis["min_group_size"],
    }


def _grade(value) -> str:
    return decimal(value)


def _brief(scan, advice_part: dict) -> dict:
    """The assignment as step 1 recorded it: areas, period, questions, steps. The
    client's officials are not named: the report goes round, names are not needed."""
    version = advice_part["version"]
    return {
        "policy_areas": scan.policy_area_labels(),
        "start": scan.start_date,
        "end": version["frozen_at"].date() if version and version["final"] else None,
        "questions": [q.text for q in scan.client_questions.all()],
        "steps": [step.name for step in scan.method.steps],
    }


def _participation(scan) -> list[dict]:
    """Participants per layer of the chain, top first; counts, never names."""
    counts = dict(
        Participant.objects.filter(scan=scan).values_list("layer").annotate(n=Count("id"))
    )
    return [
        {"label": name, "n": counts[key]}
        for key, name in scan.method.layers.items()
        if key in counts
    ]


def _question_goals(scan) -> list[tuple[int, set]]:
    """Per client question (numbered from 1) the goals it asks about: those of the
    intended effects taken from it, else the goals it names, else all of them."""
    method = scan.method
    linked: dict = {}
    for question, goal in EffectQuote.objects.filter(
        effect__scan=scan, client_question__isnull=False
    ).values_list("client_question", "effect__goal"):
        linked.setdefault(question, set()).add(goal)
    found = []
    for number, question in enumerate(scan.client_questions.all(), start=1):
        named = {
            key for key, name in method.goals.items() if name.casefold() in question.text.casefold()
        }
        goals = (linked.get(question.pk) or named) & set(method.goals)
        found.append((number, goals or set(method.goals)))
    return found


def _narrative(scan, header, presented, trails, findings, advice_part, result, figures) -> dict:
    """The report's text: introduction, the answer per goal, the conclusion."""
    method = scan.method
    brief = _brief(scan, advice_part)
    thresholds = presented["thresholds"]
    questions = _question_goals(scan)
    seen: set = set()
    numbered = {}
    goals, answers = [], []
    triangles = {t["goal"]: t for t in presented["triangles"]}
    chains = {c["goal"]: c for c in presented["chains"]}
    written = []
    for index, (key, name) in enumerate(method.goals.items()):
        chain = chains.get(name, {"rows": [], "worst": None})
        own = [f for f in findings if f["goal"] == key]
        rows = [
            r
            for r in trails["rows"]
            if r["goal"] == name and not narrative.effect_in_finding(r, own)
        ]
        colour, layer = narrative.goal_verdict(chain, thresholds)
        score = result["goal_scores"].get(key)
        goals.append(
            {
                "key": key,
                "name": name,
                "score": score,
                "worst": chain.get("worst"),
                "colour": colour,
                "layer": layer,
            }
        )
        prose = []
        for finding in own:
            numbered[finding["uuid"]] = len(written) + len(prose) + 1
            prose.append(narrative.finding_prose(finding, numbered[finding["uuid"]], seen))
        written.extend(prose)
        answers.append(
            {
                "key": key,
                "name": name,
                "chart": index,
                "paragraphs": narrative.goal_paragraphs(
                    name,
                    chain,
                    triangles.get(name),
                    score,
                    thresholds,
                    [n for n, keys in questions if key in keys],
                    rows,
                ),
                "findings": prose,
            }
        )
    others = []
    for finding in findings:
        if finding["uuid"] not in numbered:
            numbered[finding["uuid"]] = len(written) + 1
            others.append(narrative.finding_prose(finding, numbered[finding["uuid"]], seen))
            written.append(others[-1])
    for rec in advice_part["recommendations"]:
        rec["finding_numbers"] = [
            numbered[f["uuid"]] for f in rec.get("findings", []) if f["uuid"] in numbered
        ]
        for support in [rec["support"]] if rec.get("support") else []:
            for minority in support["minority"]:
                minority["needs"] = [n for n in minority["needs"] if narrative.plain(n) not in seen]
                seen.update(narrative.plain(n) for n in minority["needs"][:3])
        for record in rec["minority_records"]:
            record["reason_sentence"] = narrative.sentence(record["reason"])
    return {
        "introduction": {
            "assignment": narrative.assignment(header, brief),
            "questions_lead": narrative.questions_lead(brief["questions"]),
            "questions": brief["questions"],
            "approach": narrative.approach(brief),
            "participation": narrative.participation(_participation(scan), figures),
        },
        "answers": answers,
        "other_findings": others,
        "conclusion": narrative.conclusion(
            goals,
            presented["triangles"],
            trails["rows"],
            presented["themes"],
            advice_part,
            questions,
        ),
    }


def report_content(scan) -> dict:
    """The scan's whole overview as plain data, in the shape of its method."""
    if scan.method.data.get("kind") == "tweedaagse_scan":
        from .journey_content import journey_content

        return journey_content(scan)
    if scan.method.data.get("kind") == "raad_in_positie":
        from .framework_content import framework_content

        return framework_content(scan)
    return thermometer_content(scan)


def scan_header(scan) -> dict:
    """The scan as every kind of report heads it; ``today`` is left out of the
    ``fingerprint``."""
    method = scan.method
    return {
        "title": scan.title,
        "slug": scan.slug,
        "municipality": scan.municipality.name,
        "municipality_code": scan.municipality.code,
        "population": scan.municipality.population,
        "organisation": scan.organisation.name,
        "method": f"{method.name} {method.version}",
        "start_date": scan.start_date,
        "today": date.today(),
    }


def thermometer_content(scan) -> dict:
    method = scan.method
    result = analysis_for(scan)
    presented = annotate_matrix(present(result, method), scan)
    trails = _trails(scan)
    advice_part = advice_as_it_stands(scan)
    findings = _findings(scan)
    chart = {
        "thermometers": charts.thermometers(result, method),
        "chains": [charts.whisper_chain(result, method, g) for g in method.goals],
        "triangle": charts.triangle(result, method),
        "matrix": charts.matrix_heatmap(result, method),
        "themes": charts.theme_lights(result, method),
        "trail": charts.trail_grid(trails["rows"], trails["layers"]),
    }
    finances, finance_chart = finances_part(scan)
    if finance_chart:
        chart["finances"] = finance_chart
    figures = _figures(scan, result)
    header = scan_header(scan)
    return {
        "kind": "thermometer",
        "scan": header,
        "figures": figures,
        **_narrative(scan, header, presented, trails, findings, advice_part, result, figures),
        "analysis": presented,
        "trails": trails,
        "findings": findings,
        "advice": advice_part,
        "finances": finances,
        "chart": chart,
        "filter": {},
    }


def all_charts(content: dict) -> list:
    """Every chart of the content, in its order: a value of ``content["chart"]`` is a
    chart or a list of them (the whisper chains)."""
    return [
        chart
        for value in content["chart"].values()
        for chart in (value if isinstance(value, list) else [value])
    ]


def fingerprint(content: dict) -> str:
    """Changes whenever anything the report shows changes (for caching rendered files)."""
    plain = {k: v for k, v in content.items() if k != "chart"}
    plain["scan"] = {k: v for k, v in content["scan"].items() if k != "today"}
    text = json.dumps(plain, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def narrow(content: dict, method, *, goal: str = "", layer: str = "", theme: str = "") -> dict:
    """The overview for one goal, layer (its actor's cells and what it owns) or theme;
    unknown keys are ignored. Charts stay whole: the numbers around them narrow."""
    if content["kind"] != "thermometer":
        return content
    goal = goal if goal in method.goals else ""
    layer = layer if layer in method.layers else ""
    theme = theme if theme in method.themes else ""
    narrowed = {**content, "filter": {"goal": goal, "layer": layer, "theme": theme}}
    if not (goal or layer or theme):
        return narrowed
    actor = method.layer_default_actor.get(layer, "") if layer else ""
    analysis = dict(content["analysis"])
    matrix = []
    for row in analysis["matrix"]:
        cells = [
            cell
            for cell in row["cells"]
            if (not goal or cell["goal"] == goal) and (not actor or cell["actor"] == actor)
        ]
        if cells and not theme:
            matrix.append({**row, "cells": cells})
    analysis["matrix"] = matrix
    analysis["themes"] = (
        [t for t in analysis["themes"] if (not theme or t["theme"] == theme) and not goal]
        if not layer
        else []
    )
    narrowed["analysis"] = analysis
    goal_name = method.goals.get(goal, "")
    narrowed["findings"] = [
        f
        for f in content["findings"]
        if (not goal or f["goal"] == goal)
        and (not theme or f["theme"] == theme)
        and (not actor or f["actor"] == actor)
    ]
    narrowed["advice"] = {
        **content["advice"],
        "recommendations": [
            r
            for r in content["advice"]["recommendations"]
            if (not goal or r["goal"] == goal)
            and (not theme or r["theme"] == theme)
            and (not layer or r["owner_layer"] == layer)
        ],
    }
    narrowed["answers"] = [
        {**a, "chart": 0} for a in content["answers"] if a["key"] == goal
    ] or content["answers"]
    narrowed["trails"] = {
        **content["trails"],
        "rows": [r for r in content["trails"]["rows"] if not goal or r["goal"] == goal_name],
    }
    chart = dict(content["chart"])
    if goal:
        keys = list(method.goals)
        chart["chains"] = [content["chart"]["chains"][keys.index(goal)]]
    narrowed["chart"] = chart
    return narrowed
