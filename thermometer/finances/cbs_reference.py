"""CBS figures per inhabitant of a size class and a province, per taakveld and year.

CBS publishes the municipalities' budgets (table 83641NED, "Gemeentebegrotingen; baten en
lasten naar regio en grootteklasse") and accounts (84413NED, "Gemeenterekeningen;
gemeentelijke taakvelden, gemeentegrootteklasse, regio") in StatLine, OData v3. The keys of
their dimensions and topics are not fixed in this code: CBS renumbers categories between
editions, and we could not read the live tables when this was written. They are found the
way a person reads the table, from its metadata:

- ``{base}/{table}/DataProperties`` lists the dimensions (``Type`` ``Dimension``,
  ``GeoDimension``, ``TimeDimension``) and the topics (``Topic``, inside ``TopicGroup``
  entries linked by ``ParentID``), each with ``Key`` and ``Title``;
- ``{base}/{table}/{dimension key}`` lists that dimension's categories (``Key``, ``Title``).

Then: the taakvelden dimension is the one whose titles start with a taakveld code ("6.1
Samenkracht en burgerparticipatie", "Taakveld 6.71 ..."); the size classes are the
categories whose titles are population bounds ("20 000 tot 50 000 inwoners", "< 10 000",
"300 000 inwoners of meer"), in a dimension of their own or within the region dimension;
the province is found by name (Fryslân or Friesland, "Utrecht (PV)"); the topics are the
ones whose title (with their group's title and unit) says "lasten per inwoner" / "baten per
inwoner", or one "per inwoner" topic beside a dimension with the categories Baten and
Lasten. Any other dimension is held at its total. The figures are then asked with a
``$filter`` on exactly those keys (several requests when the URL would grow too long) and
read from ``TypedDataSet``, following ``odata.nextLink``.

What CBS does not have (a taakveld, a year, the size class, the province, a suppressed
value) becomes a Dutch note, not an error. What goes wrong (network, HTTP status, JSON, a
table without the expected structure) raises ``CbsError``. CBS data are CC BY 4.0.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.utils.translation import gettext as _

from thermometer.core import statline as cbs
from thermometer.core.statline import CbsError

DEFAULT_BASE = cbs.DEFAULT_BASE
BUDGET_TABLE = "83641NED"
ACCOUNTS_TABLE = "84413NED"
TABLES = {"begroting": BUDGET_TABLE, "rekening": ACCOUNTS_TABLE}
SIDES = ("lasten", "baten")
# Browsers and proxies accept about 2,000 characters; CBS itself allows more.
MAX_URL_LENGTH = 2000

_KEY = re.compile(r"[0-9A-Za-z_]{1,20}")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,79}")
_TAAKVELD_CODE = re.compile(r"\d{1,2}(?:\.\d{1,3})?")
_TAAKVELD_TITLE = re.compile(
    r"\s*(?:taakveld\s+)?(\d{1,2}(?:\.\d{1,3})?)(?!\d|\.\d)[\s:.\-–]*(?=[^\W\d_])", re.I
)


# --- size classes ---------------------------------------------------------------------


@dataclass(frozen=True)
class SizeClass:
    """Municipalities with at least ``lower`` and fewer than ``upper`` inhabitants."""

    lower: int
    upper: int | None

    @property
    def label(self) -> str:
        if self.upper is None:
            return _("%(lower)s inhabitants or more") % {"lower": _thousands(self.lower)}
        if self.lower == 0:
            return _("fewer than %(upper)s inhabitants") % {"upper": _thousands(self.upper)}
        return _("%(lower)s to %(upper)s inhabitants") % {
            "lower": _thousands(self.lower),
            "upper": _thousands(self.upper),
        }

    def contains(self, population: int) -> bool:
        return self.lower <= population and (self.upper is None or population < self.upper)


# The gemeentegrootteklassen CBS uses in its tables of municipal finances.
CBS_SIZE_CLASSES = tuple(
    SizeClass(lower, upper)
    for lower, upper in (
        (0, 10_000),
        (10_000, 20_000),
        (20_000, 50_000),
        (50_000, 100_000),
        (100_000, 150_000),
        (150_000, 300_000),
        (300_000, None),
    )
)


def size_class(population: int) -> SizeClass:
    """The CBS size class of a municipality with ``population`` inhabitants."""
    population = _population(population)
    return next(size for size in CBS_SIZE_CLASSES if size.contains(population))


def parse_size_class(title: str) -> SizeClass | None:
    """The bounds a category title names ("20 000 tot 50 000 inwoners"), else ``None``."""
    text = unicodedata.normalize("NFKC", str(title or "")).casefold()
    text = re.sub(r"(?<=\d)\s*[-–—]\s*(?=\d)", " tot ", text)
    text = re.sub(r"(?<=\d)[\s.,'’](?=\d{3}(?!\d))", "", text)
    numbers = [int(number) for number in re.findall(r"\d+", text)]
    if not numbers or max(numbers) < 1000 or len(numbers) > 2:
        return None
    if len(numbers) == 2:
        lower, upper = numbers
        if "tot en met" in text or upper % 1000 == 999:
            upper += 1
        return SizeClass(lower, upper) if lower < upper else None
    number = numbers[0]
    if re.search(r"minder|kleiner|onder|beneden|<|≤|\btot\b", text):
        inclusive = "≤" in text or "<=" in text or "tot en met" in text
        return SizeClass(0, number + 1 if inclusive else number)
    if re.search(r"meer|groter|hoger|boven|>|≥|\+", text):
        return SizeClass(number, None)
    return None


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _population(population) -> int:
    if isinstance(population, bool) or not isinstance(population, int) or population <= 0:
        raise CbsError(
            _("“%(population)s” is not a number of inhabitants.")
            % {"population": str(population)[:40]}
        )
    return population


# --- what is asked and what comes back ------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """One CBS figure: € per inhabitant of a size class or province."""

    region: str  # "size_class" or "province"
    region_label: str
    taakveld: str
    year: int
    document: str  # "begroting" or "rekening"
    side: str  # "lasten" or "baten"
    per_inhabitant: float
    table: str


@dataclass
class ReferenceResult:
    figures: list[Reference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Category:
    key: str
    title: str


@dataclass
class Dimension:
    key: str
    kind: str  # "Dimension", "GeoDimension" or "TimeDimension"
    categories: list[Category] = field(default_factory=list)


@dataclass(frozen=True)
class Target:
    """A region the figures are wanted for: the categories that select it."""

    region: str
    label: str
    conditions: tuple[tuple[str, str], ...]


@dataclass
class Layout:
    """Where the wanted figures sit in one CBS table."""

    table: str
    period: Dimension
    taakveld: str
    taakveld_keys: dict[str, str]  # taakveld code -> category key
    region: Dimension
    size: Dimension | None
    fixed: dict[str, str]  # other dimensions held at their total
    topics: dict[str, tuple[str, tuple[str, str] | None]]  # side -> (topic, side category)


def fetch_references(
    *,
    document: str,
    taakvelden: list[str],
    years: list[int],
    province: str,
    population: int,
    opener: cbs.Opener | None = None,
    base: str = DEFAULT_BASE,
    timeout: float = 10,
) -> ReferenceResult:
    """CBS € per inhabitant of the size class and province, per taakveld, year and side."""
    if document not in TABLES:
        raise CbsError(_("“%(document)s” is not begroting or rekening.") % {"document": document})
    codes = _unique(normalise_taakveld(code) for code in taakvelden)
    wanted_years = sorted({_year(year) for year in years})
    population = _population(population)
    province = str(province or "").strip()
    if not province:
        raise CbsError(_("Give the province of the municipality."))
    result = ReferenceResult()
    if not codes or not wanted_years:
        return result
    table = TABLES[document]
    client = _Client(base, opener, timeout, table)
    layout = read_layout(client.metadata())
    found_codes = [code for code in codes if code in layout.taakveld_keys]
    periods = _periods(layout.period.categories, wanted_years)
    targets = _targets(layout, province, population, result.notes)
    _note_missing_keys(result.notes, table, codes, found_codes, wanted_years, periods)
    _note_missing_sides(result.notes, table, layout)
    if not found_codes or not periods or not targets:
        return result
    keys = [layout.taakveld_keys[code] for code in found_codes]
    values = read_values(client.rows(layout, keys, periods, targets), layout, periods, targets)
    _collect(result, values, document, layout, found_codes, sorted(periods.values()), targets)
    return result


def _collect(result, values, document, layout, codes, years, targets) -> None:
    """The figures in a fixed order (region, taakveld, side, year); a note per gap."""
    for target in targets:
        for code in codes:
            for side in layout.topics:
                missing = []
                for year in years:
                    value = values.get((target.region, code, year, side))
                    if value is None:
                        missing.append(year)
                        continue
                    result.figures.append(
                        Reference(
                            target.region,
                            target.label,
                            code,
                            year,
                            document,
                            side,
                            value,
                            layout.table,
                        )
                    )
                if missing:
                    result.notes.append(_missing_value_note(target, code, side, missing))


def normalise_taakveld(code: str) -> str:
    """ "6.1", " Taakveld 6.1", "6,1" -> "6.1"; ``CbsError`` for anything else."""
    text = re.sub(r"^\s*taakveld\s+", "", str(code or ""), flags=re.I).strip().replace(",", ".")
    if not _TAAKVELD_CODE.fullmatch(text):
        raise CbsError(
            _("“%(code)s” is not a taakveld code such as 6.1.") % {"code": str(code)[:40]}
        )
    return text


def taakveld_of(title: str) -> str | None:
    """The taakveld code a category title starts with, else ``None``."""
    match = _TAAKVELD_TITLE.match(unicodedata.normalize("NFKC", str(title or "")))
    return match.group(1) if match else None


def _year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise CbsError(_("“%(year)s” is not a year.") % {"year": str(year)[:40]})
    return year


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- HTTP -----------------------------------------------------------------------------


class _Client:
    def __init__(self, base: str, opener, timeout: float, table: str):
        self.base, self.opener, self.timeout, self.table = base.rstrip("/"), opener, timeout, table

    def all_rows(self, url: str, measure: str) -> list[dict]:
        rows: list[dict] = []
        for _page in range(cbs.MAX_PAGES):
            payload = cbs.get_json(
                url, self.opener, self.timeout, table=self.table, measure=measure
            )
            rows.extend(payload["value"])
            url = payload.get("odata.nextLink")
            if not url:
                return rows
            if not isinstance(url, str) or not url.startswith(self.base + "/"):
                raise CbsError(_("CBS sent an unexpected follow-up address."))
        raise CbsError(
            _("CBS sends more pages than expected for table %(table)s.") % {"table": self.table}
        )

    def metadata(self) -> dict[str, object]:
        """The table's DataProperties and the categories of each of its dimensions."""
        properties = self.all_rows(f"{self.base}/{self.table}/DataProperties", "DataProperties")
        dimensions = {}
        for entry in properties:
            if entry.get("Type") in ("Dimension", "GeoDimension", "TimeDimension"):
                key = _identifier(entry.get("Key"))
                dimensions[key] = Dimension(key, entry["Type"], self.dimension(key))
        return {"table": self.table, "properties": properties, "dimensions": dimensions}

    def dimension(self, key: str) -> list[Category]:
        categories = []
        for row in self.all_rows(f"{self.base}/{self.table}/{key}", key):
            if not isinstance(row.get("Key"), str) or not isinstance(row.get("Title"), str):
                raise CbsError(
                    _("CBS sent an unreadable list of categories for “%(name)s”.") % {"name": key}
                )
            categories.append(Category(row["Key"].strip(), " ".join(row["Title"].split())))
        return categories

    def rows(self, layout: Layout, taakveld_keys, periods, targets) -> list[dict]:
        rows = []
        for url in data_urls(self.base, layout, taakveld_keys, periods, targets):
            measure = ",".join(topic for topic, _side in layout.topics.values())
            rows.extend(self.all_rows(url, measure))
        return rows


