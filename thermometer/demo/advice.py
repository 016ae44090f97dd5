"""Steps 4 to 7 of the demo scan: findings with evidence, a concept advice, a finished
feedback round with real dissent and what was done with it, the discussion with the
client, and the final advice as it was presented. All words are written for the demo
(fictitious); every figure is computed from the demo's data."""

import datetime
import random

from django.utils import timezone

from thermometer.advice import services as advice
from thermometer.advice.reading import consolidation_for
from thermometer.coding.constants import Assessment
from thermometer.coding.models import Coding
from thermometer.findings import services as findings
from thermometer.scans import services as scans

# (key, title, text, goal, theme, priority, horizon, owner layer)
RECOMMENDATIONS = [
    (
        "contracts",
        "Zet de bedoeling in de contracten",
        "Neem in de overeenkomsten met aanbieders op waartoe de ondersteuning dient: "
        "inwoners wonen zo lang mogelijk zelfstandig thuis, met hun eigen netwerk. "
        "Stuur op dat resultaat in plaats van op geleverde uren.",
        "self_reliance",
        "",
        "hoog",
        "middellang",
        "opdrachtgeving",
    ),
    (
        "director",
        "Eén vaste regisseur bij meervoudige vragen",
        "Wijs bij elk huishouden met meerdere vragen één vaste regisseur aan en leg dat "
        "vast in de verordening en de werkinstructie van het wijkteam.",
        "integrality",
        "",
        "hoog",
        "kort",
        "regelgeving",
    ),
    (
        "registration",
        "Registreer per huishouden in één systeem",
        "Registreer alle ondersteuning per huishouden in één systeem, zodat wijkteam, "
        "consulenten en backoffice hetzelfde plan zien.",
        "",
        "stuurinformatie",
        "midden",
        "lang",
        "uitvoering",
    ),
    (
        "budget",
        "Maandelijks zicht op budgetuitputting",
        "Rapporteer de budgetuitputting maandelijks per voorziening aan college en raad, "
        "met de effecten ernaast.",
        "finances",
        "",
        "midden",
        "kort",
        "beleid",
    ),
]
# Per recommendation, per layer: how the fictitious participants react (support levels
# drawn from these weights, 5..1) and what those who cannot go along need.
REACTIONS = {
    "registration": {
        "uitvoering": (
            [1, 2, 2, 3, 3],
            "Nog een systeem erbij kost ons tijd met de inwoner. Eerst één systeem dat "
            "werkt, en tijd om het te leren.",
        ),
        "inwoner": (
            [3, 3, 2, 1, 1],
            "Ik wil weten wie mijn gegevens ziet en daar zelf iets over te zeggen hebben.",
        ),
    },
    "contracts": {
        "opdrachtgeving": (
            [1, 2, 2, 3, 2],
            "Resultaatafspraken vragen een overgangsperiode en ander contractbeheer.",
        ),
    },
}
DEFAULT_WEIGHTS = [4, 5, 2, 0, 0]
CHANGES = {
    "registration": (
        "Registreer alle ondersteuning per huishouden in één systeem, zodat wijkteam, "
        "consulenten en backoffice hetzelfde plan zien. Vervang daarbij bestaande systemen "
        "in plaats van er een toe te voegen, en leg inwoners uit wie hun gegevens ziet."
    ),
    "contracts": (
        "Neem in de overeenkomsten met aanbieders op waartoe de ondersteuning dient: "
        "inwoners wonen zo lang mogelijk zelfstandig thuis, met hun eigen netwerk. "
        "Stuur op dat resultaat in plaats van op geleverde uren, na een overgangsjaar."
    ),
}
MINORITY = {
    ("registration", "uitvoering"): (
        "Geen extra systeem, en tijd om het nieuwe te leren.",
        "partly",
        "het advies vervangt nu bestaande systemen; scholingstijd is aan de gemeente gelaten",
    ),
    ("registration", "inwoner"): (
        "Weten wie hun gegevens ziet en daar zeggenschap over hebben.",
        "taken_in",
        "uitleg aan inwoners over wie hun gegevens ziet is in het advies opgenomen",
    ),
    ("contracts", "opdrachtgeving"): (
        "Een overgangsperiode voor resultaatafspraken.",
        "taken_in",
        "het advies noemt nu een overgangsjaar",
    ),
}


def _findings(scan, user) -> dict:
    """Candidate findings from the trail taken over, one finding on the inwoner cell
    with coded passages as evidence, and one on stuurinformatie."""
    made = {}
    for candidate in findings.trail_candidates(scan):
        finding = findings.accept_candidate(scan, candidate["effect"], user=user)
        made[candidate["effect"].goal] = finding
    negative = Coding.objects.filter(
        code__scan=scan, assessment=Assessment.NEGATIVE, passage__source__kind="session"
    ).select_related("code", "passage__source")
    residents = findings.add_finding(
        scan,
        subject="cell",
        goal="self_reliance",
        actor="inwoner",
        text="Inwoners weten niet waar ze terecht kunnen en voelen zich van loket naar "
        "loket gestuurd. (demo)",
        user=user,
    )
    for coding in negative[:2]:
        findings.link_coding(residents, coding, user=user)
    made["residents"] = residents
    steering = findings.add_finding(
        scan,
        subject="theme",
        theme="stuurinformatie",
        text="Wijkteam en backoffice registreren in verschillende systemen; niemand ziet "
        "het hele plan van een huishouden. (demo)",
        user=user,
    )
    findings.link_quote(
        steering,
        "We zien pas bij de beschikking wat de backoffice heeft vastgelegd.",
        "Interview wijkteam (fictief)",
        user=user,
    )
    made["steering"] = steering
    findings.save_actions(
        scan,
        "self_reliance",
        "gemeente",
        "Inkoop en beleid schrijven samen de bedoeling in het volgende contract. (demo)",
        user=user,
    )
    return made


