"""A restore asks the apps what it must know of them: when to refuse, which seeded rows
to clear first and what to make again after it."""

import pytest

from thermometer.core import backup, restoring
from thermometer.methods.models import MethodVersion
from thermometer.municipalities.models import Municipality


@pytest.fixture
def empty(monkeypatch):
    monkeypatch.setattr(restoring, "_guards", {})
    monkeypatch.setattr(restoring, "_seeded", {})
    monkeypatch.setattr(restoring, "_after", {})


def test_the_apps_register_their_parts_of_a_restore():
    assert set(restoring._guards) == {"scans"}
    assert set(restoring._seeded) == {"methods", "municipalities"}
    assert set(restoring._after) == {"indexed_passages"}


def test_a_guard_that_holds_refuses_with_its_message(empty):
    held = {"x": False}
    restoring.refuse_when("things", lambda: held["x"], "Er zijn al dingen.")
    assert restoring.refusal() is None
    held["x"] = True
    assert restoring.refusal() == "Er zijn al dingen."


def test_seeded_rows_are_cleared_and_after_steps_fill_the_manifest(empty):
    ran = []
    restoring.clear_seeded("a", lambda: ran.append("a"))
    restoring.clear_seeded("b", lambda: ran.append("b"))
    restoring.after_restore("indexed", lambda: 7)
    restoring.clear_seeded_rows()
    assert ran == ["a", "b"]
    assert restoring.finish() == {"indexed": 7}


def test_one_name_registered_twice_is_refused_unless_it_is_the_same(empty):
    def holds():
        return False

    restoring.refuse_when("scans", holds, "Vol.")
    restoring.refuse_when("scans", holds, "Vol.")  # ready() run again: harmless
    with pytest.raises(ValueError, match="registered twice"):
        restoring.refuse_when("scans", holds, "Anders.")
    restoring.clear_seeded("methods", holds)
    with pytest.raises(ValueError, match="registered twice"):
        restoring.clear_seeded("methods", lambda: None)
    restoring.after_restore("indexed", holds)
    with pytest.raises(ValueError, match="registered twice"):
        restoring.after_restore("indexed", lambda: 0)


def test_a_database_with_a_scan_is_refused_in_dutch(scan, tmp_path):
    with pytest.raises(backup.BackupError, match="bevat al scans"):
        backup.restore(tmp_path / "niet-nodig.tar.gz")


def test_the_seeded_methods_and_municipalities_are_cleared(db):
    assert MethodVersion.objects.exists() and Municipality.objects.exists()
    restoring.clear_seeded_rows()
    assert not MethodVersion.objects.exists() and not Municipality.objects.exists()


def test_after_a_restore_the_search_index_is_rebuilt(scan):
    from thermometer.sources.models import Passage
    from thermometer.testing import factories

    factories.document(scan)
    assert restoring.finish() == {"indexed_passages": Passage.objects.count()}
