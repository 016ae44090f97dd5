import shutil
from pathlib import Path

import pytest
import yaml

from thermometer.methods.loader import MethodError
from thermometer.methods.models import MethodVersion
from thermometer.methods.registry import MethodChangedError, sync_method_versions
from thermometer.testing import factories

DEFINITIONS = Path(__file__).resolve().parents[1] / "definitions"


@pytest.fixture
def method_dir(tmp_path):
    target = tmp_path / "methods"
    shutil.copytree(DEFINITIONS / "thermometer", target / "thermometer")
    return target


def _rename_first_step(path: Path, name: str, version: str | None = None) -> Path:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["steps"][0]["name"] = name
    if version:
        data["version"] = version
        path = path.with_name(f"{version}.yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_all_three_methods_are_registered_after_migrate(db):
    assert set(MethodVersion.objects.values_list("slug", flat=True)) == {
        "thermometer",
        "raad_in_positie",
        "tweedaagse_scan",
    }


def test_a_used_version_is_frozen_and_a_new_version_is_added(db, method_dir):
    scan = factories.make_scan()
    original_name = scan.method.steps[0].name
    file = method_dir / "thermometer" / f"{scan.method_version.version}.yaml"
    _rename_first_step(file, "Gewijzigde scope")
    with pytest.raises(MethodChangedError) as error:
        sync_method_versions(dirs=[method_dir])
    assert "new version number" in str(error.value)

    file.unlink()
    shutil.copy(DEFINITIONS / "thermometer" / file.name, file)
    _rename_first_step(file, "Scope, herzien", version="9.0")
    sync_method_versions(dirs=[method_dir])
    scan.refresh_from_db()
    assert scan.method.steps[0].name == original_name
    assert factories.method_version().version == "9.0"
    assert factories.method_version().method.steps[0].name == "Scope, herzien"


def test_an_unused_version_follows_its_file(db, method_dir):
    file = sorted((method_dir / "thermometer").glob("*.yaml"))[-1]  # the newest version
    _rename_first_step(file, "Concept-scope")
    sync_method_versions(dirs=[method_dir])
    assert factories.method_version().method.steps[0].name == "Concept-scope"


def test_a_broken_file_stops_the_sync_with_its_name(db, method_dir):
    file = next((method_dir / "thermometer").glob("*.yaml"))
    file.write_text("slug: thermometer\nsteps: [\n", encoding="utf-8")
    with pytest.raises(MethodError) as error:
        sync_method_versions(dirs=[method_dir])
    assert "thermometer/" in str(error.value)
