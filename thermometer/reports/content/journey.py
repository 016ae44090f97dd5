"""The Tweedaagse scan's overview and report as plain data: the household, its journey
with what the session found, the checklist with its evidence, the lights, the
priorities and the advice."""

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.finances.services import analysis_if_any
from thermometer.journeys import services as journeys
from thermometer.journeys.models import ChecklistAnswer
from thermometer.live.models import LiveSession
from thermometer.reports import charts, narrative

from .advice import advice_as_it_stands
from .finances import finances_part
from .header import scan_header

PRIORITIES = 10


def _steps(board: list[dict], method) -> list[dict]:
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
    return steps


def _lights(scan) -> list[dict]:
    return [
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


def _checklist_item(entry: dict, answer) -> dict:
    return {
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


def _checklist(method, answers: dict) -> list[dict]:
    checklist = []
    for key, name in method.themes.items():
        items = [
            _checklist_item(entry, answers.get((key, entry["key"])))
            for entry in journeys.checklist(method).get(key, [])
        ]
        checklist.append({"theme": key, "name": name, "items": items})
    return checklist


def _introduction(scan, header: dict, household, live: dict) -> list[str]:
    started = _("The scan started on %(start)s.") % {"start": date_format(scan.start_date, "j F Y")}
    assignment = _(
        "At the request of the municipality of %(municipality)s, %(organisation)s "
        "carried out the %(method)s: in two days, how a household with several "
        "questions travels through the social domain, and how the municipality "
        "governs it."
    ) % {
        "municipality": header["municipality"],
        "organisation": header["organisation"],
        "method": header["method"],
    }
    days = _(
        "On the first day a group session follows the household %(household)s step by "
        "step through the journey; on the second day documents and interviews answer "
        "the checklist per theme."
    ) % {"household": household.name}
    approach = [
        narrative.steps_sentence([step.name for step in scan.method.steps]),
        days,
        narrative.sessions_sentence(live["sessions"], live["devices"]),
    ]
    return [" ".join([assignment, started]), " ".join(approach)]


def _conclusion(steps: list[dict], lights: list[dict], pains: list[dict], advice_part) -> list:
    pain, good = sum(s["pain"] for s in steps), sum(s["good"] for s in steps)
    found = ngettext(
        "Along the %(steps)s steps of the journey the participants found %(pain)s and %(good)s.",
        "Along the %(steps)s steps of the journey the participants found %(pain)s and %(good)s.",
        len(steps),
    ) % {
        "steps": len(steps),
        "pain": ngettext("%(n)s pain point", "%(n)s pain points", pain) % {"n": pain},
        "good": ngettext("%(n)s good practice", "%(n)s good practices", good) % {"n": good},
    }
    conclusion = [" ".join([found, narrative.lights_sentence(lights)]).strip()]
    if pains:
        votes = pains[0]["observation"].n_votes
        conclusion.append(
            ngettext(
                "The pain point with the most votes (%(n)s) lies in the step %(step)s.",
                "The pain point with the most votes (%(n)s) lies in the step %(step)s.",
                votes,
            )
            % {"n": votes, "step": pains[0]["step"].name}
        )
    conclusion.append(narrative.recommendations_sentence(advice_part))
    return conclusion


def _household(household) -> dict:
    return {
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
    }


def _priorities(pains: list[dict], method) -> list[dict]:
    return [
        {
            "text": p["observation"].text,
            "step": p["step"].name,
            "votes": p["observation"].n_votes,
            "theme": method.themes.get(p["observation"].theme, ""),
        }
        for p in pains
    ]


def journey_content(scan) -> dict:
    method = scan.method
    finances, finance_chart = finances_part(analysis_if_any(scan), scan.municipality.name)
    household = journeys.household(scan)
    board = journeys.board(scan)
    steps = _steps(board, method)
    lights = _lights(scan)
    answers = {
        (a.theme, a.item): a
        for a in ChecklistAnswer.objects.filter(scan=scan).prefetch_related(
            "sources", "codings__passage__source"
        )
    }
    checklist = _checklist(method, answers)
    pains = journeys.priorities(board, PRIORITIES)
    live = LiveSession.objects.filter(scan=scan, kind="journey").aggregate(
        sessions=Count("id", distinct=True), devices=Count("devices")
    )
    advice_part = advice_as_it_stands(scan)
    header = scan_header(scan)
    return {
        "kind": "journey",
        "scan": header,
        "figures": {
            "sessions": live["sessions"],
            "devices": live["devices"],
            "observations": sum(s["pain"] + s["good"] for s in steps),
            "answered": len(answers),
        },
        "introduction": _introduction(scan, header, household, live),
        "conclusion": _conclusion(steps, lights, pains, advice_part),
        "household": _household(household),
        "steps": steps,
        "lights": lights,
        "checklist": checklist,
        "priorities": _priorities(pains, method),
        "advice": advice_part,
        "finances": finances,
        "chart": {
            "journey": charts.journey(steps),
            "lights": charts.journey_lights(lights),
            **({"finances": finance_chart} if finance_chart else {}),
        },
        "filter": {},
    }
