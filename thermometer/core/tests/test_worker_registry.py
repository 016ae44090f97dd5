"""The worker runs what the apps register with it: their warm-ups before its first task
and their daily housekeeping, without the core importing any of them."""

import io

import pytest

from thermometer.core import worker
from thermometer.core.management.commands.worker import Command


@pytest.fixture
def empty(monkeypatch):
    monkeypatch.setattr(worker, "_warm_ups", {})
    monkeypatch.setattr(worker, "_daily", {})


def test_the_apps_register_their_warm_ups_and_their_daily_round():
    assert set(worker._warm_ups) == {"analysis", "reports"}
    assert set(worker._daily) == {"privacy"}


def test_warm_ups_and_daily_rounds_run_in_the_order_registered(empty):
    ran = []
    worker.register_warm_up("first", lambda: ran.append("first"))
    worker.register_warm_up("second", lambda: ran.append("second"))
    worker.register_daily("round", lambda: ran.append("round"))
    worker.warm_up()
    assert ran == ["first", "second"]
    worker.run_daily()
    assert ran == ["first", "second", "round"]


def test_one_name_registered_twice_is_refused_unless_it_is_the_same_function(empty):
    def run():
        pass

    worker.register_warm_up("reports", run)
    worker.register_warm_up("reports", run)  # ready() run again: harmless
    worker.register_daily("reports", lambda: None)  # another table, another name space
    with pytest.raises(ValueError, match="registered twice"):
        worker.register_warm_up("reports", lambda: None)
    with pytest.raises(ValueError, match="registered twice"):
        worker.register_daily("reports", lambda: None)


def test_a_failing_warm_up_is_logged_and_the_worker_starts_regardless(empty, caplog):
    def broken():
        raise RuntimeError("engine missing")

    ran = []
    worker.register_warm_up("broken", broken)
    worker.register_warm_up("later", lambda: ran.append("later"))
    out = io.StringIO()
    Command(stdout=out)._warm_up()
    # The one that failed is named; the others still ran.
    assert ran == ["later"] and "Report engines started" not in out.getvalue()
    assert "warming up the report engines failed: broken" in caplog.text
    assert "worker warm-up 'broken' failed" in caplog.text and "engine missing" in caplog.text


def test_a_failing_daily_round_keeps_the_other_rounds_running(empty, caplog):
    def broken():
        raise RuntimeError("disk full")

    ran = []
    worker.register_daily("broken", broken)
    worker.register_daily("later", lambda: ran.append("later"))
    assert worker.run_daily() == ["broken"]
    assert ran == ["later"]
    assert "daily housekeeping 'broken' failed" in caplog.text


def test_the_daily_round_is_privacys_housekeeping(monkeypatch):
    from thermometer.privacy import housekeeping

    ran = []
    monkeypatch.setattr(housekeeping, "run", lambda: ran.append("housekeeping"))
    worker.run_daily()
    assert ran == ["housekeeping"]
