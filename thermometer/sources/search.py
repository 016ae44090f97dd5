"""Search a scan's passages by words, with Dutch stemming on both databases, and by
meaning where the embedding model is installed (hybrid: both rankings fused)."""

from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from thermometer.core import embeddings
from thermometer.core.dutch import content_stems, stems

from .meaning import by_id_batches
from .models import Passage
from .similar import closest, fuse, scan_vectors


def _stem_string(text: str) -> str:
    return " ".join(stem for stem, _, _ in stems(text))


def index_passages(passages) -> None:
    """Add passages to the SQLite stem index (PostgreSQL indexes by itself)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO sources_passage_fts(rowid, stems) VALUES (%s, %s)",
            [(p.pk, _stem_string(p.text)) for p in passages],
        )


def unindex_source(source) -> None:
    if connection.vendor != "sqlite":
        return
    ids = list(source.passages.values_list("pk", flat=True))
    if ids:
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM sources_passage_fts WHERE rowid = %s", [(i,) for i in ids]
            )


def search(scan, query: str, limit: int = 100, every_word: bool = True) -> list[Passage]:
    """Passages of ``scan`` containing every word of ``query`` (in any inflection), best
    first; with ``every_word`` false, any of its words (rare words weigh more)."""
    terms = [stem for stem, _, _ in stems(query)]
    if not terms:
        return []
    scoped = Passage.objects.filter(source__scan=scan).select_related("source")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("text", config="dutch")
        if every_word:
            found = SearchQuery(query, config="dutch", search_type="plain")
        else:
            words = [w for w in query.split() if w]
            found = SearchQuery(words[0], config="dutch")
            for word in words[1:]:
                found |= SearchQuery(word, config="dutch")
        return list(
            scoped.annotate(document=vector, rank=SearchRank(vector, found))
            .filter(document=found)
            .order_by("-rank", "source__title", "index")[:limit]
        )
    joiner = " AND " if every_word else " OR "
    match = joiner.join('"' + term.replace('"', "") + '"' for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM sources_passage_fts WHERE sources_passage_fts MATCH %s "
            "ORDER BY bm25(sources_passage_fts)",
            [match],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    found = {p.pk: p for p in scoped.filter(pk__in=ranked)}
    return [found[pk] for pk in ranked if pk in found][:limit]


def highlight(text: str, query: str) -> str:
    """The text with the words that matched (by stem) marked."""
    wanted = {stem for stem, _, _ in stems(query)}
    out, last = [], 0
    for stem, start, end in stems(text):
        if stem in wanted:
            out.append(escape(text[last:start]))
            out.append(f"<mark>{escape(text[start:end])}</mark>")
            last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


# --- by meaning beside words ---------------------------------------------------------------

QUERY_FLOOR = 0.82  # a search's words and a passage: closer than most unrelated text
LIKE_FLOOR = 0.85  # two passages: closer than two passages that merely share the domain
BY_MEANING = 20  # passages found by meaning that join those found by words
LIKE_WORDS = 12  # the words of a passage that "find passages like this" searches for


@dataclass(frozen=True)
class Found:
    passage: Passage
    by_words: bool
    meaning: float | None  # the cosine with the query or passage, where found by meaning


def _fused(scan, lexical: list, near: list, limit: int) -> list[Found]:
    by_id = {p.pk: p for p in lexical}
    cosines = dict(near)
    order = fuse([p.pk for p in lexical], [pid for pid, _ in near], limit=limit)
    missing = [pid for pid in order if pid not in by_id]
    by_id.update(
        Passage.objects.filter(source__scan=scan, pk__in=missing).select_related("source").in_bulk()
    )
    words = {p.pk for p in lexical}
    return [Found(by_id[pid], pid in words, cosines.get(pid)) for pid in order if pid in by_id]


def hybrid_search(scan, query: str, limit: int = 100) -> list[Found]:
    """Passages with the words of ``query`` and, where the model is installed, passages
    close to it in meaning that may use other words; the two rankings fused."""
    lexical = search(scan, query, limit)
    vectors = scan_vectors(scan)
    if vectors is None or not query.strip():
        return [Found(p, True, None) for p in lexical]
    near = closest(vectors, embeddings.embed_query(query), BY_MEANING, QUERY_FLOOR)
    return _fused(scan, lexical, near, limit)


def like_this(scan, passage: Passage, limit: int = 20) -> list[Found]:
    """Passages like ``passage``: close in meaning, or sharing its rarer words."""
    words = sorted(
        {passage.text[start:end] for _, start, end in content_stems(passage.text)},
        key=lambda w: (-len(w), w),
    )[:LIKE_WORDS]
    lexical = [p for p in search(scan, " ".join(words), limit + 1, every_word=False)]
    lexical = [p for p in lexical if p.pk != passage.pk][:limit]
    vectors = scan_vectors(scan)
    vector = passage.vector
    if vectors is None or vector is None:
        return [Found(p, True, None) for p in lexical]
    near = closest(vectors, vector, limit, LIKE_FLOOR, leave_out={passage.pk})
    return _fused(scan, lexical, near, limit)


def rebuild_index() -> int:
    """Fill the SQLite stem index anew from every passage (after a restore with loaddata,
    which does not run the reading task); PostgreSQL indexes by itself. Returns how many
    passages were indexed."""
    if connection.vendor != "sqlite":
        return Passage.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sources_passage_fts")
    done = 0
    for rows in by_id_batches(Passage.objects.only("pk", "text"), size=2000):
        index_passages(rows)
        done += len(rows)
    return done
