"""Quality and speed of reading documents and of the goal and intent suggestions.

Labels: bench/data/passages.jsonl (real passages of public documents, see LABELLING.md),
split by document family into a tune part and a test part (splits.json). The product's
thresholds were chosen on the tune part; the figures that count are the test part's.
Methods, all through the product's own function (``coding.passage_analysis.analyse``):
``words`` (the method's word lists on Dutch stems and compounds, the intent phrases),
``words_and_meaning`` (the same beside the embedding model, as the product runs), and
``unstemmed`` (plain substrings of the word lists) as the simplest baseline. The
thresholds that would be best on the tune part are worked out again and reported beside
the product's, so a drift shows.

Speed and reading: the embedding model's sentences per second, batched and one at a
time; a long municipal PDF read, embedded and suggested end to end (seconds, peak memory
of that process), and its share of passages under 60 characters outside tables.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from django.test import override_settings

from bench import labels
from thermometer.coding.passage_analysis import DEFAULT_THRESHOLDS, analyse
from thermometer.core import embeddings
from thermometer.methods.scoring_command import method_version

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
GOALS = ["self_reliance", "integrality", "finances"]
LONG_PDFS = [
    SHARED / "policy_documents/2_gemeente_wassenaar/Begroting_2025_Wassenaar.pdf",
    ROOT / "bench/data/corpus/1_raad_beleid/Hervormingsagenda_Jeugd_2023-2028.pdf",
]


def _lexicon() -> dict:
    """The word lists of the method's newest version, as ``analyse_passages`` uses them."""
    data = method_version(None).data
    return {k: v for k, v in data["suggestion_lexicon"].items() if k in GOALS}