def _basis(key, made) -> list:
    return {
        "contracts": [made.get("self_reliance")],
        "director": [made.get("integrality")],
        "registration": [made.get("steering")],
        "budget": [made.get("finances")],
    }[key]


def _reactions(feedback_round, keys: dict, rnd: random.Random) -> None:
    invitations = list(feedback_round.invitations.order_by("participant__number"))
    for index, invitation in enumerate(invitations):
        if index % 5 == 4:  # about one in five never reacts
            continue
        for key, uuid in keys.items():
            weights, need = REACTIONS.get(key, {}).get(invitation.layer, (DEFAULT_WEIGHTS, ""))
            support = rnd.choices([5, 4, 3, 2, 1], weights=weights)[0]
            advice.save_feedback(
                invitation,
                uuid,
                support=support,
                needs=need if support < 3 else "",
                comment="",
            )
        advice.submit_feedback(invitation)


def _complete_steps(scan, user) -> None:
    for step in scan.method.steps:
        state = scan.step_states.get(step_key=step.key).status
        if state == "done":
            continue
        for item in step.checklist:
            scans.set_checklist_item(scan, step.key, item["key"], True, user=user)
        if state == "not_started":
            scans.transition_step(scan, step.key, "start", user=user)
        scans.transition_step(scan, step.key, "complete", user=user)


def _add_recommendations(scan, user, made: dict) -> dict:
    """The concept recommendations by key, each on the findings it rests on."""
    recommendations = {}
    for key, title, text, goal, theme, priority, horizon, owner in RECOMMENDATIONS:
        recommendations[key] = advice.add_recommendation(
            scan,
            {
                "title": title,
                "text": text,
                "goal": goal,
                "theme": theme,
                "priority": priority,
                "horizon": horizon,
                "owner_layer": owner,
            },
            user=user,
            findings=[f for f in _basis(key, made) if f is not None],
        )
    return recommendations


def _hold_feedback_round(scan, user, recommendations: dict):
    """The concept frozen, its feedback round opened, answered and closed."""
    concept = advice.freeze(scan, user=user, note="Concept voor de terugkoppelronde (demo)")
    feedback_round = advice.open_round(
        concept, deadline=timezone.now() + datetime.timedelta(days=14), user=user
    )
    _reactions(
        feedback_round, {k: str(r.uuid) for k, r in recommendations.items()}, random.Random(7)
    )
    advice.close_round(feedback_round, user=user)
    return feedback_round


def _record_minorities(scan, feedback_round, recommendations: dict, user) -> None:
    """What was done with each dissenting group the consolidation shows."""
    layers = scan.method.layers

    shown = {
        (item["recommendation"]["uuid"], row["label"])
        for item in consolidation_for(feedback_round, scan)
        for row in item["minority"]
    }
    for (key, layer), (view, decision, reason) in MINORITY.items():
        uuid = str(recommendations[key].uuid)
        group = next((g for u, g in shown if u == uuid and layers[layer] in g), None)
        if group is None:
            continue
        advice.record_minority(
            scan,
            recommendation=uuid,
            group=group,
            view=view,
            decision=decision,
            reason=reason,
            feedback_round=feedback_round,
            user=user,
        )


def _apply_changes(recommendations: dict, user) -> None:
    """The recommendations rewritten after the feedback round."""
    for key, text in CHANGES.items():
        rec = recommendations[key]
        rec.refresh_from_db()
        advice.update_recommendation(
            rec,
            {**{f: getattr(rec, f) for f in advice.EDITABLE}, "text": text},
            revision=rec.revision,
            user=user,
            findings=list(rec.findings.all()),
        )


def _discuss_and_present(scan, recommendations: dict, *, user, client, today) -> None:
    """The discussion with the client, the final advice and its presentation."""
    advice.add_discussion_note(
        scan,
        date=today - datetime.timedelta(days=2),
        text="Besproken met de wethouder en de teamleider sociaal domein (fictief). De "
        "opdrachtgever herkent het verlies van de bedoeling in de contracten.",
        decisions="De gemeente neemt de bedoeling op bij de herinkoop van 2027; de "
        "registratie wordt onderdeel van het informatieplan. (demo)",
        recommendations=[recommendations["contracts"], recommendations["registration"]],
        user=client,
    )
    advice.freeze(scan, user=user, final=True, note="Definitief advies (demo)")
    advice.record_presentation(
        scan,
        kind="symposium",
        date=today,
        audience="Raad, college, wijkteams en aanbieders (fictief)",
        notes="Het advies is gepresenteerd op een symposium met alle deelnemers. (demo)",
        user=user,
    )


def create_demo_advice(scan, *, user, client, today) -> int:
    """The whole advice cycle of the demo (idempotent)."""
    if scan.recommendations.exists():
        return 0
    made = _findings(scan, user)
    recommendations = _add_recommendations(scan, user, made)
    feedback_round = _hold_feedback_round(scan, user, recommendations)
    _record_minorities(scan, feedback_round, recommendations, user)
    _apply_changes(recommendations, user)
    _discuss_and_present(scan, recommendations, user=user, client=client, today=today)
    _complete_steps(scan, user)
    return len(recommendations)
