"""Search a scan's passages by words, with Dutch stemming on both databases."""

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from thermometer.coding.suggestions import stems

from .models import Passage


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


def search(scan, query: str, limit: int = 100) -> list[Passage]:
    """Passages of ``scan`` containing every word of ``query`` (in any inflection)."""
    terms = [stem for stem, _, _ in stems(query)]
    if not terms:
        return []
    scoped = Passage.objects.filter(source__scan=scan).select_related("source")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("text", config="dutch")
        found = SearchQuery(query, config="dutch", search_type="plain")
        return list(
            scoped.annotate(document=vector, rank=SearchRank(vector, found))
            .filter(document=found)
            .order_by("-rank", "source__title", "index")[:limit]
        )
    match = " AND ".join('"' + term.replace('"', "") + '"' for term in terms)
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