def _prf(pred: list[bool], truth: list[bool]) -> dict:
    tp = sum(p and t for p, t in zip(pred, truth, strict=True))
    fp = sum(p and not t for p, t in zip(pred, truth, strict=True))
    fn = sum(t and not p for p, t in zip(pred, truth, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "support": tp + fn,
    }


def _scores(rows, predicted_goals, predicted_intent) -> dict:
    per_goal = {
        g: _prf([g in p for p in predicted_goals], [g in r["goals"] for r in rows]) for g in GOALS
    }
    micro = _prf(
        [g in p for p in predicted_goals for g in GOALS],
        [g in r["goals"] for r in rows for g in GOALS],
    )
    return {
        "goals_micro_f1": micro["f1"],
        "goals_micro": micro,
        "per_goal": per_goal,
        "intent": _prf(predicted_intent, [r["intent"] for r in rows]),
    }


def _predict(rows, vectors, lexicon, thresholds):
    goals, intents = [], []
    for row, vector in zip(rows, vectors, strict=True):
        found, intent = analyse(row["text"], lexicon, GOALS, vector, thresholds)
        goals.append({g.key for g in found})
        intents.append(intent.value)
    return goals, intents


def _retune(rows, vectors, lexicon) -> dict:
    """The thresholds that would be best on these rows (F1 per goal and for intent)."""
    from thermometer.coding.examples import GOAL_EXAMPLES, INTENT_EXAMPLES
    from thermometer.coding.meaning import closeness
    from thermometer.coding.passage_analysis import _example_vectors
    from thermometer.coding.suggestions import find_intents, suggest_codes

    goal_vectors, intent_vectors = _example_vectors()
    seen = []
    for row, vector in zip(rows, vectors, strict=True):
        near = closeness(vector, GOAL_EXAMPLES, goal_vectors)
        seen.append(
            (
                {g: near[g].margin for g in GOALS},
                {s.key for s in suggest_codes(row["text"], lexicon)},
                closeness(vector, INTENT_EXAMPLES, intent_vectors)["intent"].margin,
                bool(find_intents(row["text"])),
                row,
            )
        )
    grid = [round(float(x), 3) for x in np.arange(-0.06, 0.08, 0.005)]
    pairs = [(a, b) for a in grid for b in grid if b <= a]
    best = {"goal_from": {}, "goal_with_words_from": {}}
    for goal in GOALS:
        truth = [goal in r["goals"] for *_, r in seen]
        _, alone, with_words = max(
            (
                _prf([m[goal] >= a or (goal in w and m[goal] >= b) for m, w, *_ in seen], truth)[
                    "f1"
                ],
                a,
                b,
            )
            for a, b in pairs
        )
        best["goal_from"][goal], best["goal_with_words_from"][goal] = alone, with_words
    truth = [r["intent"] for *_, r in seen]
    _, best["intent_from"], best["intent_with_phrase_from"] = max(
        (_prf([im >= a or (p and im >= b) for _, _, im, p, _ in seen], truth)["f1"], a, b)
        for a, b in pairs
    )
    return best


def _embedding_speed() -> dict:
    sentences = [row["text"] for row in labels.passages()][:128]
    started = time.perf_counter()
    embeddings.embed_passages(sentences)
    batched = len(sentences) / (time.perf_counter() - started)
    started = time.perf_counter()
    for text in sentences[:32]:
        embeddings.embed_passages([text])
    single = 32 / (time.perf_counter() - started)
    chars = sum(len(s) for s in sentences) / len(sentences)
    return {
        "passages_per_s_batched": round(batched, 1),
        "passages_per_s_one_at_a_time": round(single, 1),
        "mean_passage_chars": round(chars),
    }


def read_embed_suggest(path: str) -> dict:
    """Run in a process of its own (``python bench/bench_coding.py FILE``) so its peak
    memory is its own: read a PDF, embed its passages, make the suggestions."""
    from thermometer.sources.extraction import extract

    lexicon = _lexicon()
    data = Path(path).read_bytes()
    started = time.perf_counter()
    extracted = extract(data, "pdf")
    read = time.perf_counter() - started
    texts = [p.text for p in extracted.passages]
    vectors = embeddings.embed_passages(texts)
    embedded = time.perf_counter() - started
    for text, vector in zip(texts, vectors, strict=True):
        analyse(text, lexicon, GOALS, vector, DEFAULT_THRESHOLDS)
    total = time.perf_counter() - started
    prose = [p for p in extracted.passages if p.kind != "table"]
    return {
        "pages": extracted.page_count,
        "passages": len(extracted.passages),
        "tables": sum(p.kind == "table" for p in extracted.passages),
        "short_share_outside_tables": round(sum(len(p.text) < 60 for p in prose) / len(prose), 3),
        "read_s": round(read, 1),
        "embed_s": round(embedded - read, 1),
        "suggest_s": round(total - embedded, 1),
        "total_s": round(total, 1),
        "seconds_per_page": round(total / extracted.page_count, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "notes": [str(n) for n in extracted.notes],
    }


def _end_to_end() -> list[dict]:
    results = []
    for path in LONG_PDFS:
        if not path.exists():
            continue
        out = subprocess.run(
            [sys.executable, __file__, str(path)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        results.append({"document": path.name, **json.loads(out.stdout.splitlines()[-1])})
    return results


@override_settings(EMBEDDINGS=True)
def run() -> dict:
    if not SHARED.exists():
        return {"skipped": "../shared/data is not present"}
    lexicon = _lexicon()
    rows = labels.passages()
    have_model = embeddings.available()
    vectors = list(embeddings.embed_passages([r["text"] for r in rows])) if have_model else None
    figures = {"labelled": len(rows), "model": embeddings.model_version() if have_model else None}
    for part in ("tune", "test"):
        index = [i for i, r in enumerate(rows) if r["part"] == part]
        part_rows = [rows[i] for i in index]
        methods = {}
        goals, intents = _predict(part_rows, [None] * len(index), lexicon, DEFAULT_THRESHOLDS)
        methods["words"] = _scores(part_rows, goals, intents)
        if have_model:
            part_vectors = [vectors[i] for i in index]
            goals, intents = _predict(part_rows, part_vectors, lexicon, DEFAULT_THRESHOLDS)
            methods["words_and_meaning"] = _scores(part_rows, goals, intents)
        lowered = [r["text"].lower() for r in part_rows]
        unstemmed = [
            {k for k, terms in lexicon.items() if any(t in x for t in terms)} for x in lowered
        ]
        methods["unstemmed"] = _scores(part_rows, unstemmed, [False] * len(part_rows))
        figures[part] = {
            "passages": len(part_rows),
            "documents": len({r["document"] for r in part_rows}),
            "methods": methods,
        }
    if have_model:
        tune = [i for i, r in enumerate(rows) if r["part"] == "tune"]
        figures["thresholds"] = DEFAULT_THRESHOLDS
        figures["thresholds_best_on_tune_now"] = _retune(
            [rows[i] for i in tune], [vectors[i] for i in tune], lexicon
        )
        figures["embedding_speed"] = _embedding_speed()
    figures["long_documents"] = _end_to_end()
    return figures


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thermometer.conf.test")
    os.environ["EMBEDDINGS"] = "1"
    django.setup()
    from django.conf import settings

    settings.EMBEDDINGS = True
    print(json.dumps(read_embed_suggest(sys.argv[1])))
