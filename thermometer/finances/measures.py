"""What an adviser reads from a municipality's Iv3 figures (pure: plain data in, plain
data out). Each measure carries its definition; every number a person reads is rounded
once, here (``core.formatting.rounded``).

Input: ``figures`` as (taakveld, year, document, side, amount) — lasten are what the
measures use; ``inhabitants`` as {(group, year): count}; ``references`` as
(region, region_label, taakveld, year, document, side, per_inhabitant); ``definition``
the method's ``finances`` block:

- ``social_domain``: code prefixes of the social domain (["6"]);
- ``general`` / ``individual``: code prefixes of prevention and general provisions
  (6.1, 6.2x) and of individual and escalated care (6.6, 6.7x, 6.8x);
- ``serves``: {population group: code prefixes}, the inhabitants a taakveld serves
  (youth for jeugdhulp), "all" for the rest;
- ``overrun_min``: a taakveld's accounts above its budget by more than this share are
  named as an overrun;
- ``light``: {green_max, red_min} for the deviation of the social domain's accounts
  from its budget (the Tweedaagse theme "stuurinformatie").

The measures:

1. **Lasten per inhabitant**, per year and document: the social domain's total and each
   taakveld's, divided by the inhabitants on 1 January of that year (the nearest year
   with a count when that year has none, named in ``inhabitants_year``), beside the CBS
   figure per inhabitant of the size class and province where fetched.
2. **Shift**: per year the share of general provisions in general plus individual care,
   ``general / (general + individual)``, and its trend: the least-squares slope in
   percentage points per year and the change from the first to the last year.
3. **Budget against accounts** per taakveld and year where both exist: accounts minus
   budget, as euros and as a share of the budget; an overrun when that share exceeds
   ``overrun_min``; the social domain's total deviation.
4. **Growth against population**: per taakveld and per group of taakvelden the yearly
   growth of its lasten (compound, first to last year with lasten, of the accounts, else
   the budget) beside the yearly growth of the population group it serves over the same
   years (all inhabitants where the scan has no count of that group).
"""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thermometer.core.formatting import decimal, rounded

from . import taakvelden

BUDGET, ACCOUNTS = "begroting", "rekening"
EXPENDITURE = "lasten"
DOCUMENTS = (ACCOUNTS, BUDGET)
GREEN, AMBER, RED = "green", "amber", "red"

DEFINITIONS = {
    "per_inhabitant": gettext_lazy(
        "Lasten of the social domain (taakvelden 6) in the year, divided by the number of "
        "inhabitants on 1 January of that year."
    ),
    "shift": gettext_lazy(
        "Share of prevention and general provisions in the lasten of general provisions plus "
        "individual and escalated care; the trend is the average change per year."
    ),
    "budget": gettext_lazy(
        "Lasten in the accounts minus lasten in the budget of the same year, in euros and as "
        "a share of the budget."
    ),
    "growth": gettext_lazy(
        "Average growth per year of the lasten, beside the average growth per year of the "
        "inhabitants the taakvelden serve, over the same years."
    ),
}


def analyse(figures, inhabitants: dict, references, definition: dict) -> dict:
    """All measures (see the module docstring) as one dict of plain data."""
    lasten = expenditure(figures)
    budget = budget_against_accounts(lasten, definition)
    return {
        "years": sorted({year for (_d, _t, year) in lasten}),
        "documents": [d for d in DOCUMENTS if any(k[0] == d for k in lasten)],
        "per_inhabitant": per_inhabitant(lasten, inhabitants, references, definition),
        "shift": shift(lasten, definition),
        "budget": budget,
        "growth": growth(lasten, inhabitants, definition),
        "light": light(budget["totals"], definition),
        "definitions": {key: str(text) for key, text in DEFINITIONS.items()},
    }


def expenditure(figures) -> dict:
    """{(document, taakveld, year): amount} of the lasten."""
    found = {}
    for taakveld, year, document, side, amount in figures:
        if side == EXPENDITURE:
            found[(document, taakveld, year)] = Decimal(amount)
    return found


def _sum(lasten: dict, document: str, year: int, prefixes) -> Decimal | None:
    amounts = [
        amount
        for (d, taakveld, y), amount in lasten.items()
        if d == document and y == year and taakvelden.in_any(taakveld, prefixes)
    ]
    return sum(amounts, Decimal(0)) if amounts else None


def _count(inhabitants: dict, group: str, year: int) -> tuple[int | None, int | None]:
    """The count of the group for the year, else of the nearest year (earlier on a tie)."""
    years = sorted((y for (g, y) in inhabitants if g == group), key=lambda y: (abs(y - year), y))
    if not years:
        return None, None
    return inhabitants[(group, years[0])], years[0]


# 1. Per inhabitant -----------------------------------------------------------------------


