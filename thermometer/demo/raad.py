"""The third demo scan: De Raad in positie for Alkmaar. Two fictitious council
documents to build on, both work sessions with fictitious members, a decided framework
and two periods of measurements. Every text and figure is written for the demo."""

import datetime
import random

from thermometer.frameworks import services as frameworks
from thermometer.frameworks.constants import SESSION_RESULTS, SESSION_VALUES, ItemStatus, Level
from thermometer.live import services as live
from thermometer.live.models import LiveParticipant
from thermometer.scans import services as scans
from thermometer.scans.models import Scan
from thermometer.sources.services import add_documents
from thermometer.sources.tasks import extract_source

from .scans import demo_scan

SLUG = "demo-raad"
MUNICIPALITY_CODE = "GM0361"  # Alkmaar

DOCUMENTS = [
    (
        "kadernota_sociaal_domein_fictief.md",
        "# Kadernota sociaal domein (fictief)\n\n"
        "*Fictief demodocument, geschreven voor de demo van Thermometer.*\n\n"
        "De raad wil dat inwoners zo lang mogelijk zelfstandig meedoen in hun eigen wijk. "
        "Wij willen dat een gezin met meerdere vragen één plan en één regisseur krijgt.\n\n"
        "Het college zorgt ervoor dat de uitgaven binnen de begroting blijven, zodat de "
        "ondersteuning ook op termijn betaalbaar is.",
    ),
    (
        "visie_samen_verder_fictief.md",
        "# Visie Samen Verder (fictief)\n\n"
        "*Fictief demodocument, geschreven voor de demo van Thermometer.*\n\n"
        "Onze ambitie is dat jongeren gezond en veilig opgroeien. Wij streven naar "
        "preventie en vroegsignalering in plaats van zware zorg achteraf.",
    ),
]
MEMBERS = ["Fractie A", "Fractie B", "Fractie C", "Fractie D", "Fractie E", "Fractie F"]
# value: (transformations, {result: [criteria]})
FRAMEWORK = {
    "Eén gezin, één plan, één regisseur": (
        ["Van loketten per domein naar één toegang per huishouden"],
        {
            "Huishoudens met meervoudige vragen hebben één plan": [
                "Bij elk huishouden met meervoudige problematiek is een regisseur aangewezen",
            ],
        },
    ),
    "Zo lang mogelijk zelfstandig meedoen": (
        ["Van zorg leveren naar eigen kracht versterken"],
        {
            "Minder inwoners zijn afhankelijk van maatwerk": [
                "Het aandeel inwoners met een Wmo-maatwerkvoorziening stijgt niet",
            ],
        },
    ),
    "Jongeren groeien gezond en veilig op": (
        ["Van zware zorg achteraf naar vroegsignalering"],
        {
            "Minder jongeren hebben jeugdzorg nodig": [
                "Het percentage jongeren met jeugdzorg daalt",
            ],
        },
    ),
}
DOTS = {
    "Eén gezin, één plan, één regisseur": 7,
    "Zo lang mogelijk zelfstandig meedoen": 6,
    "Jongeren groeien gezond en veilig op": 4,
}
PARKED = "Iedereen een baan"
# criterion: (indicator fields, [(period, value)])
INDICATORS = {
    "Bij elk huishouden met meervoudige problematiek is een regisseur aangewezen": (
        {
            "name": "Huishoudens met meervoudige vragen met een regisseur",
            "definition": "Aandeel huishoudens met vragen op twee of meer domeinen bij wie een "
            "regisseur is aangewezen, volgens de registratie van het wijkteam.",
            "unit": "%",
            "source": "own_registration",
            "norm": 90,
            "direction": "at_least",
            "frequency": "half_yearly",
        },
        [("2025-H1", 71.0), ("2025-H2", 78.5)],
    ),
    "Het aandeel inwoners met een Wmo-maatwerkvoorziening stijgt niet": (
        {
            "name": "Wmo-cliënten per 1.000 inwoners",
            "definition": "Inwoners met een Wmo-maatwerkvoorziening per 1.000 inwoners (CBS).",
            "unit": "per 1.000 inwoners",
            "source": "cbs",
            "norm": 60,
            "direction": "at_most",
            "frequency": "yearly",
            "cbs_table": "85318NED",
            "cbs_measure": "WmoClientenRelatief_90",
            "cbs_region_dimension": "WijkenEnBuurten",
            "cbs_period": "2022",
        },
        [("2024", 58.0), ("2025", 61.0)],
    ),
    "Het percentage jongeren met jeugdzorg daalt": (
        {
            "name": "Jongeren met jeugdzorg",
            "definition": "Percentage jongeren tot 18 jaar met jeugdzorg in natura (CBS).",
            "unit": "%",
            "source": "cbs",
            "norm": None,
            "direction": "lower",
            "frequency": "yearly",
            "cbs_table": "85318NED",
            "cbs_measure": "PercentageJongerenMetJeugdzorg_88",
            "cbs_region_dimension": "WijkenEnBuurten",
            "cbs_period": "2022",
        },
        [("2024", 11.8), ("2025", 11.2)],
    ),
}


