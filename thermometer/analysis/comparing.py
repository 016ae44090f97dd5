"""What a scan is compared with: its municipality's earlier scans that the user may see
(a trend), and the other municipalities that ran the same method version (an
anonymised benchmark). Reads the stored analyses; the comparing itself is pure
(``comparison``)."""

from django.utils.translation import gettext as _

from thermometer.scans.models import Scan

from .comparison import (
    MIN_MUNICIPALITIES,
    Snapshot,
    benchmark,
    measure_key,
    measures_of,
    size_class,
    trend,
)
from .models import AnalysisResult


def _snapshot(scan, data: dict) -> Snapshot:
    return Snapshot(
        scan=scan.pk,
        municipality=scan.municipality.code,
        method=f"{scan.method_version.slug} {scan.method_version.version}",
        date=scan.start_date.isoformat() if scan.start_date else "",
        label=scan.title,
        population=scan.municipality.population,
        measures=measures_of(data),
        signatures=data.get("signatures", {}),
    )


def comparison_for(scan, user, data: dict, *, same_size_class: bool = False) -> dict:
    """The trend and the benchmark of ``scan`` (whose analysis is ``data``), named."""
    method = scan.method
    own = _snapshot(scan, data)
    earlier = [
        _snapshot(result.scan, result.data)
        for result in AnalysisResult.objects.filter(
            scan__in=Scan.objects.for_user(user).filter(municipality=scan.municipality)
        )
        .exclude(scan=scan)
        .select_related("scan__municipality", "scan__method_version")
        .defer("scan__method_version__definition")
    ]
    # Other municipalities' results, whoever ran them: only their spread is shown.
    others = [
        _snapshot(result.scan, result.data)
        for result in AnalysisResult.objects.filter(scan__method_version=scan.method_version)
        .exclude(scan__municipality=scan.municipality)
        .select_related("scan__municipality", "scan__method_version")
        .defer("scan__method_version__definition")
    ]
    series = trend(own, earlier)
    compared = benchmark(own, others, same_size_class=same_size_class)

    def name(key: str) -> str:
        goal, dimension, actor = key.split("|")
        parts = [method.goals.get(goal, goal)]
        if dimension:
            parts.append(method.dimensions.get(dimension, dimension))
        parts.append(method.actors.get(actor, actor))
        return ", ".join(parts)

    order = [
        measure_key(g, d, a)
        for g in method.goals
        for d in ["", *method.dimensions]
        for a in method.actors
    ]
    return {
        "trend": [{"key": k, "name": name(k), "points": series[k]} for k in order if k in series],
        "benchmark": [{"key": k, "name": name(k), **compared[k]} for k in order if k in compared],
        "min_municipalities": MIN_MUNICIPALITIES,
        "size_class": size_class(scan.municipality.population),
        "same_size_class": same_size_class,
        "note": _(
            "Compared only where the questions behind a measure are the same; other "
            "municipalities are shown only as a spread, and only from %(n)s of them."
        )
        % {"n": MIN_MUNICIPALITIES},
    }
