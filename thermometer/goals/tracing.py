"""The document trail of a scan's intended effects: the matcher's suggestions
(``trail``, pure) joined with the adviser's verdicts, per effect and layer."""

from dataclasses import dataclass, field

from thermometer.core import embeddings
from thermometer.core.kept import KeptPerProcess
from thermometer.sources.constants import DocumentPlace, SourceKind, SourceStatus
from thermometer.sources.meaning import passages_state
from thermometer.sources.models import Passage

from . import trail
from .constants import DOCUMENT_LAYERS, layers_below
from .models import TrailVerdict

SNIPPET_CHARS = 400


@dataclass
class TrailCell:
    layer: str
    has_documents: bool
    suggested: str | None = None  # the matcher's verdict; None without documents
    confirmed: TrailVerdict | None = None
    matches: list = field(default_factory=list)  # dicts, best first

    @property
    def verdict(self) -> str | None:
        return self.confirmed.verdict if self.confirmed else self.suggested

    @property
    def best(self) -> dict | None:
        return self.matches[0] if self.matches else None


@dataclass
class EffectTrail:
    effect: object
    cells: list  # TrailCell per document layer below the effect's layer
    last_carrier: str  # the last layer that still carried the effect

    def cell(self, layer: str) -> TrailCell | None:
        return next((c for c in self.cells if c.layer == layer), None)

    @property
    def judged(self) -> bool:
        """Whether any layer under the effect has documents to judge it by."""
        return any(c.verdict for c in self.cells)

    @property
    def lost_in(self) -> str | None:
        """The first layer (with documents) where the effect is lost, if any."""
        return next((c.layer for c in self.cells if c.verdict == "lost"), None)

    @property
    def weakened_in(self) -> list[str]:
        return [c.layer for c in self.cells if c.verdict == "weakened"]


def thresholds_of(method) -> dict:
    """The method may set its own thresholds (``analysis.trail``); else the measured ones."""
    return {**trail.DEFAULT_THRESHOLDS, **method.data.get("analysis", {}).get("trail", {})}


def _documents(scan):
    return Passage.objects.filter(
        source__scan=scan,
        source__kind=SourceKind.DOCUMENT,
        source__status=SourceStatus.DONE,
        source__place__in=[p.value for p in DocumentPlace],
    )


def _load(scan, model: str):
    """The scan's passages as trail candidates, what a match shows of them, and their
    stored vectors (bytes) of the current model."""
    rows = _documents(scan).values_list(
        "id",
        "text",
        "source__place",
        "source__title",
        "source__uuid",
        "page",
        "embedding",
        "embedding_model",
    )
    info, candidates, stored = {}, [], {}
    for pid, text, place, title, source_uuid, page, vector, vector_model in rows:
        layer = DocumentPlace(place).layer
        candidates.append(trail.Candidate(pid, layer, text))
        info[pid] = {"text": text, "source_title": title, "source_uuid": source_uuid, "page": page}
        if vector and vector_model == model:
            stored[pid] = vector
    return candidates, info, stored


@dataclass
class _Indexed:
    index: trail.Index
    info: dict  # passage id -> what a match shows of it
    has_meaning: bool


_INDEXES = KeptPerProcess(4)


def _index(scan) -> _Indexed:
    """The trail index of the scan's passages, built once per process while they are
    unchanged (stemming is the costly part: about a second per 500 pages). Whether they
    changed is asked of the database in one grouped query (``passages_state``), so a
    warm request reads no passage text."""
    model = embeddings.model_version() if embeddings.available() else ""
    key = (scan.pk, passages_state(_documents(scan), model))
    return _INDEXES.get(key, lambda: _build(scan, model))


def _build(scan, model: str) -> _Indexed:
    candidates, info, stored = _load(scan, model)
    vectors = {pid: embeddings.from_bytes(vector) for pid, vector in stored.items()}
    return _Indexed(trail.build_index(candidates, vectors=vectors), info, bool(stored))


def _match_dict(match, info) -> dict:
    passage = info[match.key]
    text = passage["text"]
    start, end = match.start, match.end
    # Show the matching sentence with a little context either side.
    before = max(0, start - (SNIPPET_CHARS - (end - start)) // 2)
    after = min(len(text), max(end, before + SNIPPET_CHARS))
    return {
        "passage_id": match.key,
        "similarity": match.similarity,
        "matched": match.matched,
        "meaning": match.meaning,
        "purpose": match.purpose,
        "source_title": passage["source_title"],
        "source_uuid": passage["source_uuid"],
        "page": passage["page"],
        "before": ("…" if before else "") + text[before:start],
        "sentence": text[start:end],
        "after": text[end:after] + ("…" if after < len(text) else ""),
    }


def trails_for(scan, effects) -> list[EffectTrail]:
    """Each effect traced down the layers under the one it was stated in."""
    effects = list(effects)
    if not effects:
        return []
    indexed = _index(scan)
    index, info = indexed.index, indexed.info
    thresholds = thresholds_of(scan.method)
    verdicts = {
        (v.effect_id, v.layer): v
        for v in TrailVerdict.objects.filter(effect__in=[e.pk for e in effects]).select_related(
            "confirmed_by"
        )
    }
    result = []
    for effect in effects:
        layers = [layer for layer in layers_below(effect.layer) if layer in index.layers]
        # The effect's meaning, where the passages have theirs (one query, cached).
        effect_vector = embeddings.embed_query(effect.statement) if indexed.has_meaning else None
        traced = {
            t.layer: t
            for t in trail.trace(effect.statement, index, layers, thresholds, 3, effect_vector)
        }
        cells = []
        for layer in layers_below(effect.layer):
            found = traced.get(layer)
            cells.append(
                TrailCell(
                    layer=layer,
                    has_documents=found is not None,
                    suggested=found.verdict if found else None,
                    confirmed=verdicts.get((effect.pk, layer)),
                    matches=[_match_dict(m, info) for m in found.matches] if found else [],
                )
            )
        judged = [trail.LayerTrace(c.layer, c.verdict, ()) for c in cells if c.verdict is not None]
        # Lost in the first layer under it: the layer it was stated in carried it last.
        carrier = trail.last_carrier(judged)
        result.append(EffectTrail(effect, cells, carrier or effect.layer))
    return result


def trail_layers(method) -> list[tuple[str, str]]:
    """The columns of the trail view: the method's layers that documents can stand in."""
    return [(key, name) for key, name in method.layers.items() if key in DOCUMENT_LAYERS]
