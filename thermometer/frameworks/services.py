"""De Raad in positie: what the documents already decided, the two work sessions,
the framework with its indicators, the decision, and the measurements after it."""

import unicodedata
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thermometer.audit.events import record
from thermometer.core.statline import CbsError, fetch
from thermometer.finances import series as finance_series
from thermometer.finances.services import FinanceError
from thermometer.finances.services import analysis_for as finance_analysis
from thermometer.goals.proposals import document_proposals
from thermometer.goals.services import passages_with_intent
from thermometer.live import services as live
from thermometer.sources.constants import SourceStatus
from thermometer.sources.models import Passage

from .constants import PARENT_LEVEL, SESSION_RESULTS, SESSION_VALUES, ItemStatus, Level
from .models import Decision, FrameworkItem, Indicator, ItemVote, Measurement, PeerValue

FINANCES = "finances"  # the indicator source taken from the scan's own Iv3 figures
UPSERT_BATCH = 500  # rows per INSERT … ON CONFLICT statement of an import

# Per work session: the levels members add, and the level they put their dots on.
SESSION_LEVELS = {
    SESSION_VALUES: ((Level.VALUE, Level.TRANSFORMATION), Level.VALUE),
    SESSION_RESULTS: ((Level.RESULT, Level.CRITERION), Level.RESULT),
}
ACTIVE = (ItemStatus.PROPOSED, ItemStatus.CHOSEN)


class FrameworkError(ValueError):
    """The message is Dutch and meant for the user."""


# --- phase 1: what is already decided ------------------------------------------------------


def decided_intents(scan) -> list[dict]:
    """The values, goals and intended results the scan's documents already state (their
    intent sentences), grouped per document, each with its quote; taken ones marked."""
    passages = passages_with_intent(
        Passage.objects.filter(
            source__scan=scan, source__kind="document", source__status=SourceStatus.DONE
        )
    )
    taken = set(scan.framework.exclude(quote="").values_list("quote", flat=True))
    groups: dict[str, list] = {}
    for proposal in document_proposals(passages, {}, set(), {}, ""):
        groups.setdefault(proposal.source_title, []).append(
            {"proposal": proposal, "taken": proposal.text in taken}
        )
    return [{"source": title, "intents": items} for title, items in groups.items()]


def is_decided(scan) -> bool:
    return Decision.objects.filter(scan=scan).exists()


def _open_for_change(scan) -> None:
    """A decided framework changes only after it is reopened (a person, a reason, an
    audit event): nothing writes into it silently, a work session included."""
    if is_decided(scan):
        raise FrameworkError(
            _(
                "The council has decided this framework. Reopen it first, with a reason, "
                "to change it."
            )
        )


