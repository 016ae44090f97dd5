"""Scans compared (pure): a municipality's trend over its earlier scans, and an
anonymised benchmark against other municipalities that ran the same method version.

A measure is compared only where the questions behind it are the same: each scan's
analysis carries a signature of the scored items per goal and dimension (key, scale
and wording), and a measure whose signature differs is left out rather than compared.
The benchmark shows a measure only when at least ``min_municipalities`` other
municipalities contribute a shown (unsuppressed) value, and then only their spread —
never a single municipality's figure.
"""

from dataclasses import dataclass, field
from statistics import median, quantiles

# CBS-style size classes by number of inhabitants.
SIZE_CLASSES = (
    ("lt20k", 0, 20_000),
    ("20k_50k", 20_000, 50_000),
    ("50k_100k", 50_000, 100_000),
    ("ge100k", 100_000, None),
)
MIN_MUNICIPALITIES = 5


@dataclass(frozen=True)
class Snapshot:
    """What a comparison needs of one scan's computed analysis."""

    scan: object  # the caller's key
    municipality: str  # CBS code
    method: str  # "slug version"
    date: str  # ISO date the scan started, for ordering a trend
    label: str
    population: int | None
    measures: dict = field(default_factory=dict)  # measure key -> (mean, n)
    signatures: dict = field(default_factory=dict)  # "goal|dimension" -> item signature


def measure_key(goal: str, dimension: str, actor: str) -> str:
    """``goal|dimension|actor``; an empty dimension is the goal × actor cell."""
    return f"{goal}|{dimension}|{actor}"


def measures_of(result: dict) -> dict:
    """The shown measures of an analysis result: grade per goal × dimension × actor and
    per goal × actor (the matrix cell); suppressed measures are absent."""
    found = {}
    for row in result.get("temperature", []):
        for actor, score in row.get("actors", {}).items():
            if score is not None:
                key = measure_key(row["goal"], row["dimension"], actor)
                found[key] = (score["mean"], score["n"])
    for cell in result.get("matrix", []):
        if cell["score"] is not None:
            key = measure_key(cell["goal"], "", cell["actor"])
            found[key] = (cell["score"]["mean"], cell["score"]["n"])
    return found


def _signature_keys(key: str, signatures: dict) -> list[str]:
    goal, dimension, _actor = key.split("|")
    if dimension:
        return [f"{goal}|{dimension}"]
    # A cell pools every dimension of its goal.
    return sorted(k for k in signatures if k.startswith(f"{goal}|"))


def comparable(key: str, a: Snapshot, b: Snapshot) -> bool:
    """Whether measure ``key`` rests on the same questions in both scans."""
    if a.method != b.method:
        return False
    keys = _signature_keys(key, a.signatures)
    if not keys or keys != _signature_keys(key, b.signatures):
        return False
    return all(a.signatures[k] == b.signatures.get(k) for k in keys)


def trend(current: Snapshot, earlier: list[Snapshot]) -> dict:
    """Per measure of ``current``: the earlier scans of the same municipality whose
    questions match, oldest first, ending with the current value.

    Measures without any comparable earlier scan are left out."""
    series = {}
    history = sorted(
        (s for s in earlier if s.municipality == current.municipality and s.scan != current.scan),
        key=lambda s: s.date,
    )
    for key, (mean, n) in current.measures.items():
        points = [
            {
                "scan": s.scan,
                "label": s.label,
                "date": s.date,
                "mean": s.measures[key][0],
                "n": s.measures[key][1],
            }
            for s in history
            if key in s.measures and comparable(key, current, s)
        ]
        if points:
            points.append(
                {
                    "scan": current.scan,
                    "label": current.label,
                    "date": current.date,
                    "mean": mean,
                    "n": n,
                }
            )
            series[key] = points
    return series


def size_class(population: int | None) -> str | None:
    if population is None:
        return None
    for key, low, high in SIZE_CLASSES:
        if population >= low and (high is None or population < high):
            return key
    return None


def latest_per_municipality(snapshots: list[Snapshot]) -> list[Snapshot]:
    latest = {}
    for snapshot in snapshots:
        kept = latest.get(snapshot.municipality)
        if kept is None or snapshot.date > kept.date:
            latest[snapshot.municipality] = snapshot
    return list(latest.values())


def benchmark(
    own: Snapshot,
    others: list[Snapshot],
    *,
    same_size_class: bool = False,
    min_municipalities: int = MIN_MUNICIPALITIES,
) -> dict:
    """Per measure of ``own``: the spread of the other municipalities' latest comparable
    values, and where ``own`` stands; only with ``min_municipalities`` contributing."""
    own_class = size_class(own.population)
    pool = [
        s
        for s in latest_per_municipality([s for s in others if s.municipality != own.municipality])
        if not same_size_class or (own_class is not None and size_class(s.population) == own_class)
    ]
    result = {}
    for key, (mean, _n) in own.measures.items():
        values = sorted(
            s.measures[key][0] for s in pool if key in s.measures and comparable(key, own, s)
        )
        if len(values) < min_municipalities:
            continue
        low, _mid, high = quantiles(values, n=4, method="inclusive")
        below = sum(1 for v in values if v < mean) + 0.5 * sum(1 for v in values if v == mean)
        result[key] = {
            "municipalities": len(values),
            "p25": round(low, 2),
            "median": round(median(values), 2),
            "p75": round(high, 2),
            "own": mean,
            # Share of the other municipalities that score lower (ties count half).
            "percentile": round(100 * below / len(values)),
        }
    return result
