"""The document trail of a scan's intended effects: the matcher's suggestions
(``trail``, pure) joined with the adviser's verdicts, per effect and layer."""

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field

from thermometer.core import embeddings
from thermometer.sources.constants import DocumentPlace, SourceKind, SourceStatus
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


def _candidates(scan):
    rows = Passage.objects.filter(
        source__scan=scan,
        source__kind=SourceKind.DOCUMENT,
        source__status=SourceStatus.DONE,
        source__place__in=[p.value for p in DocumentPlace],
    ).values_list(
        "id",
        "text",
        "source__place",
        "source__title",
        "source__uuid",
        "page",
        "embedding",
        "embedding_model",
    )
    model = embeddings.model_version() if embeddings.available() else None
    info, candidates, stored = {}, [], {}
    for pid, text, place, title, source_uuid, page, vector, vector_model in rows:
        layer = DocumentPlace(place).layer
        candidates.append(trail.Candidate(pid, layer, text))
        info[pid] = {"text": text, "source_title": title, "source_uuid": source_uuid, "page": page}
        if vector and vector_model == model:
            stored[pid] = vector
    return candidates, info, stored


_INDEXES: OrderedDict = OrderedDict()
INDEXES_KEPT = 4


def _index(candidates, stored: dict) -> trail.Index:
    """The trail index of these passages, built once per process while they are
    unchanged (stemming is the costly part: about a second per 500 pages); ``stored``
    holds their vectors as stored (passage id -> bytes), read only when it is built."""
    digest = hashlib.blake2b(digest_size=16)
    for candidate in candidates:
        digest.update(f"{candidate.key}\x00{candidate.layer}\x00".encode())
        digest.update(candidate.text.encode())
    digest.update(f"{len(stored)}".encode())  # meaning added since: build again
    key = digest.hexdigest()
    if key in _INDEXES:
        _INDEXES.move_to_end(key)
        return _INDEXES[key]
    vectors = {pid: embeddings.from_bytes(vector) for pid, vector in stored.items()}
    index = trail.build_index(candidates, vectors=vectors)
    _INDEXES[key] = index
    while len(_INDEXES) > INDEXES_KEPT:
        _INDEXES.popitem(last=False)
    return index


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
    candidates, info, stored = _candidates(scan)
    index = _index(candidates, stored)
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
        effect_vector = embeddings.embed_query(effect.statement) if stored else None
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
