"""Full-text search over passages with Dutch stemming.

PostgreSQL: a GIN index on the Dutch text-search vector. SQLite: an FTS5 table of
Dutch Porter stems (SQLite's own stemmer is English only), filled when a document
is read.
"""

from django.db import migrations


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS sources_passage_text_dutch "
            # The same expression Django's SearchVector("text", config="dutch") writes.
            "ON sources_passage USING gin (to_tsvector('dutch'::regconfig, COALESCE(text, '')))"
        )
    elif connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS sources_passage_fts "
            "USING fts5(stems, tokenize='unicode61 remove_diacritics 2')"
        )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS sources_passage_text_dutch")
    elif connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS sources_passage_fts")


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
