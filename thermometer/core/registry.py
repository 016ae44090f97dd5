"""The one rule of every registry an app below fills from the apps above it (ADR 8):
an entry is registered once under its name. ``AppConfig.ready`` may run again (tests do
so), so the same entry again is harmless; another entry under a taken name is a mistake
that would silently replace the first, and is refused."""


def put(table: dict, name, entry, what: str) -> None:
    """Register ``entry`` as ``name`` in ``table``; ``what`` names the kind of entry in
    the error (e.g. "scan seeder")."""
    if name in table and table[name] != entry:
        raise ValueError(f"{what} {name!r} is registered twice")
    table[name] = entry