def _same(text: str) -> str:
    """Two wordings of one item compare equal: case, accents ("Eén", "één"), spaces and
    punctuation aside."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def _refuse_duplicate(scan, level: str, text: str, parent=None) -> None:
    siblings = FrameworkItem.objects.filter(scan=scan, level=level, status__in=ACTIVE)
    if parent is not None:
        siblings = siblings.filter(parent=parent)
    wording = _same(text)
    for other in siblings.only("text"):
        if _same(other.text) == wording:
            raise FrameworkError(
                _("“%(text)s” is already in the framework.") % {"text": other.text}
            )


@transaction.atomic
def take_as_value(scan, *, text: str, quote: str, source_title: str, user) -> FrameworkItem:
    _open_for_change(scan)
    text = " ".join(text.split())[:300]
    if not text:
        raise FrameworkError(_("Write the value as a short statement."))
    _refuse_duplicate(scan, Level.VALUE, text)
    item = FrameworkItem.objects.create(
        scan=scan,
        level=Level.VALUE,
        text=text,
        quote=quote,
        source_title=source_title,
        order=scan.framework.filter(level=Level.VALUE).count(),
    )
    record("framework_item_added", user=user, scan=scan, text=text)
    return item


# --- phase 2: the work sessions ------------------------------------------------------------


def open_work_session(scan, *, user, **options):
    """A live work session on the framework; not on a decided one, which it would write
    into (reopen it first)."""
    if is_decided(scan):
        raise FrameworkError(
            _(
                "The council has decided this framework. Reopen it first, with a "
                "reason, to hold a new work session."
            )
        )
    return live.open_session(scan, user=user, **options)


def propose(session, device, *, level: str, text: str, description: str = "", parent_id=None):
    """A member's proposal from their device; refused with a reason, never half."""
    if not session.is_open:
        raise FrameworkError(_("The session is closed; nothing can be added any more."))
    _open_for_change(session.scan)
    levels, _dotted = SESSION_LEVELS.get(session.kind, ((), None))
    if level not in levels:
        raise FrameworkError(_("This session does not take that kind of item."))
    text = " ".join(text.split())
    if not text:
        raise FrameworkError(_("Write it down in a few words."))
    if len(text) > 300:
        raise FrameworkError(_("Keep it under 300 characters; add detail as explanation."))
    parent = None
    if PARENT_LEVEL[level] is not None:
        parent = FrameworkItem.objects.filter(
            pk=parent_id or 0, scan=session.scan, level=PARENT_LEVEL[level], status__in=ACTIVE
        ).first()
        if parent is None:
            raise FrameworkError(_("Choose what it belongs to."))
    _refuse_duplicate(session.scan, level, text, parent)
    return FrameworkItem.objects.create(
        scan=session.scan,
        level=level,
        parent=parent,
        text=text,
        description=description.strip()[:2000],
        session=session,
        device=device,
        order=FrameworkItem.objects.filter(scan=session.scan, level=level).count(),
    )


def used_dots(session, device) -> int:
    return ItemVote.objects.filter(device=device, item__scan=session.scan).count()


def toggle_dot(session, device, item) -> bool:
    """A dot on an item, or take it back; a budget of ``votes_per_person`` per device."""
    if not session.is_open:
        raise FrameworkError(_("The session is closed; dots can no longer change."))
    _open_for_change(session.scan)
    _levels, dotted = SESSION_LEVELS.get(session.kind, ((), None))
    if item.scan_id != session.scan_id or item.level != dotted or item.status not in ACTIVE:
        raise FrameworkError(_("Dots go on the items this session chooses between."))
    deleted, _rows = ItemVote.objects.filter(item=item, device=device).delete()
    if deleted:
        return False
    if live.votes_left(session, used_dots(session, device)) <= 0:
        raise FrameworkError(
            _("You have used your %(n)s dots. Take one back to place it elsewhere.")
            % {"n": session.votes_per_person}
        )
    try:
        with transaction.atomic():
            ItemVote.objects.create(item=item, device=device)
    except IntegrityError:  # a double tap
        pass
    return True


@transaction.atomic
def set_status(item, status: str, *, user) -> None:
    _open_for_change(item.scan)
    if status not in (ItemStatus.PROPOSED, ItemStatus.CHOSEN, ItemStatus.PARKED):
        raise FrameworkError(_("Choose, park or put back."))
    item.status = status
    item.save(update_fields=["status", "updated_at"])
    record(
        "framework_item_status",
        user=user,
        scan=item.scan,
        text=item.text,
        status=ItemStatus(status).label.lower(),
    )


@transaction.atomic
def merge(item, into, *, user) -> None:
    """``item`` is a duplicate of ``into``: its children and dots move over."""
    _open_for_change(item.scan)
    if item.pk == into.pk or item.scan_id != into.scan_id or item.level != into.level:
        raise FrameworkError(_("Merge into another item of the same kind."))
    item.children.update(parent=into)
    # A device with a dot on both keeps one: the unique (item, device) is the only
    # conflict there can be, and it is skipped.
    devices = ItemVote.objects.filter(item=item).values_list("device_id", flat=True)
    ItemVote.objects.bulk_create(
        [ItemVote(item=into, device_id=device) for device in devices], ignore_conflicts=True
    )
    ItemVote.objects.filter(item=item).delete()
    item.status = ItemStatus.MERGED
    item.merged_into = into
    item.save(update_fields=["status", "merged_into", "updated_at"])
    record("framework_items_merged", user=user, scan=item.scan, text=item.text, into=into.text)


