"""The analysis at national scale, beside DuckDB doing the same aggregation.

Generated through the project's models in the benchmark database: one Thermometer scan
for each of the 342 municipalities, 300 submitted responses each, spread over the
chain's layers, every respondent answering 48 scored questions (agreement and grade,
four per goal × dimension) with some "weet ik niet": about 4.9 million answers. The
questionnaires' reverse checks, overall grade and open questions stay unanswered, so the
alignment measure has nothing to do here. On PostgreSQL the tables are ANALYZEd after
loading, as autovacuum would (it may be off on a test server).

Timed: a full recompute of every scan's analysis, stored, from cold
(``services.recompute_all``); one scan through ``analysis_for`` after its stored result
is dropped (median of several); every scan through ``analysis_for`` one after the other,
for comparison, each asserted equal to the bulk result;
and the reference: DuckDB computing mean, n and standard deviation per goal ×
dimension × layer × municipality from the same tables. The SQLite test database lives
in memory and DuckDB's SQLite and PostgreSQL scanners are downloaded at run time (no
network here), so the reference reads the tables with the database driver into NumPy
columns and hands those to DuckDB, which joins, maps raw values to grades and
aggregates; the two parts are timed apart. Its figures are asserted equal to ours.

Memory: peak resident set size of this process (VmHWM, reset before each phase through
/proc/self/clear_refs). On SQLite the test database is in this process's memory too.

BENCH_ANALYSIS_SCANS and BENCH_ANALYSIS_RESPONDENTS make a smaller run for trying out.
"""

import datetime
import math
import os
import random
import re
import statistics
import time

import numpy as np

SCANS = int(os.environ.get("BENCH_ANALYSIS_SCANS", 342))
RESPONDENTS = int(os.environ.get("BENCH_ANALYSIS_RESPONDENTS", 300))
AGREEMENT_PER_CELL, GRADE_PER_CELL = 3, 1  # 12 goal × dimension cells × 4 = 48 questions
SCAN_RUNS = 9
SEED = 342
# Respondents per layer out of 300 (the municipality's own layers are smaller).
LAYER_SHARE = {
    "bestuur": 12,
    "visie": 18,
    "beleid": 40,
    "regelgeving": 25,
    "opdrachtgeving": 30,
    "uitvoering": 75,
    "inwoner": 100,
}
TARGET_RATIO = 3.0
TARGET_SCAN_MS = 100.0
FETCH_CHUNK = 250_000


