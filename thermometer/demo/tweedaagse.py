"""The second demo scan: a Tweedaagse scan for Hoorn. The family Hermans, a group
session with fictitious professionals, the day-2 checklist with evidence, and the
lights that follow from them. Every text is written for the demo and fictitious; the
lights are computed."""

import datetime
import random

from thermometer.advice import services as advice
from thermometer.journeys import services as journeys
from thermometer.journeys.models import JourneyStep
from thermometer.live import services as live
from thermometer.live.models import LiveParticipant
from thermometer.scans import services as scans
from thermometer.scans.models import Scan
from thermometer.sources.services import add_conversation
from thermometer.sources.tasks import extract_source

from .scans import demo_scan

SLUG = "demo-tweedaagse"
MUNICIPALITY_CODE = "GM0405"  # Hoorn

STEPS = {
    "first_question": ("Huisarts, school, buurtcentrum", "—"),
    "access": ("Wijkteam, klantcontactcentrum", "Zaaksysteem Wmo, apart systeem Jeugd"),
    "kitchen_table": ("Wijkteam, schuldhulpverlener", "Gespreksverslag in Word"),
    "decision": ("Consulent Wmo, backoffice", "Zaaksysteem Wmo"),
    "support": ("Zorgaanbieders, vrijwilligers", "Berichtenverkeer iWmo/iJw"),
    "evaluation": ("Wijkteam", "—"),
    "added_value": ("Beleid, welzijnsorganisatie", "—"),
}
DEVICES = [
    "Wijkteam 1",
    "Wijkteam 2",
    "Consulent Wmo",
    "Consulent Jeugd",
    "Backoffice",
    "Schuldhulp",
    "Klantcontact",
    "Beleid",
]
# (step, kind, text, theme, member, votes)
OBSERVATIONS = [
    (
        "first_question",
        "pain",
        "De huisarts weet niet naar wie hij het gezin moet verwijzen.",
        "communicatie_en_toegang",
        "mother",
        3,
    ),
    (
        "first_question",
        "good",
        "Het buurtcentrum kent het gezin en legt snel contact.",
        "communicatie_en_toegang",
        "",
        0,
    ),
    (
        "access",
        "pain",
        "Drie meldingen, drie loketten: Wmo, Jeugd en schulden apart.",
        "integraal_beleid",
        "",
        7,
    ),
    (
        "access",
        "pain",
        "Gegevens van Daan mogen niet met de schuldhulp worden gedeeld; niemand "
        "weet precies wat wel mag.",
        "privacy",
        "son",
        5,
    ),
    (
        "kitchen_table",
        "good",
        "Eén gesprek met het hele gezin aan tafel, met oma erbij.",
        "integraal_beleid",
        "grandmother",
        0,
    ),
    (
        "kitchen_table",
        "pain",
        "Het verslag staat in Word en is voor de consulent niet te vinden.",
        "stuurinformatie",
        "",
        4,
    ),
    (
        "decision",
        "pain",
        "De beschikking is in ambtelijke taal; het gezin begrijpt hem niet.",
        "communicatie_en_toegang",
        "father",
        4,
    ),
    (
        "decision",
        "pain",
        "Niemand ziet hoeveel budget voor huishoudelijke hulp nog over is.",
        "stuurinformatie",
        "grandmother",
        3,
    ),
    (
        "support",
        "good",
        "Vrijwilligers van de schuldhulp komen wekelijks langs.",
        "kennis",
        "father",
        0,
    ),
    (
        "support",
        "pain",
        "De aanbieder meldt pas na drie maanden dat het niet loopt.",
        "zicht_en_zeggenschap",
        "son",
        2,
    ),
    (
        "evaluation",
        "pain",
        "Er is geen evaluatie van het plan als geheel, alleen per voorziening.",
        "integraal_beleid",
        "",
        3,
    ),
    (
        "added_value",
        "good",
        "De welzijnsorganisatie draait een preventieprogramma voor jongeren.",
        "kennis",
        "son",
        0,
    ),
]
# (theme, item, answer, explanation)
CHECKLIST = [
    ("privacy", "processing_register", "yes", "Register van verwerkingen is bijgewerkt (fictief)."),
    ("privacy", "avg_compliance", "partly", "Wel afspraken met aanbieders, niet met schuldhulp."),
    ("privacy", "consent", "no", "Inwoners krijgen geen uitleg over gedeelde gegevens."),
    ("stuurinformatie", "budget_exhaustion", "no", "Uitputting alleen per kwartaal, achteraf."),
    ("stuurinformatie", "outcome_indicators", "no", "Alleen productie: aantallen en uren."),
    ("stuurinformatie", "council_reporting", "partly", "Jaarlijkse rapportage, niet op doelen."),
    ("zicht_en_zeggenschap", "contract_management", "yes", "Contractmanager spreekt aanbieders."),
    ("zicht_en_zeggenschap", "client_voice", "partly", "Cliëntenraad, geen eigen plan."),
    ("zicht_en_zeggenschap", "escalation", "yes", "Escalatieteam bestaat en werkt."),
    ("communicatie_en_toegang", "findability", "partly", "Website onduidelijk, buurtcentra goed."),
    ("communicatie_en_toegang", "plain_language", "no", "Beschikkingen op B2-niveau of hoger."),
    ("communicatie_en_toegang", "single_entry", "no", "Drie voordeuren."),
    ("kennis", "demography", "yes", "Vergrijzing is verwerkt in de inkoop."),
    ("kennis", "professional_knowledge", "yes", "Wijkteam kent de regelingen breed."),
    ("kennis", "learning", "yes", "Klachten worden per kwartaal besproken."),
    ("integraal_beleid", "one_plan", "no", "Plannen per domein."),
    ("integraal_beleid", "cross_domain_budget", "partly", "Alleen via een maatwerkfonds."),
    ("integraal_beleid", "shared_vision", "yes", "Visie sociaal domein 2024 (fictief)."),
]
INTERVIEW = (
    "Interview contractmanager sociaal domein (fictief, demo).\n\n"
    "Wij weten pas na afloop van het kwartaal hoeveel budget er is uitgegeven. "
    "De raad krijgt één keer per jaar cijfers, vooral aantallen.\n\n"
    "Met de aanbieders hebben we goede gesprekken, maar over resultaten voor inwoners "
    "spreken we weinig af."
)
RECOMMENDATIONS = [
    (
        "Eén voordeur voor alle vragen van een huishouden",
        "communicatie_en_toegang",
        "Richt één toegang in voor Wmo, Jeugd, werk en schulden, met één melding per huishouden.",
    ),
    (
        "Maandelijks zicht op budget en resultaat",
        "stuurinformatie",
        "Rapporteer maandelijks de uitputting per voorziening en meet resultaten voor inwoners.",
    ),
    (
        "Uitleg over gegevensdeling aan inwoners",
        "privacy",
        "Leg bij de melding uit welke gegevens gedeeld worden, met wie en waarom.",
    ),
]