@transaction.atomic
def edit_item(item, *, text: str, description: str, user) -> None:
    _open_for_change(item.scan)
    text = " ".join(text.split())
    if not text:
        raise FrameworkError(_("Write it down in a few words."))
    item.text, item.description = text[:300], description.strip()
    item.save(update_fields=["text", "description", "updated_at"])
    record("framework_item_edited", user=user, scan=item.scan, text=item.text)


def tree(scan, *, statuses=ACTIVE, indicators=True) -> list[dict]:
    """Values → transformations and results → criteria → indicators, with dot counts;
    ``indicators=False`` for a page that shows none: no query for them, and the
    criteria come without."""
    items = list(
        FrameworkItem.objects.filter(scan=scan, status__in=statuses)
        .annotate(dots=Count("votes"))
        .order_by("order", "id")
    )
    by_criterion = {}
    if indicators:
        for indicator in Indicator.objects.filter(criterion__scan=scan):
            by_criterion.setdefault(indicator.criterion_id, []).append(indicator)

    def criterion_entry(criterion):
        if not indicators:
            return {"item": criterion}
        return {"item": criterion, "indicators": by_criterion.get(criterion.pk, [])}

    def children(parent, level):
        return [i for i in items if i.parent_id == parent.pk and i.level == level]

    values = sorted(
        (i for i in items if i.level == Level.VALUE), key=lambda i: (-i.dots, i.order, i.pk)
    )
    return [
        {
            "item": value,
            "transformations": children(value, Level.TRANSFORMATION),
            "results": [
                {
                    "item": result,
                    "criteria": [
                        criterion_entry(criterion)
                        for criterion in children(result, Level.CRITERION)
                    ],
                }
                for result in sorted(
                    children(value, Level.RESULT), key=lambda i: (-i.dots, i.order, i.pk)
                )
            ],
        }
        for value in values
    ]


# --- phase 3: indicators, decision, measurements -------------------------------------------


def _keys(method, section) -> set:
    return {entry["key"] for entry in method.data.get(section, [])}


@transaction.atomic
def add_indicator(criterion, data: dict, *, user) -> Indicator:
    _open_for_change(criterion.scan)
    method = criterion.scan.method
    if criterion.level != Level.CRITERION:
        raise FrameworkError(_("An indicator belongs to a criterion."))
    if not data.get("name", "").strip() or not data.get("definition", "").strip():
        raise FrameworkError(_("An indicator needs a name and a definition."))
    if data.get("source") not in _keys(method, "indicator_sources"):
        raise FrameworkError(_("Choose one of the data sources."))
    if data.get("frequency") not in _keys(method, "frequencies"):
        raise FrameworkError(_("Choose how often it is measured."))
    if data.get("source") == "cbs" and not (data.get("cbs_table") and data.get("cbs_measure")):
        raise FrameworkError(_("For CBS open data, give the table and the measure."))
    if data.get("source") == FINANCES and data.get("finance_series") not in finance_series.KEYS:
        raise FrameworkError(_("For the source Finances, choose the financial figure."))
    indicator = Indicator.objects.create(
        criterion=criterion,
        name=data["name"].strip(),
        definition=data["definition"].strip(),
        unit=data.get("unit", "").strip(),
        source=data["source"],
        norm=data.get("norm"),
        direction=data["direction"],
        frequency=data["frequency"],
        cbs_table=data.get("cbs_table", "").strip(),
        cbs_measure=data.get("cbs_measure", "").strip(),
        cbs_region_dimension=(data.get("cbs_region_dimension") or "RegioS").strip(),
        cbs_period_dimension=(
            "" if data.get("cbs_period") else (data.get("cbs_period_dimension") or "Perioden")
        ),
        cbs_period=(data.get("cbs_period") or "").strip(),
        finance_series=data.get("finance_series") or "" if data["source"] == FINANCES else "",
        order=criterion.indicators.count(),
    )
    record("indicator_added", user=user, scan=criterion.scan, name=indicator.name)
    return indicator


