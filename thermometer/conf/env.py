"""Read every environment variable once, in one documented place."""

import os

from django.core.exceptions import ImproperlyConfigured

_UNSET = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def config(name: str, default=_UNSET, *, cast=str, split: bool = False):
    """Return environment variable ``name`` cast to ``cast``.

    ``cast=bool`` accepts 1/0, true/false, yes/no, on/off. ``split=True``
    turns a comma-separated value into a list. Without a default a missing
    variable is a configuration error, so production never runs on a guess.
    """
    raw = os.environ.get(name)
    if raw is None:
        if default is _UNSET:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    if split:
        return [cast(part.strip()) for part in raw.split(",") if part.strip()]
    if cast is bool:
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ImproperlyConfigured(f"Environment variable {name} must be a boolean, not {raw!r}.")
    return cast(raw)


def load_env_file(path) -> None:
    """Put the ``NAME=value`` lines of ``path`` (a local ``.env``) into the environment,
    where they are not set already; ``#`` starts a comment. A missing file is fine."""
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except FileNotFoundError:
        return
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        os.environ.setdefault(name.strip(), value.strip())
