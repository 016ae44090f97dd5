"""The Thermometer's overview and report as plain data: the analysis as presented, the
document trails, the findings, the advice, the figures, the prose and the charts."""

from thermometer.analysis.presentation import present
from thermometer.analysis.services import analysis_for
from thermometer.coding.models import Coding
from thermometer.finances.services import analysis_if_any
from thermometer.findings.matrix import annotate_matrix
from thermometer.findings.services import subject_label
from thermometer.goals.tracing import trail_layers, trails_for
from thermometer.reports import charts
from thermometer.sources.constants import SourceStatus

from .advice import advice_as_it_stands
from .finances import finances_part
from .header import scan_header
from .thermometer_text import report_text


def _evidence(evidence) -> list[dict]:
    return [
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
    ]


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
                "evidence": _evidence(evidence),
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


def _charts(result: dict, method, trails: dict) -> dict:
    return {
        "thermometers": charts.thermometers(result, method),
        "chains": [charts.whisper_chain(result, method, g) for g in method.goals],
        "triangle": charts.triangle(result, method),
        "matrix": charts.matrix_heatmap(result, method),
        "themes": charts.theme_lights(result, method),
        "trail": charts.trail_grid(trails["rows"], trails["layers"]),
    }


def thermometer_content(scan) -> dict:
    method = scan.method
    result = analysis_for(scan)
    finance = analysis_if_any(scan)
    presented = annotate_matrix(present(result, method), scan, finances=finance)
    trails = _trails(scan)
    advice_part = advice_as_it_stands(scan)
    findings = _findings(scan)
    chart = _charts(result, method, trails)
    finances, finance_chart = finances_part(finance, scan.municipality.name)
    if finance_chart:
        chart["finances"] = finance_chart
    figures = _figures(scan, result)
    header = scan_header(scan)
    gathered = {"presented": presented, "trails": trails, "findings": findings}
    return {
        "kind": "thermometer",
        "scan": header,
        "figures": figures,
        **report_text(scan, header, gathered, advice_part, result, figures),
        "analysis": presented,
        "trails": trails,
        "findings": findings,
        "advice": advice_part,
        "finances": finances,
        "chart": chart,
        "filter": {},
    }
