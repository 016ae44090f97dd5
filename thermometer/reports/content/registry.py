"""Which content a scan's report gathers, keyed by its method's ``kind``: a new method
adds its module and a line here, the methods' modules never import each other."""

from collections.abc import Callable

from .framework import framework_content
from .journey import journey_content
from .thermometer import thermometer_content

BUILDERS: dict[str, Callable[..., dict]] = {
    "thermometer": thermometer_content,
    "tweedaagse_scan": journey_content,
    "raad_in_positie": framework_content,
}
DEFAULT = "thermometer"  # a definition without a kind predates the other methods


def report_content(scan) -> dict:
    """The scan's whole overview as plain data, in the shape of its method."""
    kind = scan.method.data.get("kind")
    return BUILDERS.get(kind, BUILDERS[DEFAULT])(scan)
