"""De Raad in positie as plain data for the council proposal and the overview: the
framework values → transformations → results → criteria → indicators, what it builds
on, the decision, and the monitoring once there are measurements."""

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.frameworks import services as frameworks
from thermometer.frameworks.monitoring import quantity
from thermometer.live.models import LiveSession

from . import narrative
from .content import advice_as_it_stands, scan_header
from .finance_content import finances_part


def framework_content(scan) -> dict:
    method = scan.method
    finances, finance_chart = finances_part(scan)
    sources = {s["key"]: s["name"] for s in method.data.get("indicator_sources", [])}
    frequencies = {f["key"]: f["name"] for f in method.data.get("frequencies", [])}
    monitoring = {row["indicator"].pk: row for row in frameworks.monitoring(scan)}
    values = []
    monitored = False
    counts = {"values": 0, "results": 0, "criteria": 0, "indicators": 0}
    for value in frameworks.tree(scan):
        counts["values"] += 1
        results = []
        for result in value["results"]:
            counts["results"] += 1
            criteria = []
            for criterion in result["criteria"]:
                counts["criteria"] += 1
                indicators = []
                for indicator in criterion["indicators"]:
                    counts["indicators"] += 1
                    entry = monitoring.get(indicator.pk, {})
                    status, measurements = entry.get("status"), entry.get("measurements", [])
                    monitored = monitored or bool(measurements)
                    indicators.append(
                        {
                            "name": indicator.name,
                            "definition": indicator.definition,
                            "unit": indicator.unit,
                            "source": sources.get(indicator.source, indicator.source),
                            "norm": indicator.norm,
                            "norm_shown": (
                                ""
                                if indicator.norm is None
                                else quantity(indicator.norm, indicator.unit)
                            ),
                            "direction": indicator.get_direction_display(),
                            "frequency": frequencies.get(indicator.frequency, indicator.frequency),
                            "colour": status.colour if status else None,
                            "explanation": status.explanation if status else "",
                            "measurements": measurements,
                        }
                    )
                criteria.append({"text": criterion["item"].text, "indicators": indicators})
            results.append({"text": result["item"].text, "criteria": criteria})
        values.append(
            {
                "text": value["item"].text,
                "description": value["item"].description,
                "quote": value["item"].quote,
                "source": value["item"].source_title,
                "dots": value["item"].dots,
                "transformations": [t.text for t in value["transformations"]],
                "results": results,
            }
        )
    decision = getattr(scan, "decision", None)
    counted = {
        "values": ngettext("%(n)s value", "%(n)s values", counts["values"]),
        "results": ngettext("%(n)s result", "%(n)s results", counts["results"]),
        "criteria": ngettext("%(n)s criterion", "%(n)s criteria", counts["criteria"]),
        "indicators": ngettext("%(n)s indicator", "%(n)s indicators", counts["indicators"]),
    }
    header = scan_header(scan)
    live = LiveSession.objects.filter(scan=scan).aggregate(
        sessions=Count("id", distinct=True), devices=Count("devices")
    )
    built_on = sorted({v["source"] for v in values if v["quote"] and v["source"]})
    introduction = [
        _(
            "At the request of the council of %(municipality)s, %(organisation)s guided the "
            "council in drawing up a steering framework for the social domain, with the method "
            "%(method)s. The work started on %(start)s."
        )
        % {
            "municipality": header["municipality"],
            "organisation": header["organisation"],
            "method": header["method"],
            "start": date_format(scan.start_date, "j F Y"),
        },
        " ".join(
            [
                narrative.steps_sentence([step.name for step in method.steps]),
                narrative.sessions_sentence(live["sessions"], live["devices"]),
            ]
            + (
                [
                    ngettext(
                        "The values build on a document the council adopted earlier: %(titles)s.",
                        "The values build on documents the council adopted earlier: %(titles)s.",
                        len(built_on),
                    )
                    % {"titles": narrative.join(built_on)}
                ]
                if built_on
                else []
            )
        ),
    ]
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
    lit = [
        {"name": i["name"], "colour": i["colour"]}
        for v in values
        for r in v["results"]
        for c in r["criteria"]
        for i in c["indicators"]
        if i["colour"]
    ]
    if lit:
        conclusion.append(
            _("At the latest measurement: %(lights)s") % {"lights": narrative.lights_sentence(lit)}
        )
    return {
        "kind": "framework",
        "scan": header,
        "introduction": introduction,
        "conclusion": conclusion,
        "counts": counts,
        "values": values,
        "decision": decision
        and {"date": decision.decided_on, "reference": decision.reference, "notes": decision.notes},
        "monitored": monitored,
        "advice": advice_as_it_stands(scan),
        "finances": finances,
        "chart": {"finances": finance_chart} if finance_chart else {},
        "filter": {},
    }