@transaction.atomic
def decide(scan, *, decided_on, reference="", notes="", user) -> Decision:
    if not scan.framework.filter(level=Level.VALUE, status__in=ACTIVE).exists():
        raise FrameworkError(_("The framework has no values yet; there is nothing to decide."))
    decision, _created = Decision.objects.update_or_create(
        scan=scan,
        defaults={
            "decided_on": decided_on,
            "reference": reference.strip(),
            "notes": notes.strip(),
            "recorded_by": user,
        },
    )
    record("framework_decided", user=user, scan=scan, date=decided_on.isoformat())
    return decision


@transaction.atomic
def reopen(scan, *, reason: str, user) -> None:
    """Undo the decision so the framework can change again: by a person, for a reason,
    in the history. A new decision is recorded the usual way."""
    reason = " ".join(reason.split())
    if not reason:
        raise FrameworkError(_("Say why the decided framework is reopened."))
    decision = Decision.objects.select_for_update().filter(scan=scan).first()
    if decision is None:
        return
    decision.delete()
    record(
        "framework_reopened",
        user=user,
        scan=scan,
        date=date_format(decision.decided_on, "j F Y"),
        reason=reason[:500],
    )


def _decimal(value) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise FrameworkError(_("The value is not a number.")) from None


def _period_code(period) -> str:
    from .monitoring import parse_period

    try:
        return parse_period(str(period)).code
    except ValueError as error:
        raise FrameworkError(str(error)) from None


def _entered_by(user):
    return user if getattr(user, "is_authenticated", False) else None


def save_measurements(rows, *, origin: str, user=None) -> int:
    """Many values at once, as ``save_measurement`` one by one would keep them: one per
    indicator and period, a later row for the same period replacing an earlier one.
    ``rows`` gives (indicator, period, value, note). One statement per 500 rows instead of
    a read and a write per row; returns how many rows were given."""
    rows = list(rows)
    latest = {}
    for indicator, period, value, note in rows:
        code = _period_code(period)
        latest[(indicator.pk, code)] = Measurement(
            indicator=indicator,
            period=code,
            value=_decimal(value),
            note=note.strip()[:300],
            origin=origin,
            entered_by=_entered_by(user),
        )
    _upsert(Measurement, latest, ["indicator", "period"], ["value", "note", "origin"])
    return len(rows)


def _upsert(model, latest: dict, unique_fields: list, update_fields: list) -> None:
    """Insert the rows of ``latest`` (one per key of ``unique_fields``, the last given
    kept), or update those that exist, with who entered them and when; one statement per
    ``UPSERT_BATCH`` rows."""
    model.objects.bulk_create(
        list(latest.values()),
        batch_size=UPSERT_BATCH,
        update_conflicts=True,
        unique_fields=unique_fields,
        update_fields=[*update_fields, "entered_by", "entered_at"],
    )


def save_measurement(
    indicator, period, value, *, note="", origin="typed", user=None
) -> Measurement:
    """One value per indicator and period; a later value for the same period replaces it."""
    code = _period_code(period)
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator,
        period=code,
        defaults={
            "value": _decimal(value),
            "note": note.strip()[:300],
            "origin": origin,
            "entered_by": _entered_by(user),
        },
    )
    return measurement


@transaction.atomic
def import_measurements(scan, data: bytes, filename: str, *, user):
    """Measurements from a CSV or XLSX file; returns (saved, errors) and records it."""
    from .measurement_import import read_measurements

    indicators = {}
    for indicator in Indicator.objects.filter(criterion__scan=scan):
        indicators[indicator.name.lower()] = indicator
        indicators[str(indicator.uuid)] = indicator
    from .monitoring import KIND_FOR_FREQUENCY

    try:
        result = read_measurements(
            data,
            filename,
            indicators,
            expected_kind=lambda indicator: KIND_FOR_FREQUENCY.get(indicator.frequency),
        )
    except ValueError as error:
        raise FrameworkError(str(error)) from None
    saved = save_measurements(
        ((indicator, period.code, value, note) for indicator, period, value, note in result.rows),
        origin="import",
        user=user,
    )
    record("measurements_imported", user=user, scan=scan, count=saved, errors=len(result.errors))
    return saved, result.errors