def _identifier(key) -> str:
    if not isinstance(key, str) or not _IDENTIFIER.fullmatch(key.strip()):
        raise CbsError(_("“%(name)s” is not a CBS field key.") % {"name": str(key)[:80]})
    return key.strip()


def data_urls(base: str, layout: Layout, taakveld_keys, periods, targets) -> list[str]:
    """TypedDataSet URLs for the wanted keys, the taakvelden spread over as few as fit."""
    wanted: dict[str, list[str]] = {layout.period.key: sorted(periods)}
    for target in targets:
        for dimension, key in target.conditions:
            wanted.setdefault(dimension, [])
            if key not in wanted[dimension]:
                wanted[dimension].append(key)
    for dimension, key in layout.fixed.items():
        wanted[dimension] = [key]
    side_keys = [side for _topic, side in layout.topics.values() if side]
    for dimension, key in side_keys:
        wanted.setdefault(dimension, []).append(key)
    select = [layout.taakveld, *wanted, *_unique(t for t, _s in layout.topics.values())]
    prefix = f"{base.rstrip('/')}/{layout.table}/TypedDataSet?$filter="
    suffix = f"&$select={','.join(select)}"

    def url(chunk: list[str]) -> str:
        conditions = [_any_of(layout.taakveld, chunk)]
        conditions += [_any_of(dimension, keys) for dimension, keys in wanted.items()]
        return prefix + quote(" and ".join(conditions), safe="(),'") + suffix

    urls, chunk = [], []
    for key in taakveld_keys:
        if chunk and len(url([*chunk, key])) > MAX_URL_LENGTH:
            urls.append(url(chunk))
            chunk = []
        chunk.append(key)
    urls.append(url(chunk))
    return urls


