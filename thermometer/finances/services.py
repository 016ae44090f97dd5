"""Changes to a scan's financial figures, each with its audit event, and the measures
worked out from them. The web page and ``manage.py import_finances`` call the same
functions: ``read`` (the preview, nothing stored) and ``store``."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from thermometer.audit.events import record
from thermometer.core import tabular
from thermometer.core.statline import CbsError
from thermometer.methods.models import MethodVersion

from . import measures, reading
from .cbs_reference import fetch_references as fetch_cbs_references
from .models import FinancialFigure, Inhabitants, ReferenceFigure

MAX_BYTES = 5 * 1024 * 1024
REGISTER = "CBS"  # the source named for inhabitants taken from the municipality register


class FinanceError(Exception):
    """A change that cannot be made; ``str(error)`` is a Dutch message for the user.
    ``unsaid`` names what the file left unsaid ("document" or "side"), if that was why."""

    def __init__(self, message: str, unsaid: str = ""):
        super().__init__(message)
        self.unsaid = unsaid


def definition_for(scan) -> dict:
    """The scan's method's ``finances`` block; for a scan on a version from before that
    block, the one of the method's newest version that has it (the figures are new data,
    so nothing the scan computed before changes)."""
    own = scan.method.data.get("finances")
    if own:
        return own
    versions = MethodVersion.objects.filter(slug=scan.method_version.slug)
    for version in sorted(versions, key=lambda v: v.version_key, reverse=True):
        if version.definition.get("finances"):
            return version.definition["finances"]
    raise FinanceError(_("This method has no financial analysis."))


def read(data: bytes, filename: str, defaults: reading.Defaults) -> reading.Reading:
    """The figures of a file, read but not stored (the preview)."""
    if len(data) > MAX_BYTES:
        raise FinanceError(_("The file is larger than 5 MB."))
    try:
        return reading.read_figures(data, filename, defaults)
    except reading.Unsaid as error:
        raise FinanceError(str(error), unsaid=error.what) from None
    except (tabular.TabularError, ValueError) as error:
        raise FinanceError(str(error)) from None


def as_plain(result: reading.Reading) -> dict:
    """A reading as JSON-safe data, to keep between the preview and the confirmation."""
    return {
        "figures": [
            [f.taakveld, f.year, f.document, f.side, str(f.amount)] for f in result.figures
        ],
        "inhabitants": [list(i) for i in result.inhabitants],
        "errors": [list(e) for e in result.errors],
        "notes": list(result.notes),
    }


def from_plain(data: dict) -> reading.Reading:
    return reading.Reading(
        figures=[reading.Figure(t, int(y), d, s, Decimal(a)) for t, y, d, s, a in data["figures"]],
        inhabitants=[reading.InhabitantCount(int(y), g, int(c)) for y, g, c in data["inhabitants"]],
        errors=[reading.RowError(int(r), m) for r, m in data["errors"]],
        notes=list(data["notes"]),
    )


@transaction.atomic
def store(scan, result: reading.Reading, *, source: str, user) -> int:
    """Keep the figures of a reading (a figure read again replaces the earlier one)."""
    if not result.figures and not result.inhabitants:
        raise FinanceError(_("The file holds no figures that could be read; nothing was imported."))
    source = source[:200]
    for figure in result.figures:
        FinancialFigure.objects.update_or_create(
            scan=scan,
            taakveld=figure.taakveld,
            year=figure.year,
            document=figure.document,
            side=figure.side,
            defaults={"amount": figure.amount, "source": source},
        )
    for count in result.inhabitants:
        Inhabitants.objects.update_or_create(
            scan=scan,
            year=count.year,
            group=count.group,
            defaults={"count": count.count, "source": source},
        )
    record(
        "finances_imported",
        user=user,
        scan=scan,
        count=len(result.figures),
        errors=len(result.errors),
        name=source,
    )
    return len(result.figures)


@transaction.atomic
def remove_all(scan, *, user) -> int:
    removed = FinancialFigure.objects.filter(scan=scan).delete()[0]
    Inhabitants.objects.filter(scan=scan).delete()
    ReferenceFigure.objects.filter(scan=scan).delete()
    record("finances_removed", user=user, scan=scan, count=removed)
    return removed


def inhabitants_of(scan) -> dict:
    """{(group, year): count}: the scan's own counts, else the municipality register's."""
    counts = {(i.group, i.year): i.count for i in Inhabitants.objects.filter(scan=scan)}
    municipality = scan.municipality
    if not any(group == "all" for group, _year in counts) and municipality.population:
        year = municipality.population_date.year if municipality.population_date else None
        if year:
            counts[("all", year)] = municipality.population
    return counts


FIGURE_FIELDS = ("taakveld", "year", "document", "side", "amount")
REFERENCE_FIELDS = (
    "region", "region_label", "taakveld", "year", "document", "side", "per_inhabitant"
)  # fmt: skip


def figures_of(scan) -> list[tuple]:
    return list(FinancialFigure.objects.filter(scan=scan).values_list(*FIGURE_FIELDS))


def analysis_for(scan) -> dict | None:
    """The measures of ``measures.analyse`` for the scan, with the sources of its figures
    and comparisons; None when it has no figures."""
    rows = list(FinancialFigure.objects.filter(scan=scan).values_list(*FIGURE_FIELDS, "source"))
    if not rows:
        return None
    references = list(
        ReferenceFigure.objects.filter(scan=scan).values_list(*REFERENCE_FIELDS, "table")
    )
    definition = definition_for(scan)
    result = measures.analyse(
        [row[:-1] for row in rows],
        inhabitants_of(scan),
        [row[:-1] for row in references],
        definition,
    )
    result["sources"] = sorted({row[-1] for row in rows})
    result["reference_sources"] = sorted({row[-1] for row in references})
    result["goal"] = definition.get("goal")  # whose matrix row shows the figures
    return result


def analysis_if_any(scan) -> dict | None:
    """``analysis_for``, or None where the scan has no figures or its method no analysis."""
    try:
        return analysis_for(scan)
    except FinanceError:
        return None


def finance_light(scan) -> dict | None:
    """The light of ``measures.light`` for the scan's own figures, None without them."""
    figures = figures_of(scan)
    if not figures:
        return None
    definition = definition_for(scan)
    budget = measures.budget_against_accounts(measures.expenditure(figures), definition)
    return measures.light(budget["totals"], definition)