def per_inhabitant(lasten, inhabitants, references, definition) -> list[dict]:
    social = definition["social_domain"]
    reference = defaultdict(dict)  # (document, taakveld, year) -> {region: (label, value)}
    for region, label, taakveld, year, document, side, value in references:
        if side == EXPENDITURE:
            reference[(document, taakveld, year)][region] = (label, float(value))
    rows = []
    for document, taakveld, year in sorted(lasten, key=lambda k: (k[0], k[2])):
        if not taakvelden.in_any(taakveld, social):
            continue
        rows.append(_per_inhabitant_row(lasten, inhabitants, reference, document, taakveld, year))
    for document, year in sorted({(d, y) for (d, t, y) in lasten}):
        total = _sum(lasten, document, year, social)
        if total is None:
            continue
        row = _per_inhabitant_row(lasten, inhabitants, reference, document, None, year, total)
        rows.append(row)
    return sorted(rows, key=lambda r: (r["document"], r["year"], r["taakveld"] is not None))


def _per_inhabitant_row(lasten, inhabitants, reference, document, taakveld, year, total=None):
    amount = total if taakveld is None else lasten[(document, taakveld, year)]
    count, counted = _count(inhabitants, "all", year)
    value = rounded(float(amount) / count, 0) if count else None
    compared = {}
    for region, (label, figure) in reference.get((document, taakveld or "6", year), {}).items():
        compared[region] = {"label": label, "value": rounded(figure, 0)}
    return {
        "document": document,
        "taakveld": taakveld,
        "label": taakvelden.label(taakveld) if taakveld else _("Social domain in total"),
        "year": year,
        "amount": int(amount),
        "inhabitants": count,
        "inhabitants_year": counted,
        "value": value,
        "references": compared,
    }


# 2. Shift between general provisions and individual care ---------------------------------


def shift(lasten, definition) -> dict:
    series = {}
    for document in DOCUMENTS:
        points, shares = [], []  # shares unrounded, for the trend
        for year in sorted({y for (d, t, y) in lasten if d == document}):
            general = _sum(lasten, document, year, definition["general"])
            individual = _sum(lasten, document, year, definition["individual"])
            if general is None or individual is None or general + individual <= 0:
                continue
            share = float(general / (general + individual)) * 100
            shares.append((year, share))
            points.append(
                {
                    "year": year,
                    "general": int(general),
                    "individual": int(individual),
                    "share": rounded(share, 1),
                }
            )
        if points:
            series[document] = {"points": points, **_trend(shares)}
    return series


def _trend(shares: list[tuple[int, float]]) -> dict:
    if len(shares) < 2:
        return {"slope": None, "change": None, "sentence": ""}
    slope = _slope(shares)
    change = shares[-1][1] - shares[0][1]
    return {
        "slope": rounded(slope, 1),
        "change": rounded(change, 1),
        "sentence": _shift_sentence(shares[0][0], shares[-1][0], change, slope),
    }


