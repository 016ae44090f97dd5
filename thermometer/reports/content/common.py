"""What holds for the content of every method: its charts in order, its fingerprint."""

import hashlib
import json


def all_charts(content: dict) -> list:
    """Every chart of the content, in its order: a value of ``content["chart"]`` is a
    chart or a list of them (the whisper chains)."""
    return [
        chart
        for value in content["chart"].values()
        for chart in (value if isinstance(value, list) else [value])
    ]


def fingerprint(content: dict) -> str:
    """Changes whenever anything the report shows changes (for caching rendered files)."""
    plain = {k: v for k, v in content.items() if k != "chart"}
    plain["scan"] = {k: v for k, v in content["scan"].items() if k != "today"}
    text = json.dumps(plain, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
