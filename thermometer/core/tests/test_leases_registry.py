"""The leases fail the work of a dead worker for every kind the apps register (documents
being read, reports being rendered), with each kind's Dutch reason."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from thermometer.core import leases
from thermometer.sources.constants import SourceStatus
from thermometer.sources.models import Source
from thermometer.testing import factories


def _reading(name="documents"):
    return leases.Leased(
        name=name,
        model=Source,
        working=SourceStatus.PROCESSING,
        failed=SourceStatus.FAILED,
        reason=_("Reading stopped halfway (the background worker was interrupted). Try again."),
        task_path="thermometer.sources.tasks.extract_source",
    )


@pytest.fixture
def empty(monkeypatch):
    monkeypatch.setattr(leases, "_kinds", {})


def test_sources_and_reports_register_their_leased_work():
    assert set(leases._kinds) == {"sources", "reports"}


def test_expire_counts_every_registered_kind_and_the_tasks(db):
    assert set(leases.expire()) == {"sources", "reports", "tasks"}


def test_a_kind_registered_twice_is_refused_unless_it_is_the_same(empty):
    leases.register(_reading())
    leases.register(_reading())  # ready() run again: harmless
    with pytest.raises(ValueError, match="registered twice"):
        leases.register(leases.Leased(**{**_reading().__dict__, "task_path": "elsewhere"}))
    with pytest.raises(ValueError, match="tasks"):
        leases.register(_reading("tasks"))


def test_expire_fails_a_registered_kind_in_the_language_of_the_moment(empty, scan):
    leases.register(_reading())
    dead = factories.document(scan, name="dood.txt")
    now = timezone.now()
    Source.objects.filter(pk=dead.pk).update(
        status=SourceStatus.PROCESSING, heartbeat_at=now - datetime.timedelta(minutes=10)
    )
    with override("nl"):
        assert leases.expire(now) == {"documents": 1, "tasks": 0}
    dead.refresh_from_db()
    assert dead.status == SourceStatus.FAILED and "onderbroken" in dead.error


def test_without_registered_kinds_only_the_tasks_are_counted(empty, db):
    assert leases.expire() == {"tasks": 0}