def _peak_mb() -> float:
    """Peak resident set size since the last reset (VmHWM), else the lifetime maximum."""
    try:
        with open("/proc/self/status") as status:
            return int(re.search(r"VmHWM:\s+(\d+)", status.read()).group(1)) / 1024
    except (OSError, AttributeError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def _layer_counts(rng: random.Random, total: int) -> dict[str, int]:
    """Respondents per layer: the shares above, varied per municipality; in about one
    municipality in eight the council (bestuur) has fewer than five and is merged."""
    counts = {
        layer: max(1, round(share * total / 300 * rng.uniform(0.8, 1.2)))
        for layer, share in LAYER_SHARE.items()
    }
    if rng.random() < 0.125:
        counts["bestuur"] = rng.randint(1, 4)
    counts["inwoner"] += total - sum(counts.values())
    return counts


def _extra_items(questionnaire, definition) -> list:
    """Adviser questions mapped onto goals × dimensions, so each cell has
    AGREEMENT_PER_CELL agreement questions and GRADE_PER_CELL grade questions."""
    from thermometer.questionnaires.constants import ItemSource, ItemType
    from thermometer.questionnaires.models import Item

    have: dict[tuple, int] = {}
    page = 1
    for item in questionnaire.items.all():
        page = max(page, item.page)
        if item.type == ItemType.AGREEMENT and item.goal:
            have[(item.goal, item.dimension)] = have.get((item.goal, item.dimension), 0) + 1
    extra = []
    order = 1000
    for goal in definition["goals"]:
        for dimension in definition["dimensions"]:
            cell = (goal["key"], dimension["key"])
            kinds = [(ItemType.AGREEMENT, "agreement5")] * (
                AGREEMENT_PER_CELL - have.get(cell, 0)
            ) + [(ItemType.GRADE, "grade10")] * GRADE_PER_CELL
            for kind, scale in kinds:
                order += 1
                extra.append(
                    Item(
                        questionnaire=questionnaire,
                        key=f"custom_{order}",
                        order=order,
                        page=page,
                        type=kind,
                        text=f"Extra vraag {goal['name']} – {dimension['name']} (bench)",
                        goal=cell[0],
                        dimension=cell[1],
                        scale=scale,
                        source=ItemSource.ADVISER,
                    )
                )
    return extra


def _value(rng, item, mean: float, dont_know: float):
    from thermometer.questionnaires.constants import ItemType

    if rng.random() < dont_know:
        return None, True
    if item.type == ItemType.AGREEMENT:
        return max(1, min(5, round(rng.gauss(mean, 0.9)))), False
    return max(1, min(10, round(rng.gauss(mean * 1.8, 1.2)))), False


def generate() -> dict:
    """Every municipality's scan with its questionnaires, participants, links, responses
    and answers; returns counts and times."""
    from django.db import transaction
    from django.utils import timezone

    from thermometer.demo.responses import DONT_KNOW, LAYER_MEAN
    from thermometer.municipalities.models import Municipality
    from thermometer.participants.models import Participant
    from thermometer.questionnaires.constants import ItemType
    from thermometer.questionnaires.generation import generate_questionnaires
    from thermometer.questionnaires.models import Answer, Item, Response
    from thermometer.questionnaires.services import create_invitations, open_questionnaire
    from thermometer.scans import services as scan_services
    from thermometer.testing import factories

    rng = random.Random(SEED)
    lead = factories.adviser()
    organisation = lead.memberships.first().organisation
    method_version = factories.method_version("thermometer")
    definition = method_version.method.data
    scored = {ItemType.AGREEMENT, ItemType.GRADE}
    now = timezone.now()
    answers = 0
    insert_s = 0.0
    municipalities = list(Municipality.objects.order_by("code")[:SCANS])
    for municipality in municipalities:
        with transaction.atomic():
            scan = scan_services.create_scan(
                user=lead,
                organisation=organisation,
                municipality=municipality,
                method_version=method_version,
                title=f"Thermometer {municipality.name}",
                policy_areas=["jeugd", "wmo"],
                start_date=datetime.date(2026, 11, 2),
            )
            questionnaires = generate_questionnaires(scan, user=lead)
            Item.objects.bulk_create(
                item for q in questionnaires for item in _extra_items(q, definition)
            )
            counts = _layer_counts(rng, RESPONDENTS)
            actor_of = {layer["key"]: layer["actor"] for layer in definition["layers"]}
            Participant.objects.bulk_create(
                Participant(scan=scan, number=number, layer=layer, actor=actor_of[layer])
                for number, layer in enumerate(
                    (layer for layer, n in counts.items() for _ in range(n)), start=1
                )
            )
            # The municipality's own climate and each goal's: the same chain, other levels.
            shift = rng.gauss(0, 0.35)
            goal_shift = {goal["key"]: rng.gauss(0, 0.25) for goal in definition["goals"]}
            responses, items_of = [], {}
            for questionnaire in questionnaires:
                open_questionnaire(questionnaire, user=lead)
                create_invitations(questionnaire, user=lead)
                items_of[questionnaire.pk] = [
                    i for i in questionnaire.items.all() if i.type in scored and i.goal
                ]
                for invitation in questionnaire.invitations.select_related("participant"):
                    responses.append(
                        Response(
                            questionnaire=questionnaire,
                            invitation=invitation,
                            layer=invitation.participant.layer,
                            actor=invitation.participant.actor,
                            consent_at=now,
                            submitted_at=now,
                            last_page=2,
                        )
                    )
            Response.objects.bulk_create(responses)
            batch = []
            for response in responses:
                mean = LAYER_MEAN[response.layer] + shift
                for item in items_of[response.questionnaire_id]:
                    value, dont_know = _value(
                        rng, item, mean + goal_shift[item.goal], DONT_KNOW[response.layer]
                    )
                    batch.append(
                        Answer(response=response, item=item, value=value, dont_know=dont_know)
                    )
            started = time.perf_counter()
            Answer.objects.bulk_create(batch, batch_size=5000)
            insert_s += time.perf_counter() - started
            answers += len(batch)
    return {"scans": len(municipalities), "answers": answers, "answer_insert_s": insert_s}


def reference(definition: dict) -> tuple[dict, dict]:
    """DuckDB's mean, n and standard deviation per goal × dimension × layer × municipality
    from the same tables; returns the figures by cell and the timings."""
    import duckdb
    from django.db import connection, transaction

    from thermometer.analysis.measures import score_of

    text = "a.value::text" if connection.vendor == "postgresql" else "a.value"
    started = time.perf_counter()
    tables = {}
    for name, sql, kinds in [
        (
            "answer",
            f"SELECT a.response_id, a.item_id, a.dont_know, {text} FROM questionnaires_answer a",
            (np.int64, np.int64, np.bool_, object),
        ),
        (
            "response",
            "SELECT id, questionnaire_id, layer, submitted_at IS NOT NULL"
            " FROM questionnaires_response",
            (np.int64, np.int64, object, np.bool_),
        ),
        (
            "item",
            "SELECT id, type, goal, dimension, scale FROM questionnaires_item",
            (np.int64, object, object, object, object),
        ),
        (
            "questionnaire",
            "SELECT id, scan_id FROM questionnaires_questionnaire",
            (np.int64, np.int64),
        ),
        ("scan", "SELECT id, municipality_id FROM scans_scan", (np.int64, np.int64)),
    ]:
        # A server-side cursor on PostgreSQL: the rows come in chunks, as from SQLite.
        with transaction.atomic(), connection.chunked_cursor() as cursor:
            cursor.execute(sql)
            parts = [[] for _ in kinds]
            while rows := cursor.fetchmany(FETCH_CHUNK):
                for part, column, kind in zip(parts, zip(*rows, strict=True), kinds, strict=True):
                    part.append(np.array(column, dtype=kind))
        tables[name] = [
            np.concatenate(part) if part else np.array([], dtype=kind)
            for part, kind in zip(parts, kinds, strict=True)
        ]
    fetched = time.perf_counter()

    # The grade of each (scale, raw value) that counts, as measures.score_of gives it.
    grades = [
        (scale["key"], float(option["value"]), score_of(option["value"], scale))
        for scale in definition["scales"]
        for option in scale.get("options", [])
    ]
    db = duckdb.connect()
    names = {
        "answer": ("response_id", "item_id", "dont_know", "value"),
        "response": ("id", "questionnaire_id", "layer", "submitted"),
        "item": ("id", "type", "goal", "dimension", "scale"),
        "questionnaire": ("id", "scan_id"),
        "scan": ("id", "municipality_id"),
    }
    for name, columns in tables.items():
        db.register(name, {column: data for column, data in zip(names[name], columns, strict=True)})
    db.execute("CREATE TABLE grade (scale VARCHAR, raw DOUBLE, score DOUBLE)")
    db.executemany("INSERT INTO grade VALUES (?, ?, ?)", [g for g in grades if g[2] is not None])
    rows = db.execute(
        """
        SELECT s.municipality_id, i.goal, i.dimension, r.layer,
               count(*) AS n, avg(g.score) AS mean, stddev_samp(g.score) AS sd
        FROM answer a
        JOIN response r ON r.id = a.response_id
        JOIN item i ON i.id = a.item_id
        JOIN questionnaire q ON q.id = r.questionnaire_id
        JOIN scan s ON s.id = q.scan_id
        JOIN grade g ON g.scale = i.scale AND g.raw = try_cast(a.value AS DOUBLE)
        WHERE r.submitted AND NOT a.dont_know AND i.type IN ('agreement', 'grade')
              AND i.goal <> ''
        GROUP BY ALL
        """
    ).fetchall()
    aggregated = time.perf_counter()
    del tables
    db.close()
    cells = {(m, goal, dim, layer): (n, mean, sd) for m, goal, dim, layer, n, mean, sd in rows}
    return cells, {
        "reference_fetch_s": round(fetched - started, 2),
        "reference_aggregate_s": round(aggregated - fetched, 2),
        "reference_s": round(aggregated - started, 2),
    }


def _agrees(shown: float, exact: float) -> bool:
    """``shown`` is ``exact`` as the analysis shows it (``core.formatting.rounded``, half up
    to ``SHOWN_PLACES``). Only where ``exact`` lies on a rounding boundary, within the float
    noise of two ways of summing, may the two sides land one step apart."""
    from thermometer.core.formatting import SHOWN_PLACES, rounded

    if math.isclose(shown, rounded(exact), abs_tol=1e-9):
        return True
    step = 10.0**-SHOWN_PLACES
    boundary = (math.floor(exact / step) + 0.5) * step
    return abs(exact - boundary) < 1e-9 and abs(shown - exact) <= step / 2 + 1e-9


def _check(results: dict, scans: dict, cells: dict) -> int:
    """Every shown single-layer cell of our temperature equals DuckDB's, rounded as the
    analysis rounds what it shows (``analysis.compute.shown``)."""
    checked = 0
    for scan_id, data in results.items():
        municipality = scans[scan_id].municipality_id
        for row in data["temperature"]:
            for group, score in row["groups"].items():
                if "+" in group or score is None:
                    continue
                n, mean, sd = cells[(municipality, row["goal"], row["dimension"], group)]
                assert score["n"] == n, (scan_id, row, group, n)
                assert _agrees(score["mean"], mean), (mean, score)
                assert _agrees(score["sd"], sd), (sd, score)
                checked += 1
    assert checked, "no cell compared"
    return checked


def run() -> dict:
    from django.db import connection

    from thermometer.analysis import measures, services
    from thermometer.analysis.models import AnalysisResult
    from thermometer.scans.models import Scan

    started = time.perf_counter()
    generated = generate()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum does after a load this size
    generate_s = time.perf_counter() - started
    scans = {scan.pk: scan for scan in Scan.objects.select_related("method_version")}
    definition = next(iter(scans.values())).method.data

    # A full recompute from cold: nothing stored, no cached t quantiles or stems.
    AnalysisResult.objects.all().delete()
    measures._t90.cache_clear()
    measures.content_stems.cache_clear()
    _reset_peak()
    before_mb = _peak_mb()
    started = time.perf_counter()
    results = services.recompute_all()
    recompute_s = time.perf_counter() - started
    recompute_peak_mb = _peak_mb()
    assert len(results) == len(scans) == AnalysisResult.objects.count()

    # One scan through analysis_for, its stored result dropped first; equal to the bulk one.
    timings = []
    sample = sorted(scans)[:: max(1, len(scans) // SCAN_RUNS)][:SCAN_RUNS]
    for scan_id in sample:
        scan = Scan.objects.get(pk=scan_id)
        AnalysisResult.objects.filter(scan=scan).delete()
        began = time.perf_counter()
        data = services.analysis_for(scan)
        timings.append((time.perf_counter() - began) * 1000)
        assert data == results[scan_id], f"scan {scan_id}: analysis_for differs from bulk"

    # For comparison: every scan through analysis_for, one after the other; all equal.
    AnalysisResult.objects.all().delete()
    started = time.perf_counter()
    for scan in scans.values():
        assert services.analysis_for(scan) == results[scan.pk], f"scan {scan.pk} differs"
    per_scan_s = time.perf_counter() - started

    _reset_peak()
    reference_before_mb = _peak_mb()
    cells, reference_times = reference(definition)
    reference_peak_mb = _peak_mb()
    checked = _check(results, scans, cells)

    ratio = recompute_s / reference_times["reference_s"]
    scan_ms = statistics.median(timings)
    return {
        "database": connection.vendor,
        "scans": generated["scans"],
        "respondents_per_scan": RESPONDENTS,
        "answers": generated["answers"],
        "generate_s": round(generate_s, 1),
        "answer_insert_s": round(generated["answer_insert_s"], 1),
        "recompute_s": round(recompute_s, 2),
        "recompute_method": "services.recompute_all (grouped queries for all scans, "
        "compute.analyse per scan, results upserted)",
        **reference_times,
        "reference_method": "driver fetch of the five tables into NumPy columns, "
        "then DuckDB join + grade mapping + avg/stddev_samp/count",
        "duckdb": __import__("duckdb").__version__,
        "ratio": round(ratio, 2),
        "scan_recompute_ms": round(scan_ms, 1),
        "scan_recompute_ms_runs": [round(t, 1) for t in timings],
        "recompute_per_scan_s": round(per_scan_s, 2),
        "cells_checked_against_reference": checked,
        "peak_mb": round(recompute_peak_mb, 1),
        "recompute_added_mb": round(recompute_peak_mb - before_mb, 1),
        "reference_peak_mb": round(reference_peak_mb, 1),
        "reference_added_mb": round(reference_peak_mb - reference_before_mb, 1),
        "memory_method": "peak RSS (VmHWM, reset through /proc/self/clear_refs) of the "
        "process during the full recompute; *_added_mb: above the RSS at the phase's start "
        "(on SQLite the in-memory test database is part of the RSS)",
        "target_met": ratio <= TARGET_RATIO and scan_ms < TARGET_SCAN_MS,
    }
