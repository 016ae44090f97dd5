"""De Raad in positie as plain data for the council proposal and the overview: the
framework values → transformations → results → criteria → indicators, what it builds
on, the decision, and the monitoring once there are measurements."""

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.finances.services import analysis_if_any
from thermometer.frameworks import services as frameworks
from thermometer.frameworks.monitoring import quantity
from thermometer.live.models import LiveSession
from thermometer.reports import narrative

from .advice import advice_as_it_stands
from .finances import finances_part
from .header import scan_header


def _indicator(indicator, entry: dict, names: dict) -> dict:
    """An indicator with its monitoring ``entry``; ``names``: the method's names of the
    indicator sources and frequencies."""
    status, measurements = entry.get("status"), entry.get("measurements", [])
    return {
        "name": indicator.name,
        "definition": indicator.definition,
        "unit": indicator.unit,
        "source": names["sources"].get(indicator.source, indicator.source),
        "norm": indicator.norm,
        "norm_shown": "" if indicator.norm is None else quantity(indicator.norm, indicator.unit),
        "direction": indicator.get_direction_display(),
        "frequency": names["frequencies"].get(indicator.frequency, indicator.frequency),
        "colour": status.colour if status else None,
        "explanation": status.explanation if status else "",
        "measurements": measurements,
    }


def _value(value: dict, results: list[dict]) -> dict:
    item = value["item"]
    return {
        "text": item.text,
        "description": item.description,
        "quote": item.quote,
        "source": item.source_title,
        "dots": item.dots,
        "transformations": [t.text for t in value["transformations"]],
        "results": results,
    }


def _framework(scan) -> tuple[list[dict], dict]:
    """(the framework's values down to their indicators, how many of each there are)."""
    method = scan.method
    names = {
        "sources": {s["key"]: s["name"] for s in method.data.get("indicator_sources", [])},
        "frequencies": {f["key"]: f["name"] for f in method.data.get("frequencies", [])},
    }
    monitoring = {row["indicator"].pk: row for row in frameworks.monitoring(scan)}
    values = []
    counts = {"values": 0, "results": 0, "criteria": 0, "indicators": 0}
    for value in frameworks.tree(scan):
        counts["values"] += 1
        results = []
        for result in value["results"]:
            counts["results"] += 1
            criteria = []
            for criterion in result["criteria"]:
                counts["criteria"] += 1
                indicators = [
                    _indicator(indicator, monitoring.get(indicator.pk, {}), names)
                    for indicator in criterion["indicators"]
                ]
                counts["indicators"] += len(indicators)
                criteria.append({"text": criterion["item"].text, "indicators": indicators})
            results.append({"text": result["item"].text, "criteria": criteria})
        values.append(_value(value, results))
    return values, counts


def _indicators(values: list[dict]) -> list[dict]:
    return [i for v in values for r in v["results"] for c in r["criteria"] for i in c["indicators"]]


def _introduction(scan, header: dict, values: list[dict]) -> list[str]:
    live = LiveSession.objects.filter(scan=scan).aggregate(
        sessions=Count("id", distinct=True), devices=Count("devices")
    )
    built_on = sorted({v["source"] for v in values if v["quote"] and v["source"]})
    request = _(
        "At the request of the council of %(municipality)s, %(organisation)s guided the "
        "council in drawing up a steering framework for the social domain, with the method "
        "%(method)s. The work started on %(start)s."
    ) % {
        "municipality": header["municipality"],
        "organisation": header["organisation"],
        "method": header["method"],
        "start": date_format(scan.start_date, "j F Y"),
    }
    approach = [
        narrative.steps_sentence([step.name for step in scan.method.steps]),
        narrative.sessions_sentence(live["sessions"], live["devices"]),
    ]
    if built_on:
        approach.append(
            ngettext(
                "The values build on a document the council adopted earlier: %(titles)s.",
                "The values build on documents the council adopted earlier: %(titles)s.",
                len(built_on),
            )
            % {"titles": narrative.join(built_on)}
        )
    return [request, " ".join(approach)]


def _conclusion(counts: dict, decision, values: list[dict]) -> list[str]:
    counted = {
        "values": ngettext("%(n)s value", "%(n)s values", counts["values"]),
        "results": ngettext("%(n)s result", "%(n)s results", counts["results"]),
        "criteria": ngettext("%(n)s criterion", "%(n)s criteria", counts["criteria"]),
        "indicators": ngettext("%(n)s indicator", "%(n)s indicators", counts["indicators"]),
    }
    conclusion = [
        _("The framework holds %(values)s, %(results)s, %(criteria)s and %(indicators)s.")
        % {key: text % {"n": counts[key]} for key, text in counted.items()}
    ]
    if decision:
        conclusion.append(
            _("The council adopted it on %(date)s.")
            % {"date": date_format(decision.decided_on, "j F Y")}
        )
    else:
        conclusion.append(
            _("We propose that the council adopts the steering framework as set out above.")
        )
    lit = [{"name": i["name"], "colour": i["colour"]} for i in _indicators(values) if i["colour"]]
    if lit:
        conclusion.append(
            _("At the latest measurement: %(lights)s") % {"lights": narrative.lights_sentence(lit)}
        )
    return conclusion


def framework_content(scan) -> dict:
    finances, finance_chart = finances_part(analysis_if_any(scan), scan.municipality.name)
    values, counts = _framework(scan)
    decision = getattr(scan, "decision", None)
    header = scan_header(scan)
    return {
        "kind": "framework",
        "scan": header,
        "introduction": _introduction(scan, header, values),
        "conclusion": _conclusion(counts, decision, values),
        "counts": counts,
        "values": values,
        "decision": decision
        and {"date": decision.decided_on, "reference": decision.reference, "notes": decision.notes},
        "monitored": any(i["measurements"] for i in _indicators(values)),
        "advice": advice_as_it_stands(scan),
        "finances": finances,
        "chart": {"finances": finance_chart} if finance_chart else {},
        "filter": {},
    }
