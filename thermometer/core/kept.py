"""Values worked out from the database and kept in this process while what they were
worked out from is unchanged: the caller names that in the key (a fingerprint asked of
the database in one cheap query), so a changed input is simply a new key."""

from collections import OrderedDict


class KeptPerProcess:
    """At most ``size`` values, the least recently used dropped first."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict = OrderedDict()

    def get(self, key, build):
        """The value kept under ``key``, or ``build()`` kept under it."""
        if key in self._values:
            self._values.move_to_end(key)
            return self._values[key]
        value = self._values[key] = build()
        while len(self._values) > self.size:
            self._values.popitem(last=False)
        return value