def create_demo_tweedaagse(organisation, *, lead, client, today) -> Scan:
    scan = Scan.objects.filter(slug=SLUG).first()
    if scan is not None:
        return scan
    scan = demo_scan(
        organisation,
        lead=lead,
        client=client,
        slug=SLUG,
        method="tweedaagse_scan",
        code=MUNICIPALITY_CODE,
        title="Tweedaagse scan Hoorn (demo, fictieve gegevens)",
        started=today - datetime.timedelta(days=5),
    )
    journeys.seed(scan)
    for key, (involved, systems) in STEPS.items():
        JourneyStep.objects.filter(scan=scan, key=key).update(involved=involved, systems=systems)
    _session(scan, lead)
    _checklist(scan, lead)
    for title, theme, text in RECOMMENDATIONS:
        advice.add_recommendation(
            scan,
            {
                "title": title,
                "text": text,
                "theme": theme,
                "priority": "hoog",
                "horizon": "kort",
                "owner_layer": "beleid",
            },
            user=lead,
        )
    for step in scan.method.steps[:3]:
        for item in step.checklist:
            scans.set_checklist_item(scan, step.key, item["key"], True, user=lead)
        scans.transition_step(scan, step.key, "complete", user=lead)
    scans.transition_step(scan, scan.method.steps[3].key, "start", user=lead)
    return scan


def _session(scan, lead) -> None:
    session = live.open_session(
        scan, kind="journey", title="Klantreis familie Hermans", votes_per_person=3, user=lead
    )
    devices = [LiveParticipant.objects.create(session=session, name=n) for n in DEVICES]
    steps = {s.key: s for s in scan.journey_steps.all()}
    members = {m.key: m for m in scan.household.members.all()}
    rnd = random.Random(4)
    for step, kind, text, theme, member, votes in OBSERVATIONS:
        observation = journeys.add_observation(
            session,
            rnd.choice(devices),
            step_id=steps[step].pk,
            kind=kind,
            text=text,
            theme=theme,
            member_id=members[member].pk if member else None,
        )
        voters = [d for d in devices if journeys.used_votes(session, d) < 3]
        for device in rnd.sample(voters, min(votes, len(voters))):
            journeys.toggle_vote(session, device, observation)
    live.close_session(session, user=lead)


def _checklist(scan, lead) -> None:
    interview = add_conversation(
        scan,
        user=lead,
        kind="interview",
        title="Interview contractmanager (fictief)",
        date=scan.start_date,
        participants=[],
        notes=INTERVIEW,
    )
    extract_source.call(interview.pk)
    for theme, item, answer, explanation in CHECKLIST:
        journeys.answer_item(
            scan,
            theme,
            item,
            answer=answer,
            explanation=explanation,
            sources=[interview] if theme == "stuurinformatie" else [],
            user=lead,
        )
