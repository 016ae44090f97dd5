"""The worker starts the report and analysis engines before its first task, so the
first report someone asks for is not the one that pays for starting them."""

import io
import sys

from thermometer.core.management.commands.worker import Command
from thermometer.reports import svg


def test_the_worker_warms_the_engines_before_taking_work():
    svg._render.cache_clear()
    out = io.StringIO()
    command = Command(stdout=out)
    command._warm_up()
    assert "Report engines started" in out.getvalue()
    assert svg._render.cache_info().currsize == 1  # vl-convert drew its first chart
    assert "weasyprint" in sys.modules and "scipy.stats" in sys.modules


def test_a_failing_warm_up_does_not_stop_the_worker(monkeypatch, caplog):
    from thermometer.reports import rendering

    def broken():
        raise rendering.RenderError("Pango ontbreekt")

    monkeypatch.setattr(rendering, "warm_up", broken)
    out = io.StringIO()
    Command(stdout=out)._warm_up()
    assert "Report engines started" not in out.getvalue()
    assert "warming up the report engines failed" in caplog.text