def fetch_references(scan, *, user, opener=None) -> int:
    """CBS figures per inhabitant of the scan's size class and province for the years and
    taakvelden of its own figures, kept as fetched; returns how many were kept."""
    wanted = {}
    for taakveld, year, document, side, _amount in figures_of(scan):
        if side == measures.EXPENDITURE and taakveld.startswith("6"):
            codes, years = wanted.setdefault(document, (set(), set()))
            codes.add(taakveld)
            years.add(year)
    if not wanted:
        raise FinanceError(_("Import the municipality's own figures first."))
    municipality = scan.municipality
    if not municipality.population:
        raise FinanceError(_("The municipality's number of inhabitants is unknown."))
    results = []
    try:
        for document, (codes, years) in sorted(wanted.items()):
            results.append(
                fetch_cbs_references(
                    document=document,
                    taakvelden=sorted(codes | {"6"}),
                    years=sorted(years),
                    province=municipality.province,
                    population=municipality.population,
                    opener=opener,
                )
            )
    except CbsError as error:
        raise FinanceError(str(error)) from None
    return _keep_references(scan, results, user=user)


@transaction.atomic
def _keep_references(scan, results, *, user) -> int:
    kept = 0
    for figure in (figure for result in results for figure in result.figures):
        ReferenceFigure.objects.update_or_create(
            scan=scan,
            region=figure.region,
            taakveld=figure.taakveld,
            year=figure.year,
            document=figure.document,
            side=figure.side,
            defaults={
                "region_label": figure.region_label[:200],
                "per_inhabitant": Decimal(repr(figure.per_inhabitant)).quantize(Decimal("0.01")),
                "table": figure.table,
            },
        )
        kept += 1
    record("finance_references_fetched", user=user, scan=scan, count=kept)
    return kept
