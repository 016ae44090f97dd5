"""The Tweedaagse scan's overview and report as plain data: the household, its journey
with what the session found, the checklist with its evidence, the lights, the
priorities and the advice."""

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.journeys import services as journeys
from thermometer.journeys.models import ChecklistAnswer
from thermometer.live.models import LiveSession

from . import journey_charts, narrative
from .content import advice_as_it_stands, scan_header
from .finance_content import finances_part

PRIORITIES = 10


def journey_content(scan) -> dict:
    method = scan.method
    finances, finance_chart = finances_part(scan)
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
    pain, good = sum(s["pain"] for s in steps), sum(s["good"] for s in steps)
    header = scan_header(scan)
    introduction = [
        " ".join(
            [
                _(
                    "At the request of the municipality of %(municipality)s, %(organisation)s "
                    "carried out the %(method)s: in two days, how a household with several "
                    "questions travels through the social domain, and how the municipality "
                    "governs it."
                )
                % {
                    "municipality": header["municipality"],
                    "organisation": header["organisation"],
                    "method": header["method"],
                },
                _("The scan started on %(start)s.")
                % {"start": date_format(scan.start_date, "j F Y")},
            ]
        ),
        " ".join(
            [
                narrative.steps_sentence([step.name for step in method.steps]),
                _(
                    "On the first day a group session follows the household %(household)s step by "
                    "step through the journey; on the second day documents and interviews answer "
                    "the checklist per theme."
                )
                % {"household": household.name},
                narrative.sessions_sentence(live["sessions"], live["devices"]),
            ]
        ),
    ]
    conclusion = [
        " ".join(
            [
                ngettext(
                    "Along the %(steps)s steps of the journey the participants found %(pain)s "
                    "and %(good)s.",
                    "Along the %(steps)s steps of the journey the participants found %(pain)s "
                    "and %(good)s.",
                    len(steps),
                )
                % {
                    "steps": len(steps),
                    "pain": ngettext("%(n)s pain point", "%(n)s pain points", pain) % {"n": pain},
                    "good": ngettext("%(n)s good practice", "%(n)s good practices", good)
                    % {"n": good},
                },
                narrative.lights_sentence(lights),
            ]
        ).strip()
    ]
    if pains:
        conclusion.append(
            ngettext(
                "The pain point with the most votes (%(n)s) lies in the step %(step)s.",
                "The pain point with the most votes (%(n)s) lies in the step %(step)s.",
                pains[0]["observation"].n_votes,
            )
            % {"n": pains[0]["observation"].n_votes, "step": pains[0]["step"].name}
        )
    conclusion.append(narrative.recommendations_sentence(advice_part))
    return {
        "kind": "journey",
        "scan": header,
        "figures": {
            "sessions": live["sessions"],
            "devices": live["devices"],
            "observations": sum(s["pain"] + s["good"] for s in steps),
            "answered": len(answers),
        },
        "introduction": introduction,
        "conclusion": conclusion,
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
        "finances": finances,
        "chart": {
            "journey": journey_charts.journey(steps),
            "lights": journey_charts.lights(lights),
            **({"finances": finance_chart} if finance_chart else {}),
        },
        "filter": {},
    }
