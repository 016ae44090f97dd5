"""Write ``.env`` for running Thermometer on this machine (``make setup``), once.

The documented ``manage.py`` commands then work as written. The file is for a
developer's or adviser's own machine only: production sets DEBUG=0 and a SECRET_KEY of
its own in the environment, which always wins over this file."""

import secrets
from pathlib import Path

ENV = Path(__file__).resolve().parent.parent / ".env"

if not ENV.exists():
    ENV.write_text(
        "# Written by `make setup` for this machine only (git ignores it). The environment\n"
        "# wins over this file; in production set DEBUG=0 and your own SECRET_KEY there.\n"
        "DEBUG=1\n"
        f"SECRET_KEY={secrets.token_urlsafe(50)}\n",
        encoding="utf-8",
    )
    print(f"Wrote {ENV.name} (local settings for manage.py)")