def create_demo_raad(organisation, *, lead, client, today) -> Scan:
    scan = Scan.objects.filter(slug=SLUG).first()
    if scan is not None:
        return scan
    scan = demo_scan(
        organisation,
        lead=lead,
        client=client,
        slug=SLUG,
        method="raad_in_positie",
        code=MUNICIPALITY_CODE,
        title="De Raad in positie Alkmaar (demo, fictieve gegevens)",
        started=today - datetime.timedelta(days=120),
    )
    for filename, text in DOCUMENTS:
        (added,) = add_documents(scan, [(filename, text.encode())], place="beleid", user=lead)
        extract_source.call(added.source.pk)
    # Phase 1: the adviser takes what is decided into the framework.
    taken = {}
    for group in frameworks.decided_intents(scan):
        for entry in group["intents"]:
            text = entry["proposal"].text
            if "één plan" in text:
                taken["Eén gezin, één plan, één regisseur"] = frameworks.take_as_value(
                    scan,
                    text="Eén gezin, één plan, één regisseur",
                    quote=text,
                    source_title=group["source"],
                    user=lead,
                )
    _sessions(scan, lead, taken)
    for step in scan.method.steps[:4]:
        for item in step.checklist:
            scans.set_checklist_item(scan, step.key, item["key"], True, user=lead)
        scans.transition_step(scan, step.key, "complete", user=lead)
    scans.transition_step(scan, scan.method.steps[4].key, "start", user=lead)
    return scan


def _sessions(scan, lead, taken) -> None:
    """The two work sessions, then the council's decision on the framework."""
    rnd = random.Random(11)  # one sequence through both sessions
    values = _values_session(scan, lead, taken, rnd)
    _results_session(scan, lead, values, rnd)
    frameworks.decide(
        scan,
        decided_on=datetime.date.today() - datetime.timedelta(days=60),
        reference="Raadsbesluit 2026-042 (fictief)",
        user=lead,
    )


def _values_session(scan, lead, taken, rnd: random.Random) -> dict:
    """Work session 1: values proposed, dotted, chosen or parked; returns them by text."""
    first = live.open_session(
        scan, kind=SESSION_VALUES, title="Werksessie 1: waarden", votes_per_person=3, user=lead
    )
    devices = [LiveParticipant.objects.create(session=first, name=n) for n in MEMBERS]
    values = dict(taken)
    for text in [*FRAMEWORK, PARKED]:
        if text not in values:
            values[text] = frameworks.propose(
                first, rnd.choice(devices), level=Level.VALUE, text=text
            )
    for text, (transformations, _results) in FRAMEWORK.items():
        for transformation in transformations:
            frameworks.propose(
                first,
                rnd.choice(devices),
                level=Level.TRANSFORMATION,
                text=transformation,
                parent_id=values[text].pk,
            )
    for text, dots in DOTS.items():
        for device in [d for d in devices if frameworks.used_dots(first, d) < 3][:dots]:
            frameworks.toggle_dot(first, device, values[text])
    for text in FRAMEWORK:
        frameworks.set_status(values[text], ItemStatus.CHOSEN, user=lead)
    frameworks.set_status(values[PARKED], ItemStatus.PARKED, user=lead)
    live.close_session(first, user=lead)
    return values


def _results_session(scan, lead, values: dict, rnd: random.Random) -> None:
    """Work session 2: results and criteria under the chosen values, each criterion with
    its indicator and measurements."""
    second = live.open_session(
        scan,
        kind=SESSION_RESULTS,
        title="Werksessie 2: resultaten",
        votes_per_person=2,
        user=lead,
    )
    devices = [LiveParticipant.objects.create(session=second, name=n) for n in MEMBERS]
    for text, (_transformations, results) in FRAMEWORK.items():
        for result_text, criteria in results.items():
            result = frameworks.propose(
                second,
                rnd.choice(devices),
                level=Level.RESULT,
                text=result_text,
                parent_id=values[text].pk,
            )
            frameworks.set_status(result, ItemStatus.CHOSEN, user=lead)
            for criterion_text in criteria:
                criterion = frameworks.propose(
                    second,
                    rnd.choice(devices),
                    level=Level.CRITERION,
                    text=criterion_text,
                    parent_id=result.pk,
                )
                fields, measurements = INDICATORS[criterion_text]
                indicator = frameworks.add_indicator(criterion, fields, user=lead)
                for period, value in measurements:
                    frameworks.save_measurement(
                        indicator, period, value, note="Fictieve demowaarde", user=lead
                    )
    live.close_session(second, user=lead)