def _any_of(dimension: str, keys: list[str]) -> str:
    for key in keys:
        if not _KEY.fullmatch(key):
            raise CbsError(_("“%(key)s” is not a CBS category key.") % {"key": key[:40]})
    parts = [f"startswith({dimension},'{key}')" for key in keys]
    return parts[0] if len(parts) == 1 else "(" + " or ".join(parts) + ")"


# --- reading the table's structure ----------------------------------------------------


def read_layout(metadata: dict) -> Layout:
    """Which dimension holds what, and which topics give € per inhabitant (see module doc)."""
    table = metadata["table"]
    dimensions: dict[str, Dimension] = dict(metadata["dimensions"])
    period = _take(dimensions, lambda d: d.kind == "TimeDimension" or d.key == "Perioden")
    region = _take(dimensions, lambda d: d.kind == "GeoDimension" or d.key in cbs.REGION_DIMENSIONS)
    taakveld = max(
        dimensions.values(),
        key=lambda d: sum(taakveld_of(c.title) is not None for c in d.categories),
        default=None,
    )
    taakveld_keys: dict[str, str] = {}
    for category in taakveld.categories if taakveld else []:
        code = taakveld_of(category.title)
        if code is not None:
            taakveld_keys.setdefault(code, category.key)
    if period is None or region is None or not taakveld_keys:
        raise CbsError(
            _(
                "CBS table %(table)s does not have the expected structure (periods, regions "
                "and taakvelden)."
            )
            % {"table": table}
        )
    dimensions.pop(taakveld.key)
    size = _take(dimensions, lambda d: sum(_is_size(c) for c in d.categories) >= 2)
    side = _take(dimensions, _is_side_dimension)
    fixed = {key: _total(table, dimension) for key, dimension in dimensions.items()}
    return Layout(
        table=table,
        period=period,
        taakveld=taakveld.key,
        taakveld_keys=taakveld_keys,
        region=region,
        size=size,
        fixed=fixed,
        topics=_topics(table, metadata["properties"], side),
    )


