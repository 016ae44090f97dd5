"""Reading a document in the background: idempotent, and never fatal to the worker."""

import logging
from collections.abc import Callable

from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext as _

from thermometer.core import embeddings
from thermometer.core.leases import Heartbeat

from .constants import SourceStatus
from .extraction import Extracted, extract, guess_title
from .inspection import UploadRefused, inspect_upload
from .intents import INTENTS_VERSION, intent_spans

logger = logging.getLogger(__name__)
READ_SHARE = 60  # percent of the progress bar for reading; the rest for the meaning


def _reading_progress(heartbeat: Heartbeat) -> Callable[[int], None]:
    """The reader's progress callback: reading fills the first READ_SHARE of the bar."""

    def progress(percent: int):
        # Every tenth percent is enough for the progress bar, and spares the database;
        # between them a heartbeat says the worker still lives (core.leases).
        # Reading is the first READ_SHARE of the bar, working out the meaning the rest.
        percent = percent * READ_SHARE // 100
        if percent % 10 == 0:
            heartbeat.beat(progress=percent)
        else:
            heartbeat.beat()

    return progress


def _read_file(source, progress: Callable[[int], None]) -> Extracted | None:
    """The document read from its file, or None when it cannot be read: the source is
    then marked failed with a message for the adviser."""
    from .models import Source
    from .services import limits

    try:
        with source.file.open("rb") as handle:
            data = handle.read()
        kind = inspect_upload(data, source.original_name, **limits())
        markdown = source.original_name.lower().endswith((".md", ".markdown"))
        return extract(data, kind, progress, markdown=markdown)
    except UploadRefused as refused:
        Source.objects.filter(pk=source.pk).update(status=SourceStatus.FAILED, error=str(refused))
        return None
    except Exception:  # noqa: BLE001 - the worker goes on; the adviser gets a message
        logger.exception("Reading source %s failed", source.pk)
        Source.objects.filter(pk=source.pk).update(
            status=SourceStatus.FAILED,
            error=_("Something went wrong while reading this file. Try again or upload it again."),
        )
        return None


def _store_reading(source, extracted: Extracted) -> list:
    """Replace the source's passages by this reading, index them and mark the source
    read, all at once; returns the new passages."""

    from .meaning import known_vectors
    from .models import Passage, Source
    from .search import index_passages, unindex_source
    from .services import default_title

    digests = [Passage.digest_of(p.text) for p in extracted.passages]
    # Vectors of unchanged text are kept through a new reading of the same file.
    kept = known_vectors(source.scan_id, digests)
    model = embeddings.model_version() if kept else ""
    with transaction.atomic():
        unindex_source(source)
        source.passages.all().delete()
        created = Passage.objects.bulk_create(
            (
                Passage(
                    source=source,
                    index=index,
                    page=p.page,
                    page_end=p.page_end,
                    kind=p.kind,
                    digest=digest,
                    embedding=kept.get(digest),
                    embedding_model=model if digest in kept else "",
                    paragraph=p.paragraph,
                    intents=intent_spans(p.text),
                    intents_version=INTENTS_VERSION,
                    start=p.start,
                    end=p.end,
                    text=p.text,
                )
                for index, (p, digest) in enumerate(zip(extracted.passages, digests, strict=True))
            ),
            batch_size=1000,
        )
        # bulk_create sets primary keys on SQLite and PostgreSQL alike.
        index_passages(created)
        Source.objects.filter(pk=source.pk).update(
            status=SourceStatus.DONE,
            progress=READ_SHARE,
            text=extracted.text,
            page_count=extracted.page_count,
            error="\n".join(str(n) for n in extracted.notes),
        )
        # A title made from the file name gives way to the document's own title.
        title = guess_title(extracted)
        if title and source.title == default_title(source.original_name):
            Source.objects.filter(pk=source.pk).update(title=title[:300])
    return created


def _embed_new_passages(source_id: int, created: list, heartbeat: Heartbeat) -> None:
    """The meaning of the passages without a kept vector; a failure leaves the words usable."""
    from .meaning import embed_passages
    from .models import Source

    try:
        embed_passages(
            source_id, [p for p in created if not p.embedding_model], READ_SHARE, heartbeat
        )
    except Exception:  # noqa: BLE001 - the words still work; the meaning can follow later
        logger.exception("Embedding the passages of source %s failed", source_id)
        Source.objects.filter(pk=source_id).update(progress=100)


@task()
def extract_source(source_id: int) -> str:
    from .models import Source

    source = Source.objects.filter(pk=source_id).first()
    if source is None or source.status == SourceStatus.DONE:
        return "skipped"
    heartbeat = Heartbeat(Source, source_id)
    heartbeat.beat(status=SourceStatus.PROCESSING, progress=0)
    extracted = _read_file(source, _reading_progress(heartbeat))
    if extracted is None:
        return "failed"
    created = _store_reading(source, extracted)
    # The document can be read and searched now; its meaning follows, batch by batch.
    _embed_new_passages(source_id, created, heartbeat)
    return "done"