def take_finances(indicator, *, user) -> int:
    """The indicator's values per year from the scan's own financial figures (the same
    numbers as the finances page shows); returns how many years were taken."""
    scan = indicator.criterion.scan
    if indicator.source != FINANCES or indicator.finance_series not in finance_series.KEYS:
        raise FrameworkError(_("This indicator does not come from the scan's finances."))
    try:
        found = finance_series.all_series(finance_analysis(scan)).get(indicator.finance_series)
    except FinanceError as error:
        raise FrameworkError(str(error)) from None
    if not found:
        raise FrameworkError(
            _("The scan's financial figures give no values for “%(name)s” yet.")
            % {"name": indicator.name}
        )
    note = _("Iv3 (%(document)s): %(sources)s") % {
        "document": _("accounts") if found["document"] == "rekening" else _("budget"),
        "sources": ", ".join(found["sources"]),
    }
    with transaction.atomic():
        save_measurements(
            ((indicator, str(year), value, note) for year, value in found["points"]),
            origin="finances",
            user=user,
        )
        record("measurements_imported", user=user, scan=scan, count=len(found["points"]), errors=0)
    return len(found["points"])


def fetch_cbs(indicator, *, user, opener=None) -> int:
    """The indicator's values for the scan's municipality from CBS StatLine."""
    if indicator.source != "cbs" or not indicator.cbs_table:
        raise FrameworkError(_("This indicator does not come from CBS open data."))
    code = indicator.criterion.scan.municipality.code
    try:
        values = fetch(
            indicator.cbs_table,
            indicator.cbs_measure,
            code,
            region_dimension=indicator.cbs_region_dimension or "RegioS",
            period_dimension=indicator.cbs_period_dimension or None,
            period=indicator.cbs_period or None,
            opener=opener,
        )
    except CbsError as error:
        raise FrameworkError(str(error)) from None
    with transaction.atomic():
        save_measurements(
            ((indicator, period.code, value, "Bron: CBS") for period, value in values),
            origin="cbs",
            user=user,
        )
        record(
            "measurements_fetched",
            user=user,
            scan=indicator.criterion.scan,
            name=indicator.name,
            count=len(values),
        )
    return len(values)


def monitoring(scan) -> list[dict]:
    """Each indicator with its measurements, light and trend."""
    from .monitoring import indicator_status, parse_period, quantity

    rows = []
    for indicator in (
        Indicator.objects.filter(criterion__scan=scan)
        .select_related("criterion__parent__parent")
        .prefetch_related("measurements", "peer_values")
    ):
        measurements = sorted(
            ((m.period, float(m.value)) for m in indicator.measurements.all()),
            key=lambda pair: parse_period(pair[0]).sort_key,
        )
        try:
            status = indicator_status(
                measurements,
                float(indicator.norm) if indicator.norm is not None else None,
                indicator.direction,
                unit=indicator.unit,
            )
        except ValueError as error:  # e.g. quarters mixed with years: say so, show no light
            status = indicator_status([], None, indicator.direction)
            status = replace(status, explanation=str(error))
        shown = [
            (parse_period(period).label, quantity(value, indicator.unit, 1))
            for period, value in measurements
        ]
        rows.append(
            {
                "indicator": indicator,
                "status": status,
                "measurements": measurements,
                "shown": shown,  # (period, value) as the explanation writes them
                "peers": peer_summary(indicator, dict(measurements)),
            }
        )
    return rows


def _indicator_lookup(scan) -> dict:
    found = {}
    for indicator in Indicator.objects.filter(criterion__scan=scan):
        found[indicator.name.lower()] = indicator
        found[str(indicator.uuid)] = indicator
        if indicator.cbs_measure:
            found.setdefault(indicator.cbs_measure.lower(), indicator)
    return found


