"""Values of one measure for one region from CBS StatLine open data (OData v3).

In the core because the steering framework (indicators) and the finances (reference
groups) both read StatLine.

CBS publishes each table at ``{base}/{table}/TypedDataSet``; a response is JSON of the
form ``{"odata.metadata": ..., "value": [{"WijkenEnBuurten": "GM0405    ", ...}]}``,
one object per row, with the keys of the table's dimensions and topics (measures).

The request (``build_url``) filters on the region and selects only the region, the
period and the measure::

    {base}/85318NED/TypedDataSet?$filter=startswith(WijkenEnBuurten,'GM0405')
        &$select=WijkenEnBuurten,WmoClienten_89

Why ``startswith`` and not ``eq``: CBS pads dimension keys with spaces to the length of
the longest key of that dimension ("GM0405    " where buurt codes have ten characters),
and that length differs per table and per dimension. ``eq`` needs the exact padded key;
``startswith`` works for every padding. A prefix could in principle match a longer code,
so ``parse`` keeps only the rows whose key, stripped, equals the region code exactly.
Other dimensions (``dimensions={"Geslacht": "T001038"}``) are filtered the same way.

Periods come from the ``Perioden`` dimension ("2022JJ00", "2023KW03", "2024MM03",
"2022HJ01"; see ``core.periods.parse_period``). Some tables have no period dimension: each
edition of "Kerncijfers wijken en buurten" (85318NED is the 2022 edition) covers one
year, given in its TableInfos. For those pass ``period_dimension=None`` and the period,
e.g. ``period="2022"``; a series over years then means one table per year.

Rows whose value is ``null`` (suppressed or not yet available) are left out. The result
is a list of (Period, float), oldest first. Everything that goes wrong (network, HTTP
status, JSON, unknown measure, bad region code) raises ``CbsError`` with a Dutch message.
CBS data are CC BY 4.0: show "Bron: CBS" with them.
"""

import http.client
import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from urllib.parse import quote

from django.utils.translation import gettext as _

from .periods import Period, parse_period

DEFAULT_BASE = "https://opendata.cbs.nl/ODataApi/odata"
PERIOD_DIMENSION = "Perioden"
# Region dimensions looked for when ``parse`` is not told which one the table has.
REGION_DIMENSIONS = ("RegioS", "WijkenEnBuurten", "Gemeenten", "Regio")
MAX_BYTES = 8 * 1024 * 1024  # one region's series is a few kilobytes
MAX_PAGES = 20  # CBS sends at most 10,000 rows per response and an "odata.nextLink"
USER_AGENT = "thermometer (sociaal domein; +https://opendata.cbs.nl)"

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,79}")
_TABLE = re.compile(r"[0-9A-Za-z_]{4,20}")
_REGION = re.compile(r"[A-Z]{2}[0-9]{2,8}")
_KEY = re.compile(r"[0-9A-Za-z_]{1,20}")

Opener = Callable[..., object]


