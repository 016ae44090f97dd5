"""Everything the digital overview and the reports show of one scan, gathered once as
plain data: web, PDF, DOCX and HTML read the same numbers from here.

One module per method (``thermometer``, ``journey`` for the Tweedaagse scan,
``framework`` for De Raad in positie), chosen by ``registry`` from the method's kind;
the parts they share (``header``, ``advice``, ``finances``) import none of them."""

from .advice import advice_as_it_stands
from .common import all_charts, fingerprint
from .header import scan_header
from .narrowing import narrow
from .registry import report_content
from .thermometer import thermometer_content

__all__ = [
    "advice_as_it_stands",
    "all_charts",
    "fingerprint",
    "narrow",
    "report_content",
    "scan_header",
    "thermometer_content",
]