def find_indicator(scan, key: str) -> Indicator:
    """The scan's indicator by name, uuid or CBS measure key (for the command line)."""
    indicator = _indicator_lookup(scan).get((key or "").strip().lower())
    if indicator is None:
        raise FrameworkError(_("This scan has no indicator “%(key)s”.") % {"key": key})
    return indicator


def import_national(
    scan, data: bytes, filename: str, *, user, indicator=None, series="", period="", store=True
):
    """A national indicator file (``national_import``): the scan's own municipality's
    values become measurements, the others peer values. ``store=False`` is the preview.
    Nothing is stored when nothing can be; a broken file raises ``FrameworkError``."""
    from .monitoring import KIND_FOR_FREQUENCY
    from .national_import import read_national

    try:
        report = read_national(
            data,
            filename,
            _indicator_lookup(scan),
            scan.municipality.code,
            indicator=indicator,
            series=series,
            period=period,
            expected_kind=lambda ind: KIND_FOR_FREQUENCY.get(ind.frequency),
        )
    except ValueError as error:
        raise FrameworkError(str(error)) from None
    if store:
        if not report.importable:
            raise FrameworkError(
                _("Nothing was imported: none of the %(n)d rows could be used.")
                % {"n": len(report.outcomes)}
            )
        _store_national(scan, report, filename, user)
    return report


@transaction.atomic
def _store_national(scan, report, filename: str, user) -> None:

    source = (filename or "").rsplit("/", 1)[-1][:200]
    save_measurements(
        (
            (
                outcome.indicator,
                outcome.period.code,
                outcome.value,
                f"Bron: {source}" + (f" ({outcome.mapped_from})" if outcome.mapped_from else ""),
            )
            for outcome in report.own
        ),
        origin="import",
        user=user,
    )
    _save_peer_values(report.peers, source, user)
    record(
        "national_indicators_imported",
        user=user,
        scan=scan,
        file=source,
        own=len(report.own),
        peers=len(report.peers),
        skipped=len(report.skipped),
    )


def _save_peer_values(outcomes, source: str, user) -> None:
    """Other municipalities' values, one per indicator, municipality and period (a later
    row replacing an earlier one), in one statement per 500 rows."""
    latest = {}
    for outcome in outcomes:
        note = (
            f"{outcome.mapped_from}: {outcome.warning}" if outcome.mapped_from else outcome.warning
        )
        latest[(outcome.indicator.pk, outcome.code, outcome.period.code)] = PeerValue(
            indicator=outcome.indicator,
            municipality_code=outcome.code,
            period=outcome.period.code,
            municipality_name=outcome.name,
            value=_decimal(outcome.value),
            note=note[:300],
            source=source,
            entered_by=_entered_by(user),
        )
    _upsert(
        PeerValue,
        latest,
        ["indicator", "municipality_code", "period"],
        ["municipality_name", "value", "note", "source"],
    )


def peer_summary(indicator, own: dict) -> dict | None:
    """Other municipalities beside the scan's own value, for the latest period that has
    peer values: how many, their median and range, and where the own value ranks."""
    from statistics import median

    from .monitoring import parse_period, quantity

    by_period: dict[str, list[float]] = {}
    for peer in indicator.peer_values.all():
        by_period.setdefault(peer.period, []).append(float(peer.value))
    if not by_period:
        return None
    period = max(by_period, key=lambda code: parse_period(code).sort_key)
    values = sorted(by_period[period])
    mine = own.get(period)
    unit = indicator.unit
    return {
        "period": parse_period(period).label,
        "count": len(values),
        "median": quantity(median(values), unit, 1),
        "low": quantity(values[0], unit, 1),
        "high": quantity(values[-1], unit, 1),
        "own": quantity(mine, unit, 1) if mine is not None else None,
        # 1 = the highest value among the peers and the own municipality
        "rank": 1 + sum(v > mine for v in values) if mine is not None else None,
        "of": len(values) + 1,
    }