class CbsError(Exception):
    """Fetching from CBS failed; ``str(error)`` is a Dutch message for the user."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.status = status


def normalise_region(code: str) -> str:
    """ "GM0405", "gm0405 " or "0405" -> "GM0405"; ``CbsError`` for anything else."""
    text = str(code or "").strip().upper()
    if text.isdigit() and len(text) <= 4:
        text = "GM" + text.zfill(4)
    if not _REGION.fullmatch(text):
        raise CbsError(
            _("“%(code)s” is not a CBS region code such as GM0405.") % {"code": str(code)[:40]}
        )
    return text


def build_url(
    table: str,
    measure: str,
    region_code: str,
    region_dimension: str = "RegioS",
    base: str = DEFAULT_BASE,
    *,
    period_dimension: str | None = PERIOD_DIMENSION,
    dimensions: Mapping[str, str] | None = None,
) -> str:
    """The TypedDataSet URL for one measure of one region (see the module docstring)."""
    table = str(table).strip()
    if not _TABLE.fullmatch(table):
        raise CbsError(_("“%(table)s” is not a CBS table number.") % {"table": table[:40]})
    for name in (measure, region_dimension, period_dimension, *(dimensions or {})):
        if name is not None and not _IDENTIFIER.fullmatch(str(name)):
            raise CbsError(_("“%(name)s” is not a CBS field key.") % {"name": str(name)[:80]})
    region = normalise_region(region_code)
    conditions = [f"startswith({region_dimension},'{region}')"]
    for dimension, key in (dimensions or {}).items():
        if not _KEY.fullmatch(str(key).strip()):
            raise CbsError(_("“%(key)s” is not a CBS category key.") % {"key": str(key)[:40]})
        conditions.append(f"startswith({dimension},'{str(key).strip()}')")
    select = [region_dimension, *([period_dimension] if period_dimension else []), measure]
    select += [dimension for dimension in dimensions or {} if dimension not in select]
    query = quote(" and ".join(conditions), safe="(),'")
    return f"{base.rstrip('/')}/{table}/TypedDataSet?$filter={query}&$select={','.join(select)}"


def parse(
    payload: dict,
    measure: str,
    region_code: str,
    *,
    region_dimension: str | None = None,
    period_dimension: str | None = PERIOD_DIMENSION,
    period: "str | Period | None" = None,
    dimensions: Mapping[str, str] | None = None,
) -> list[tuple[Period, float]]:
    """(period, value) for the region, oldest first, from a TypedDataSet response.

    ``region_dimension=None`` takes the first of ``REGION_DIMENSIONS`` the rows have.
    ``period`` is used for rows without a period dimension (one-year tables).
    """
    region = normalise_region(region_code)
    rows = _rows(payload)
    fixed = _fixed_period(period)
    wanted = {name: str(key).strip() for name, key in (dimensions or {}).items()}
    found: dict[Period, float] = {}
    for row in rows:
        dimension = region_dimension or next((d for d in REGION_DIMENSIONS if d in row), None)
        if dimension is None or dimension not in row:
            raise CbsError(
                _("The CBS response has no region column “%(name)s”.")
                % {"name": region_dimension or "/".join(REGION_DIMENSIONS)}
            )
        if str(row[dimension] or "").strip().upper() != region:
            continue
        if any(str(row.get(name) or "").strip() != key for name, key in wanted.items()):
            continue
        if measure not in row:
            raise CbsError(_unknown_measure(measure))
        value = row[measure]
        if value is None:
            continue  # suppressed or not (yet) available
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CbsError(
                _("The CBS measure “%(measure)s” is not a number.") % {"measure": measure}
            )
        when = _row_period(row, period_dimension, fixed)
        if when in found:
            raise CbsError(
                _(
                    "CBS gives more than one value for %(period)s. The table has another "
                    "dimension; choose one of its categories."
                )
                % {"period": when.label}
            )
        found[when] = float(value)
    return sorted(found.items(), key=lambda item: item[0].sort_key)


def fetch(
    table: str,
    measure: str,
    region_code: str,
    *,
    region_dimension: str = "RegioS",
    period_dimension: str | None = PERIOD_DIMENSION,
    period: "str | Period | None" = None,
    dimensions: Mapping[str, str] | None = None,
    opener: Opener | None = None,
    timeout: float = 10,
    base: str = DEFAULT_BASE,
) -> list[tuple[Period, float]]:
    """Ask CBS for the measure of the region and ``parse`` the answer.

    ``opener`` is called as ``opener(request, timeout=timeout)`` and must behave like
    ``urllib.request.urlopen``: return a context manager with ``status`` and ``read()``,
    or raise ``urllib.error.HTTPError`` / ``URLError``.
    """
    url = build_url(
        table,
        measure,
        region_code,
        region_dimension,
        base,
        period_dimension=period_dimension,
        dimensions=dimensions,
    )
    opener = opener or urllib.request.urlopen
    rows: list = []
    for _page in range(MAX_PAGES):
        payload = _get(url, opener, timeout, table=table, measure=measure)
        rows.extend(payload["value"])
        url = payload.get("odata.nextLink")
        if not url:
            break
        if not isinstance(url, str) or not url.startswith(base.rstrip("/") + "/"):
            raise CbsError(_("CBS sent an unexpected follow-up address."))
    else:
        raise CbsError(_("CBS sends more data than expected for one region."))
    return parse(
        {"value": rows},
        measure,
        region_code,
        region_dimension=region_dimension,
        period_dimension=period_dimension,
        period=period,
        dimensions=dimensions,
    )


def get_json(
    url: str,
    opener: Opener | None = None,
    timeout: float = 10,
    *,
    table: str = "",
    measure: str = "",
) -> dict:
    """One OData response as JSON with a ``value`` list; every failure is a ``CbsError``.

    For other clients of StatLine (metadata endpoints, other tables); ``table`` and
    ``measure`` only word the message of a 404 or 400.
    """
    return _get(url, opener or urllib.request.urlopen, timeout, table=table, measure=measure)


def _get(url: str, opener: Opener, timeout: float, *, table: str, measure: str) -> dict:
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
    )
    try:
        with opener(request, timeout=timeout) as response:
            status = getattr(response, "status", None)
            if status is None:
                status = response.getcode()
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise _http_error(error, table=table, measure=measure) from None
    except urllib.error.URLError as error:
        raise CbsError(
            _("CBS open data cannot be reached (%(reason)s). Try again later.")
            % {"reason": _reason(error.reason)}
        ) from None
    except (OSError, http.client.HTTPException) as error:
        raise CbsError(
            _("CBS open data cannot be reached (%(reason)s). Try again later.")
            % {"reason": _reason(error)}
        ) from None
    if status != 200:
        raise CbsError(
            _("CBS answered with HTTP status %(status)s instead of data.") % {"status": status},
            status=status,
        )
    if len(body) > MAX_BYTES:
        raise CbsError(_("CBS sends more data than expected for one region."))
    try:
        payload = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CbsError(_("CBS sent something other than valid JSON.")) from None
    _rows(payload)
    return payload


def _rows(payload) -> list[dict]:
    rows = payload.get("value") if isinstance(payload, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise CbsError(_("The CBS response does not contain a table (“value” is missing)."))
    return rows


def _http_error(error: urllib.error.HTTPError, *, table: str, measure: str) -> CbsError:
    detail = ""
    try:
        body = json.loads((error.read(64 * 1024) or b"").decode("utf-8-sig"))
        detail = str(body["odata.error"]["message"]["value"])[:300]
    except Exception:  # noqa: BLE001 - the detail is a courtesy; the status is what counts
        detail = ""
    if error.code == 404:
        message = _("CBS does not know table “%(table)s” (HTTP 404).") % {"table": table}
    elif error.code == 400:
        message = _(
            "CBS refused the request (HTTP 400). Check the table number, the measure "
            "“%(measure)s” and the region dimension."
        ) % {"measure": measure}
    else:
        message = _("CBS answered with HTTP status %(status)s instead of data.") % {
            "status": error.code
        }
    if detail:
        message = f"{message} ({detail})"
    return CbsError(message, status=error.code)


def _unknown_measure(measure: str) -> str:
    return _("The CBS table has no measure “%(measure)s”.") % {"measure": measure}


def _reason(reason) -> str:
    if isinstance(reason, TimeoutError):
        return _("no answer in time")
    return str(reason)[:200] or reason.__class__.__name__


def _fixed_period(period) -> Period | None:
    if period is None:
        return None
    try:
        return parse_period(period)
    except ValueError as error:
        raise CbsError(str(error)) from None


def _row_period(row: dict, period_dimension: str | None, fixed: Period | None) -> Period:
    if period_dimension and period_dimension in row:
        code = str(row[period_dimension] or "").strip()
        try:
            return parse_period(code)
        except ValueError:
            raise CbsError(
                _("The CBS period “%(code)s” is not a year, half year, quarter or month.")
                % {"code": code[:40]}
            ) from None
    if fixed is not None:
        return fixed
    raise CbsError(
        _(
            "The CBS table has no period column “%(name)s”; give the period the table "
            "covers (for example 2022)."
        )
        % {"name": period_dimension or PERIOD_DIMENSION}
    )
