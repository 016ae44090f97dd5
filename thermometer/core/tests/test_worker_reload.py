"""With db_worker reloading on code changes (DEBUG), the reloading parent only starts the
child: the warm-up, the lease watcher and the daily housekeeping run once, in the child."""

import io

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from thermometer.core.management.commands import worker as command


def test_only_the_reloading_parent_is_told_apart(settings, monkeypatch):
    monkeypatch.delenv(DJANGO_AUTORELOAD_ENV, raising=False)
    settings.DEBUG = True
    assert command._reloader_parent([])
    assert not command._reloader_parent(["--no-reload"])
    monkeypatch.setenv(DJANGO_AUTORELOAD_ENV, "true")  # the child
    assert not command._reloader_parent([])
    monkeypatch.delenv(DJANGO_AUTORELOAD_ENV)
    settings.DEBUG = False
    assert not command._reloader_parent([])
    assert command._reloader_parent(["--reload"])


def test_the_parent_starts_db_worker_and_does_no_work_itself(settings, monkeypatch):
    monkeypatch.delenv(DJANGO_AUTORELOAD_ENV, raising=False)
    settings.DEBUG = True
    calls = []
    monkeypatch.setattr(command, "call_command", lambda *a: calls.append(a))
    monkeypatch.setattr(command, "expire", lambda: calls.append("expire"))
    monkeypatch.setattr(command.worker, "warm_up", lambda: calls.append("warm_up") or [])
    command.Command(stdout=io.StringIO()).handle(worker_args=["--queue-name", "default"])
    assert calls == [("db_worker", "--queue-name", "default")]


def test_the_child_does_the_work(settings, monkeypatch):
    monkeypatch.setenv(DJANGO_AUTORELOAD_ENV, "true")
    settings.DEBUG = True
    calls = []
    monkeypatch.setattr(command, "call_command", lambda *a: calls.append(a))
    monkeypatch.setattr(command, "expire", lambda: calls.append("expire") or {})
    monkeypatch.setattr(command.worker, "warm_up", lambda: calls.append("warm_up") or [])
    command.Command(stdout=io.StringIO()).handle(worker_args=[])
    assert calls == ["expire", "warm_up", ("db_worker",)]