def _slope(points) -> float:
    n = len(points)
    mean_x = sum(x for x, _y in points) / n
    mean_y = sum(y for _x, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _y in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def _shift_sentence(first: int, last: int, change: float, slope: float) -> str:
    values = {"first": first, "last": last, "change": decimal(abs(rounded(change, 1)))}
    if rounded(abs(slope), 1) < 0.5:
        return (
            _(
                "From %(first)s to %(last)s the share of general provisions hardly moved "
                "(%(change)s percentage points)."
            )
            % values
        )
    if slope > 0:
        return (
            _(
                "From %(first)s to %(last)s money moved towards prevention and general provisions: "
                "their share rose by %(change)s percentage points."
            )
            % values
        )
    return (
        _(
            "From %(first)s to %(last)s money moved towards individual and escalated care: the "
            "share of general provisions fell by %(change)s percentage points."
        )
        % values
    )


# 3. Budget against accounts --------------------------------------------------------------


def budget_against_accounts(lasten, definition) -> dict:
    social = definition["social_domain"]
    limit = float(definition["overrun_min"])
    rows = []
    for (document, taakveld, year), budget in sorted(lasten.items(), key=lambda i: i[0][2]):
        if document != BUDGET or not taakvelden.in_any(taakveld, social):
            continue
        accounts = lasten.get((ACCOUNTS, taakveld, year))
        if accounts is None:
            continue
        rows.append(_deviation(taakvelden.label(taakveld), taakveld, year, budget, accounts, limit))
    totals = []
    for year in sorted({r["year"] for r in rows}):
        codes = [r["taakveld"] for r in rows if r["year"] == year]
        budget = sum((lasten[(BUDGET, c, year)] for c in codes), Decimal(0))
        accounts = sum((lasten[(ACCOUNTS, c, year)] for c in codes), Decimal(0))
        totals.append(_deviation(_("Social domain in total"), None, year, budget, accounts, limit))
    rows.sort(key=lambda r: (r["year"], taakvelden.sort_key(r["taakveld"])))
    return {"rows": rows, "totals": totals, "overruns": [r for r in rows if r["overrun"]]}


def _deviation(label, taakveld, year, budget: Decimal, accounts: Decimal, limit: float) -> dict:
    difference = accounts - budget
    share = float(difference / budget) * 100 if budget else None
    return {
        "taakveld": taakveld,
        "label": label,
        "year": year,
        "budget": int(budget),
        "accounts": int(accounts),
        "difference": int(difference),
        "share": rounded(share, 1) if share is not None else None,
        "overrun": share is not None and share > limit * 100,
    }


# 4. Growth against the population served -------------------------------------------------


def growth(lasten, inhabitants, definition) -> list[dict]:
    rows = []
    groups = [("general", definition["general"]), ("individual", definition["individual"])]
    groups += [(f"serves:{g}", prefixes) for g, prefixes in definition.get("serves", {}).items()]
    social = definition["social_domain"]
    for document in DOCUMENTS:
        years = sorted({y for (d, t, y) in lasten if d == document})
        codes = sorted(
            {t for (d, t, y) in lasten if d == document and taakvelden.in_any(t, social)},
            key=taakvelden.sort_key,
        )
        each = [(f"taakveld:{code}", [code]) for code in codes]
        for key, prefixes in groups + each:
            row = _growth_row(lasten, inhabitants, definition, document, years, key, prefixes)
            if row:
                rows.append(row)
        if rows:
            break  # the accounts when there are any, else the budget
    return rows


def _growth_row(lasten, inhabitants, definition, document, years, key, prefixes):
    present = [y for y in years if _sum(lasten, document, y, prefixes)]
    if len(present) < 2:
        return None
    first, last = present[0], present[-1]
    start, end = _sum(lasten, document, first, prefixes), _sum(lasten, document, last, prefixes)
    group = _served_group(key, definition)
    people = _served_growth(inhabitants, group, first, last) or _served_growth(
        inhabitants, "all", first, last
    )
    yearly = (float(end / start) ** (1 / (last - first)) - 1) * 100 if start > 0 else None
    return {
        "key": key,
        "label": taakvelden.label(key.split(":", 1)[1]) if key.startswith("taakveld:") else "",
        "document": document,
        "first": first,
        "last": last,
        "growth": rounded(yearly, 1) if yearly is not None else None,
        "population_group": people[0] if people else None,
        "population_growth": rounded(people[1], 1) if people else None,
    }


def _served_group(key: str, definition) -> str:
    """The inhabitants a row serves: its group, or for one taakveld the group whose codes
    hold it (youth for 6.72), else all inhabitants."""
    if key.startswith("serves:"):
        return key.split(":", 1)[1]
    if key.startswith("taakveld:"):
        code = key.split(":", 1)[1]
        for group, prefixes in definition.get("serves", {}).items():
            if taakvelden.in_any(code, prefixes):
                return group
    return "all"


def _served_growth(inhabitants, group, first, last):
    start, end = inhabitants.get((group, first)), inhabitants.get((group, last))
    if not start or not end:
        return None
    return group, ((end / start) ** (1 / (last - first)) - 1) * 100


# The light for "stuurinformatie" ----------------------------------------------------------


def light(totals: list[dict], definition) -> dict | None:
    """The light from the social domain's deviation of accounts from budget in the latest
    year that has both (``totals`` of ``budget_against_accounts``), with its reason; None
    without such a year."""
    rules = definition.get("light")
    if not rules or not totals or totals[-1]["share"] is None:
        return None
    latest = totals[-1]
    deviation = abs(latest["share"])
    green, red = float(rules["green_max"]) * 100, float(rules["red_min"]) * 100
    colour = GREEN if deviation <= green else RED if deviation >= red else AMBER
    values = {
        "year": latest["year"],
        "deviation": decimal(deviation),
        "green": decimal(green),
        "red": decimal(red),
        "direction": _("above") if latest["difference"] > 0 else _("below"),
    }
    reason = {
        GREEN: _(
            "In %(year)s the social domain's accounts were %(deviation)s%% %(direction)s its "
            "budget: within %(green)s%%."
        ),
        AMBER: _(
            "In %(year)s the social domain's accounts were %(deviation)s%% %(direction)s its "
            "budget: more than %(green)s%%, less than %(red)s%%."
        ),
        RED: _(
            "In %(year)s the social domain's accounts were %(deviation)s%% %(direction)s its "
            "budget: %(red)s%% or more."
        ),
    }[colour] % values
    return {
        "colour": colour,
        "year": latest["year"],
        "deviation": deviation,
        "limits": (green, red),  # in percent, as the deviation
        "reason": reason,
    }