def _take(dimensions: dict[str, Dimension], test) -> Dimension | None:
    for key, dimension in dimensions.items():
        if test(dimension):
            return dimensions.pop(key)
    return None


def _is_size(category: Category) -> bool:
    return parse_size_class(category.title) is not None


def _is_side_dimension(dimension: Dimension) -> bool:
    titles = {_plain(category.title) for category in dimension.categories}
    return set(SIDES) <= titles


def _total(table: str, dimension: Dimension) -> str:
    for category in dimension.categories:
        if _plain(category.title).startswith(("totaal", "alle ")):
            return category.key
    if len(dimension.categories) == 1:
        return dimension.categories[0].key
    raise CbsError(
        _("CBS table %(table)s has a dimension “%(name)s” without a total to choose.")
        % {"table": table, "name": dimension.key}
    )


def _topics(table: str, properties: list[dict], side: Dimension | None) -> dict:
    """side -> (topic key, (side dimension, category) or None), for € per inhabitant."""
    by_id = {entry.get("ID"): entry for entry in properties if entry.get("ID") is not None}
    found: dict[str, tuple[str, tuple[str, str] | None]] = {}
    general = []
    for entry in properties:
        if entry.get("Type") != "Topic":
            continue
        words = _plain(" ".join(_lineage(entry, by_id) + [str(entry.get("Unit") or "")]))
        if "per inwoner" not in words:
            continue
        sides = [name for name in SIDES if re.search(rf"\b{name}\b", words)]
        if len(sides) == 1:
            found.setdefault(sides[0], (_identifier(entry.get("Key")), None))
        elif not sides:
            general.append(_identifier(entry.get("Key")))
    if not found and side is not None and general:
        for category in side.categories:
            if _plain(category.title) in SIDES:
                found[_plain(category.title)] = (general[0], (side.key, category.key))
    if not found:
        raise CbsError(
            _("CBS table %(table)s has no baten or lasten per inhabitant.") % {"table": table}
        )
    return {name: found[name] for name in SIDES if name in found}


