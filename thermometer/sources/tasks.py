"""Reading a document in the background: idempotent, and never fatal to the worker."""

import logging

from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext as _

from thermometer.core.leases import Heartbeat

from .constants import SourceStatus
from .extraction import extract, guess_title
from .inspection import UploadRefused, inspect_upload

logger = logging.getLogger(__name__)
READ_SHARE = 60  # percent of the progress bar for reading; the rest for the meaning


@task()
def extract_source(source_id: int) -> str:
    from .models import Passage, Source
    from .services import default_title, limits

    source = Source.objects.filter(pk=source_id).first()
    if source is None or source.status == SourceStatus.DONE:
        return "skipped"
    heartbeat = Heartbeat(Source, source_id)
    heartbeat.beat(status=SourceStatus.PROCESSING, progress=0)

    def progress(percent: int):
        # Every tenth percent is enough for the progress bar, and spares the database;
        # between them a heartbeat says the worker still lives (core.leases).
        # Reading is the first READ_SHARE of the bar, working out the meaning the rest.
        percent = percent * READ_SHARE // 100
        if percent % 10 == 0:
            heartbeat.beat(progress=percent)
        else:
            heartbeat.beat()

    try:
        with source.file.open("rb") as handle:
            data = handle.read()
        kind = inspect_upload(data, source.original_name, **limits())
        markdown = source.original_name.lower().endswith((".md", ".markdown"))
        extracted = extract(data, kind, progress, markdown=markdown)
    except UploadRefused as refused:
        Source.objects.filter(pk=source_id).update(status=SourceStatus.FAILED, error=str(refused))
        return "failed"
    except Exception:  # noqa: BLE001 - the worker goes on; the adviser gets a message
        logger.exception("Reading source %s failed", source_id)
        Source.objects.filter(pk=source_id).update(
            status=SourceStatus.FAILED,
            error=_("Something went wrong while reading this file. Try again or upload it again."),
        )
        return "failed"
    from thermometer.coding.suggestions import INTENTS_VERSION, intent_spans
    from thermometer.core import embeddings

    from .meaning import embed_passages, known_vectors
    from .search import index_passages, unindex_source

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
        Source.objects.filter(pk=source_id).update(
            status=SourceStatus.DONE,
            progress=READ_SHARE,
            text=extracted.text,
            page_count=extracted.page_count,
            error="\n".join(str(n) for n in extracted.notes),
        )
        # A title made from the file name gives way to the document's own title.
        title = guess_title(extracted)
        if title and source.title == default_title(source.original_name):
            Source.objects.filter(pk=source_id).update(title=title[:300])
    # The document can be read and searched now; its meaning follows, batch by batch.
    try:
        embed_passages(
            source_id, [p for p in created if not p.embedding_model], READ_SHARE, heartbeat
        )
    except Exception:  # noqa: BLE001 - the words still work; the meaning can follow later
        logger.exception("Embedding the passages of source %s failed", source_id)
        Source.objects.filter(pk=source_id).update(progress=100)
    return "done"
