"""Load and validate method definitions (YAML) — pure Python, no Django.

Errors name the file, the path inside it and what is wrong, e.g.
``thermometer/1.0.yaml: layers[5].actor: refers to unknown actor 'burger' ...``.
"""

import hashlib
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

SCHEMA_FILE = Path(__file__).parent / "schema.yaml"


class MethodError(Exception):
    def __init__(self, file: str, path: str, message: str):
        self.file, self.path, self.message = file, path, message
        super().__init__(f"{file}: {path}: {message}" if path else f"{file}: {message}")


@cache
def _validator() -> Draft202012Validator:
    schema = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def render_path(parts) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_method_text(text: str, source_name: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise MethodError(source_name, "", f"invalid YAML at {where}{problem}") from None
    if not isinstance(data, dict):
        raise MethodError(source_name, "", "the file must hold a mapping (key: value) at the top")
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise MethodError(source_name, render_path(error.absolute_path), error.message)
    check_semantics(data, source_name)
    return data


def load_method_file(path: Path) -> dict:
    path = Path(path)
    source_name = f"{path.parent.name}/{path.name}"
    data = load_method_text(path.read_text(encoding="utf-8"), source_name)
    if data["version"] != path.stem:
        raise MethodError(
            source_name,
            "version",
            f"version '{data['version']}' does not match the file name '{path.name}'",
        )
    if data["slug"] != path.parent.name:
        raise MethodError(
            source_name,
            "slug",
            f"slug '{data['slug']}' does not match the folder name '{path.parent.name}'",
        )
    return data


def discover_method_files(dirs) -> list[Path]:
    files = []
    for directory in dirs:
        files.extend(sorted(Path(directory).glob("*/*.yaml")))
    return files


def load_all(dirs) -> list[dict]:
    seen = {}
    methods = []
    for path in discover_method_files(dirs):
        data = load_method_file(path)
        key = (data["slug"], data["version"])
        if key in seen:
            raise MethodError(
                f"{path.parent.name}/{path.name}",
                "version",
                f"{data['slug']} {data['version']} is also defined in {seen[key]}",
            )
        seen[key] = path
        methods.append(data)
    return methods


# Semantic checks: what JSON Schema cannot say.

KEYED_SECTIONS = (
    "steps",
    "goals",
    "dimensions",
    "layers",
    "actors",
    "themes",
    "scales",
    "questionnaire_templates",
    "report_sections",
    "journey_steps",
    "framework_levels",
    "indicator_sources",
)


def _unique(items, path, source, what="key"):
    seen = set()
    for index, item in enumerate(items):
        value = item[what]
        if value in seen:
            raise MethodError(source, f"{path}[{index}].{what}", f"duplicate {what} '{value}'")
        seen.add(value)


def _known(value, known: set, path: str, source: str, what: str):
    if value not in known:
        listed = ", ".join(sorted(known)) or "none"
        raise MethodError(source, path, f"refers to unknown {what} '{value}' (known: {listed})")


def _check_keys(data: dict, source: str) -> dict[str, set]:
    """Every keyed section's keys unique; returns them per section."""
    for section in KEYED_SECTIONS:
        _unique(data.get(section, []), section, source)
    for index, step in enumerate(data["steps"]):
        _unique(step.get("checklist", []), f"steps[{index}].checklist", source)

    keys = {s: {e["key"] for e in data.get(s, [])} for s in KEYED_SECTIONS}
    for index, layer in enumerate(data.get("layers", [])):
        _known(layer["actor"], keys["actors"], f"layers[{index}].actor", source, "actor")
    return keys


def _check_scales(data: dict, source: str) -> None:
    """Option values unique; the score map maps known options into the score's range."""
    for index, scale in enumerate(data.get("scales", [])):
        _unique(scale["options"], f"scales[{index}].options", source, what="value")
        values = {option["value"] for option in scale["options"]}
        for value, score in scale.get("score_map", {}).items():
            _known(int(value), values, f"scales[{index}].score_map.{value}", source, "option")
            low, high = data["score"]["min"], data["score"]["max"]
            if not low <= score <= high:
                raise MethodError(
                    source,
                    f"scales[{index}].score_map.{value}",
                    f"score {score} lies outside {low}–{high}",
                )


def _check_traffic_lights(data: dict, source: str) -> None:
    score = data["score"]
    lights = score["traffic_lights"]
    if not score["min"] < lights["red_below"] <= lights["green_from"] <= score["max"]:
        raise MethodError(
            source,
            "score.traffic_lights",
            "thresholds must satisfy min < red_below <= green_from <= max",
        )


def _check_template_item(item: dict, path: str, keys: dict, source: str) -> None:
    for field, section in (
        ("goal", "goals"),
        ("dimension", "dimensions"),
        ("scale", "scales"),
    ):
        if field in item:
            _known(item[field], keys[section], f"{path}.{field}", source, field)
    if item["type"] == "agreement" and "scale" not in item:
        raise MethodError(source, path, "an agreement item needs a scale")
    if item["type"] in ("single_choice", "multiple_choice") and not item.get("options"):
        raise MethodError(source, path, "a choice item needs options")
    if "options_en" in item and len(item["options_en"]) != len(item.get("options", [])):
        raise MethodError(source, f"{path}.options_en", "needs one translation per option")
    if item["type"] == "reverse_check" and "goal" not in item:
        raise MethodError(source, path, "a reverse check names its goal")


def _check_questionnaire_templates(data: dict, keys: dict, source: str) -> None:
    for t_index, template in enumerate(data.get("questionnaire_templates", [])):
        base = f"questionnaire_templates[{t_index}]"
        _unique(template["items"], f"{base}.items", source)
        audience = template.get("audience", {})
        for i, layer in enumerate(audience.get("layers", [])):
            _known(layer, keys["layers"], f"{base}.audience.layers[{i}]", source, "layer")
        for i, actor in enumerate(audience.get("actors", [])):
            _known(actor, keys["actors"], f"{base}.audience.actors[{i}]", source, "actor")
        for i, item in enumerate(template["items"]):
            _check_template_item(item, f"{base}.items[{i}]", keys, source)


def _check_persona(data: dict, source: str) -> None:
    persona = data.get("persona")
    if persona:
        _unique(persona["members"], "persona.members", source)
        members = {member["key"] for member in persona["members"]}
        for i, question in enumerate(persona["help_questions"]):
            _known(
                question["member"], members, f"persona.help_questions[{i}].member", source, "member"
            )


def _check_lexicon_and_checklists(data: dict, keys: dict, source: str) -> None:
    codeable = keys["goals"] | keys["themes"] | keys["dimensions"] | keys["layers"]
    for key in data.get("suggestion_lexicon", {}):
        _known(key, codeable, f"suggestion_lexicon.{key}", source, "goal or theme")

    for theme, questions in data.get("theme_checklists", {}).items():
        _known(theme, keys["themes"], f"theme_checklists.{theme}", source, "theme")
        _unique(questions, f"theme_checklists.{theme}", source)


def _check_analysis_settings(data: dict, keys: dict, source: str) -> None:
    analysis = data.get("analysis")
    if not analysis:
        return
    lights = analysis["lights"]
    if not lights["green_below_negative"] <= lights["red_from_negative"]:
        raise MethodError(
            source, "analysis.lights", "green_below_negative must not exceed red_from_negative"
        )
    if not analysis["alignment"]["red_below"] <= analysis["alignment"]["green_from"]:
        raise MethodError(source, "analysis.alignment", "red_below must not exceed green_from")
    for theme, selectors in analysis["theme_measures"].items():
        _known(theme, keys["themes"], f"analysis.theme_measures.{theme}", source, "theme")
        for i, selector in enumerate(selectors):
            for field, section in (
                ("goals", "goals"),
                ("dimensions", "dimensions"),
                ("actors", "actors"),
            ):
                for j, key in enumerate(selector.get(field, [])):
                    path = f"analysis.theme_measures.{theme}[{i}].{field}[{j}]"
                    _known(key, keys[section], path, source, field.rstrip("s"))


def check_semantics(data: dict, source: str) -> None:
    """What JSON Schema cannot say; the checks run in this order and the first problem
    found raises."""
    keys = _check_keys(data, source)
    _check_scales(data, source)
    _check_traffic_lights(data, source)
    _check_questionnaire_templates(data, keys, source)
    _check_persona(data, source)
    _check_lexicon_and_checklists(data, keys, source)
    _check_analysis_settings(data, keys, source)