def _lineage(entry: dict, by_id: dict) -> list[str]:
    titles, seen = [], set()
    while entry is not None and id(entry) not in seen:
        seen.add(id(entry))
        titles.insert(0, str(entry.get("Title") or ""))
        entry = by_id.get(entry.get("ParentID"))
    return titles


def _plain(text: str) -> str:
    """Lower case, without accents and punctuation: "Fryslân (PV)" -> "fryslan pv"."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


# --- choosing the regions -------------------------------------------------------------


def _periods(categories: list[Category], years: list[int]) -> dict[str, int]:
    keys = {category.key for category in categories}
    return {f"{year}JJ00": year for year in years if f"{year}JJ00" in keys}


def _targets(layout: Layout, province: str, population: int, notes: list[str]) -> list[Target]:
    targets = []
    size_target = _size_target(layout, population)
    if size_target is None:
        notes.append(
            _("CBS table %(table)s has no size class for %(population)s inhabitants.")
            % {"table": layout.table, "population": _thousands(population)}
        )
    else:
        targets.append(size_target)
    region = find_province(layout.region.categories, province)
    if region is None:
        notes.append(
            _("CBS table %(table)s has no province “%(province)s”.")
            % {"table": layout.table, "province": province[:80]}
        )
    else:
        conditions = [(layout.region.key, region.key)]
        if layout.size is not None:
            conditions.append((layout.size.key, _total(layout.table, layout.size)))
        label = re.sub(r"\s*\(PV\)\s*$", "", region.title, flags=re.I)
        targets.append(Target("province", label, tuple(conditions)))
    return targets


def _size_target(layout: Layout, population: int) -> Target | None:
    holder = layout.size or layout.region
    matches = [
        (parse_size_class(category.title), category)
        for category in holder.categories
        if _is_size(category)
    ]
    matches = [(size, category) for size, category in matches if size.contains(population)]
    if not matches:
        return None
    # The narrowest class when a table has both "< 10 000" and "5 000 tot 10 000".
    size, category = min(matches, key=lambda m: (m[0].upper or 10**12) - m[0].lower)
    conditions = [(holder.key, category.key)]
    if layout.size is not None:
        country = next(
            (c for c in layout.region.categories if c.key.upper().startswith("NL")), None
        ) or next((c for c in layout.region.categories if _plain(c.title) == "nederland"), None)
        if country is None:
            return None
        conditions.insert(0, (layout.region.key, country.key))
    return Target("size_class", size.label, tuple(conditions))


_PROVINCE_ALIASES = {"friesland": "fryslan"}


def find_province(categories: list[Category], province: str) -> Category | None:
    """The region category of the province by name or code ("Fryslân", "Friesland", "PV21")."""
    wanted = _province_name(province)
    code = province.strip().upper()
    matches = [
        category
        for category in categories
        if _province_name(category.title) == wanted or category.key.upper() == code
    ]
    matches = [c for c in matches if not c.key.upper().startswith(("GM", "WK", "BU"))]
    matches.sort(key=lambda c: not (c.key.upper().startswith("PV") or "(pv)" in c.title.lower()))
    return matches[0] if matches else None


def _province_name(text: str) -> str:
    name = _plain(re.sub(r"\(\s*pv\s*\)", "", str(text), flags=re.I))
    name = re.sub(r"^provincie ", "", name).replace(" ", "")
    return _PROVINCE_ALIASES.get(name, name)


# --- reading the figures --------------------------------------------------------------


def read_values(
    rows: list[dict], layout: Layout, periods: dict[str, int], targets: list[Target]
) -> dict[tuple[str, str, int, str], float]:
    """(region, taakveld, year, side) -> € per inhabitant; suppressed values left out."""
    codes = {key: code for code, key in layout.taakveld_keys.items()}
    values: dict[tuple[str, str, int, str], float] = {}
    columns = [layout.taakveld, layout.period.key, *layout.fixed]
    columns += [dimension for target in targets for dimension, _key in target.conditions]
    for row in rows:
        if absent := [name for name in columns if name not in row]:
            raise CbsError(_("The CBS response has no column “%(name)s”.") % {"name": absent[0]})
        cell = {name: str(value or "").strip() for name, value in row.items()}
        code, year = codes.get(cell.get(layout.taakveld)), periods.get(cell.get(layout.period.key))
        target = next((t for t in targets if all(cell.get(d) == k for d, k in t.conditions)), None)
        if code is None or year is None or target is None:
            continue
        if any(cell.get(name) != key for name, key in layout.fixed.items()):
            continue
        for side, (topic, side_category) in layout.topics.items():
            if side_category and cell.get(side_category[0]) != side_category[1]:
                continue
            value = _number(row, topic)
            if value is None:
                continue
            where = (target.region, code, year, side)
            if where in values:
                raise CbsError(
                    _("CBS gives more than one value for taakveld %(code)s in %(year)s.")
                    % {"code": code, "year": year}
                )
            values[where] = value
    return values


def _number(row: dict, topic: str) -> float | None:
    if topic not in row:
        raise CbsError(cbs._unknown_measure(topic))
    value = row[topic]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CbsError(_("The CBS measure “%(measure)s” is not a number.") % {"measure": topic})
    return float(value)


# --- notes ----------------------------------------------------------------------------


def _note_missing_keys(notes, table, codes, found_codes, years, periods) -> None:
    missing_codes = [code for code in codes if code not in found_codes]
    if missing_codes:
        notes.append(
            _("CBS table %(table)s has no figures for taakveld %(codes)s.")
            % {"table": table, "codes": ", ".join(missing_codes)}
        )
    missing_years = [str(year) for year in years if year not in periods.values()]
    if missing_years:
        notes.append(
            _("CBS table %(table)s has no figures for %(years)s (yet).")
            % {"table": table, "years": ", ".join(missing_years)}
        )


def _note_missing_sides(notes, table, layout: Layout) -> None:
    if "lasten" not in layout.topics:
        notes.append(_("CBS table %(table)s has no expenditure per inhabitant.") % {"table": table})
    if "baten" not in layout.topics:
        notes.append(_("CBS table %(table)s has no income per inhabitant.") % {"table": table})


def _missing_value_note(target: Target, code: str, side: str, years: list[int]) -> str:
    values = {"code": code, "years": ", ".join(map(str, years)), "region": target.label}
    if side == "lasten":
        return (
            _(
                "CBS gives no expenditure per inhabitant for taakveld %(code)s in %(years)s "
                "(%(region)s)."
            )
            % values
        )
    return (
        _("CBS gives no income per inhabitant for taakveld %(code)s in %(years)s (%(region)s).")
        % values
    )
