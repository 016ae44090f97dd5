"""The reports as Word documents (python-docx), one module per kind of content; the
parts they share in ``base``."""

from .framework import build_framework_docx
from .journey import build_journey_docx
from .thermometer import build_docx

# The builder per ``content["kind"]``; any other kind is the Thermometer's.
BUILDERS = {
    "thermometer": build_docx,
    "journey": build_journey_docx,
    "framework": build_framework_docx,
}

__all__ = ["BUILDERS", "build_docx", "build_framework_docx", "build_journey_docx"]
