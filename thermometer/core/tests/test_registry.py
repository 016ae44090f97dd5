"""Every registry refuses a second, different entry under a taken name (core.registry)."""

import pytest

from thermometer.core.registry import put


def test_the_same_entry_again_is_harmless_another_is_refused():
    table = {}
    put(table, "codebook", len, "scan seeder")
    put(table, "codebook", len, "scan seeder")  # ready() run again
    with pytest.raises(ValueError, match="scan seeder 'codebook' is registered twice"):
        put(table, "codebook", print, "scan seeder")
    assert table == {"codebook": len}
