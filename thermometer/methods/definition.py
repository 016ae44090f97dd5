"""Read-only access to a validated method definition (plain data)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    summary: str
    duration_days: int
    checklist: tuple[dict, ...]
    number: int

    def checklist_label(self, item_key: str) -> str:
        for item in self.checklist:
            if item["key"] == item_key:
                return item["label"]
        raise KeyError(item_key)


# How long a scan keeps personal data, counted from its start, where the method does
# not say (privacy.retention_months): the run of the method plus time to report and
# to answer questions about it. De Raad in positie is a steering cycle of two years.
RETENTION_MONTHS_BY_KIND = {"thermometer": 12, "raad_in_positie": 24, "tweedaagse_scan": 6}


class Method:
    def __init__(self, definition: dict):
        self.data = definition

    @property
    def slug(self) -> str:
        return self.data["slug"]

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def version(self) -> str:
        return self.data["version"]

    @property
    def min_group_size(self) -> int:
        return self.data.get("min_group_size", 5)

    @property
    def retention_months(self) -> int:
        own = self.data.get("privacy", {}).get("retention_months")
        return own or RETENTION_MONTHS_BY_KIND.get(self.data["kind"], 12)

    @property
    def steps(self) -> list[Step]:
        return [
            Step(
                key=step["key"],
                name=step["name"],
                summary=step.get("summary", ""),
                duration_days=step.get("duration_days", 0),
                checklist=tuple(step.get("checklist", ())),
                number=index,
            )
            for index, step in enumerate(self.data["steps"], start=1)
        ]

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def _named(self, section: str) -> dict[str, str]:
        return {entry["key"]: entry["name"] for entry in self.data.get(section, [])}

    @property
    def layers(self) -> dict[str, str]:
        """Layer key -> name, top of the chain first."""
        return self._named("layers")

    @property
    def layer_default_actor(self) -> dict[str, str]:
        return {entry["key"]: entry["actor"] for entry in self.data.get("layers", [])}

    @property
    def actors(self) -> dict[str, str]:
        return self._named("actors")

    @property
    def goals(self) -> dict[str, str]:
        return self._named("goals")

    @property
    def dimensions(self) -> dict[str, str]:
        return self._named("dimensions")

    @property
    def themes(self) -> dict[str, str]:
        return self._named("themes")
