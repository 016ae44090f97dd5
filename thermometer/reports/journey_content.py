"""The Tweedaagse scan's overview and report as plain data: the household, its journey
with what the session found, the checklist with its evidence, the lights, the
priorities and the advice."""

from django.db.models import Count
from django.utils.translation import gettext as _

from thermometer.journeys import services as journeys
from thermometer.journeys.models import ChecklistAnswer
from thermometer.live.models import LiveSession

from . import journey_charts
from .content import advice_as_it_stands, scan_header

PRIORITIES = 10


def journey_content(scan) -> dict:
    method = scan.method
    household = journeys.seed(scan)
    board = journeys.board(scan)
    steps = []
    for entry in board:
        step = entry["step"]
        steps.append(
            {
                "name": step.name,
                "description": step.description,
                "involved": step.involved,
                "systems": step.systems,
                "pain": len(entry["pain"]),
                "good": len(entry["good"]),
                "observations": [
                    {
                        "kind": o.kind,
                        "text": o.text,
                        "theme": method.themes.get(o.theme, ""),
                        "member": o.member.name if o.member else "",
                        "votes": o.n_votes,
                    }
                    for o in entry["pain"] + entry["good"]
                ],
            }
        )
    lights = [
        {
            "theme": entry["theme"],
            "name": entry["name"],
            "colour": entry["light"].colour,
            "share_yes": entry["light"].share_yes,
            "weighted": entry["light"].weighted,
            "explanation": entry["explanation"],
        }
        for entry in journeys.theme_lights(scan)
    ]
    answers = {
        (a.theme, a.item): a
        for a in ChecklistAnswer.objects.filter(scan=scan).prefetch_related(
            "sources", "codings__passage__source"
        )
    }
    checklist = []
    for key, name in method.themes.items():
        items = []
        for entry in journeys.checklist(method).get(key, []):
            answer = answers.get((key, entry["key"]))
            items.append(
                {
                    "question": entry["question"],
                    "answer": answer.get_answer_display() if answer else _("Not answered yet."),
                    "explanation": answer.explanation if answer else "",
                    "evidence": sorted(
                        {s.title for s in answer.sources.all()}
                        | {c.passage.source.title for c in answer.codings.all()}
                    )
                    if answer
                    else [],
                }
            )
        checklist.append({"theme": key, "name": name, "items": items})
    pains = journeys.priorities(board, PRIORITIES)
    live = LiveSession.objects.filter(scan=scan, kind="journey").aggregate(
        sessions=Count("id", distinct=True), devices=Count("devices")
    )
    advice_part = advice_as_it_stands(scan)
    red = [light["name"] for light in lights if light["colour"] == "red"]
    summary = [
        _("%(pain)s pain points and %(good)s good practices along %(steps)s steps of the journey.")
        % {
            "pain": sum(s["pain"] for s in steps),
            "good": sum(s["good"] for s in steps),
            "steps": len(steps),
        }
    ]
    if red:
        summary.append(_("Red themes: %(themes)s.") % {"themes": ", ".join(red)})
    if pains:
        summary.append(
            _("Most votes: “%(text)s” (%(step)s).")
            % {"text": pains[0]["observation"].text, "step": pains[0]["step"].name}
        )
    return {
        "kind": "journey",
        "scan": scan_header(scan),
        "figures": {
            "sessions": live["sessions"],
            "devices": live["devices"],
            "observations": sum(s["pain"] + s["good"] for s in steps),
            "answered": len(answers),
        },
        "summary": summary,
        "household": {
            "name": household.name,
            "description": household.description,
            "members": [
                {
                    "name": m.name,
                    "role": m.role,
                    "age": m.age,
                    "situation": m.situation,
                    "questions": [q.question for q in m.questions.all()],
                }
                for m in household.members.prefetch_related("questions")
            ],
        },
        "steps": steps,
        "lights": lights,
        "checklist": checklist,
        "priorities": [
            {
                "text": p["observation"].text,
                "step": p["step"].name,
                "votes": p["observation"].n_votes,
                "theme": method.themes.get(p["observation"].theme, ""),
            }
            for p in pains
        ],
        "advice": advice_part,
        "chart": {
            "journey": journey_charts.journey(steps),
            "lights": journey_charts.lights(lights),
        },
        "filter": {},
    }
