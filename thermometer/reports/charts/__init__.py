"""The charts of the digital overview and the reports, as Vega-Lite specifications.

Pure: plain dicts in (the computed analysis of ``analysis.compute.analyse`` and a
method definition), a ``Chart`` out. One module per chart, their shared style in
``style`` and ``core.charts``. One definition per chart: the browser draws the spec with
vega-embed (``static/reports/charts.js``), the reports render the same spec to SVG on
the server (``svg.to_svg``), so screen and paper show the same numbers.

Every chart carries its own text alternative (``description``: what the chart shows,
in words, computed from the data) and a table with the same numbers (``table``), and
no meaning rests on colour alone: each mark that carries a light or a verdict has its
word beside it. Labels in the charts are formatted here (Dutch: comma decimal), not by
Vega, so they do not depend on the renderer's locale.

``method`` is anything with the named sections of ``methods.definition.Method``
(``goals``, ``actors``, ``layers``, ``themes`` as key -> name, and ``data``).
"""

from thermometer.core.charts import Chart, Table

from .journey import journey
from .journey_lights import journey_lights
from .matrix import matrix_heatmap
from .style import LINES, STEP, grade, interval, interval_header
from .theme_lights import lights_spec, theme_lights
from .thermometers import goal_grades, thermometers
from .trail_grid import (
    FOUND,
    LOST,
    NO_DOCUMENTS,
    STATED,
    STATED_FILL,
    STATED_INK,
    WEAKENED,
    trail_grid,
    trail_input,
)
from .triangle import triangle
from .whisper_chain import whisper_chain

__all__ = [
    "FOUND",
    "LINES",
    "LOST",
    "NO_DOCUMENTS",
    "STATED",
    "STATED_FILL",
    "STATED_INK",
    "STEP",
    "WEAKENED",
    "Chart",
    "Table",
    "goal_grades",
    "grade",
    "interval",
    "interval_header",
    "journey",
    "journey_lights",
    "lights_spec",
    "matrix_heatmap",
    "theme_lights",
    "thermometers",
    "trail_grid",
    "trail_input",
    "triangle",
    "whisper_chain",
]
