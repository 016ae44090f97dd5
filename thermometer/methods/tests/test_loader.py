"""The method files load, and every kind of mistake in one is reported with its place."""

from pathlib import Path

import pytest
import yaml

from thermometer.methods.loader import (
    MethodError,
    checksum,
    load_all,
    load_method_file,
    load_method_text,
)

DEFINITIONS = Path(__file__).resolve().parents[1] / "definitions"
THERMOMETER = DEFINITIONS / "thermometer" / "1.0.yaml"


def _definition(path=THERMOMETER) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _error(data: dict) -> MethodError:
    with pytest.raises(MethodError) as caught:
        load_method_text(yaml.safe_dump(data, allow_unicode=True), "thermometer/1.0.yaml")
    return caught.value


def test_the_three_methods_load():
    methods = {m["slug"]: m for m in load_all([DEFINITIONS])}
    assert set(methods) == {"thermometer", "raad_in_positie", "tweedaagse_scan"}
    thermometer = methods["thermometer"]
    assert [s["name"] for s in thermometer["steps"]] == [
        "Scope",
        "Doelen",
        "Driehoek",
        "Matrix",
        "Terugkoppelronde",
        "Bespreking",
        "Presentatie",
    ]
    assert [g["name"] for g in thermometer["goals"]] == [
        "Eigen kracht",
        "Integraliteit",
        "Financiën",
    ]
    assert [layer["key"] for layer in thermometer["layers"]] == [
        "bestuur",
        "visie",
        "beleid",
        "regelgeving",
        "opdrachtgeving",
        "uitvoering",
        "inwoner",
    ]
    assert [d["key"] for d in thermometer["dimensions"]] == [
        "effect",
        "policy",
        "assignment",
        "service",
    ]
    assert len(thermometer["themes"]) == 6
    assert methods["tweedaagse_scan"]["persona"]["name"] == "Familie Hermans"
    assert set(methods["tweedaagse_scan"]["theme_checklists"]) == {
        t["key"] for t in methods["tweedaagse_scan"]["themes"]
    }
    assert [lvl["key"] for lvl in methods["raad_in_positie"]["framework_levels"]] == [
        "value",
        "transformation",
        "result",
        "criterion",
        "indicator",
    ]


def test_thermometer_questionnaires_cover_every_goal_and_dimension_with_a_reverse_check():
    thermometer = _definition()
    for template in thermometer["questionnaire_templates"]:
        reverse = {i["goal"] for i in template["items"] if i["type"] == "reverse_check"}
        assert reverse == {"self_reliance", "integrality", "finances"}, template["key"]
    gemeente = next(t for t in thermometer["questionnaire_templates"] if t["key"] == "gemeente")
    covered = {(i["goal"], i["dimension"]) for i in gemeente["items"] if i["type"] == "agreement"}
    assert len(covered) == 3 * 4


def test_yaml_syntax_error_names_file_and_line():
    with pytest.raises(MethodError) as caught:
        load_method_text("slug: thermometer\nsteps: [\n  - a\n", "thermometer/1.0.yaml")
    assert str(caught.value).startswith("thermometer/1.0.yaml: invalid YAML at line")


def test_schema_violation_names_the_path():
    data = _definition()
    del data["steps"][1]["name"]
    error = _error(data)
    assert error.path == "steps[1]" and "'name' is a required property" in error.message
    data = _definition()
    data["min_group_size"] = "vijf"
    assert _error(data).path == "min_group_size"


def test_a_typo_in_a_key_is_caught():
    data = _definition()
    data["steps"][0]["checklst"] = []
    assert _error(data).path == "steps[0]"


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (
            lambda d: d["layers"][5].update(actor="burger"),
            "layers[5].actor",
            "unknown actor 'burger'",
        ),
        (lambda d: d["steps"][1].update(key="scope"), "steps[1].key", "duplicate key 'scope'"),
        (
            lambda d: d["questionnaire_templates"][0]["items"][0].update(goal="geluk"),
            "questionnaire_templates[0].items[0].goal",
            "unknown goal 'geluk'",
        ),
        (
            lambda d: d["score"]["traffic_lights"].update(red_below=8, green_from=6),
            "score.traffic_lights",
            "thresholds",
        ),
        (
            lambda d: d["scales"][0]["score_map"].update({"5": 11}),
            "scales[0].score_map.5",
            "outside",
        ),
        (
            lambda d: d["steps"][0]["checklist"].append(dict(d["steps"][0]["checklist"][0])),
            "steps[0].checklist[6].key",
            "duplicate key",
        ),
    ],
)
def test_semantic_mistakes_name_their_place(mutate, path, words):
    data = _definition()
    mutate(data)
    error = _error(data)
    assert error.path == path
    assert words in error.message


def test_version_and_slug_must_match_the_file(tmp_path):
    folder = tmp_path / "thermometer"
    folder.mkdir()
    data = _definition()
    data["version"] = "2.0"
    (folder / "1.0.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(MethodError, match="does not match the file name"):
        load_method_file(folder / "1.0.yaml")
    data["version"] = "1.0"
    wrong = tmp_path / "thermometre"
    wrong.mkdir()
    (wrong / "1.0.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(MethodError, match="does not match the folder name"):
        load_method_file(wrong / "1.0.yaml")


def test_the_same_version_twice_is_refused(tmp_path):
    for root in ("a", "b"):
        folder = tmp_path / root / "thermometer"
        folder.mkdir(parents=True)
        (folder / "1.0.yaml").write_text(THERMOMETER.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(MethodError, match="also defined in"):
        load_all([tmp_path / "a", tmp_path / "b"])


def test_checksum_is_stable_and_content_sensitive():
    text = THERMOMETER.read_text(encoding="utf-8")
    assert checksum(text) == checksum(text)
    assert checksum(text) != checksum(text + "\n")
