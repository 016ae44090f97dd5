"""The demo's goal tree (step 2): the demo adviser takes intended effects in from the
intent sentences that the fictitious council proposal and vision state, as an adviser
would on the proposals page. The trail then follows them down the fictitious chain."""

from thermometer.goals import services

INTERPRETATIONS = {
    "self_reliance": "Wassenaar (fictief) wil dat inwoners eerst zelf en met hun netwerk "
    "oplossingen zoeken; de gemeente helpt dichtbij en licht waar dat nodig is.",
    "integrality": "Eén gezin, één plan, één regisseur: het wijkteam is de toegang voor alle "
    "vragen en houdt de regie bij meervoudige problemen.",
    "finances": "De ondersteuning blijft betaalbaar: preventie en algemene voorzieningen gaan "
    "voor maatwerk, en de gemeente stuurt op resultaat binnen het budget.",
}
# (words the proposal's sentence holds, goal, the effect as the adviser rewrote it, actor)
EFFECTS = [
    (
        "zelfstandig thuis wonen",
        "self_reliance",
        "Inwoners wonen zo lang mogelijk zelfstandig thuis, met steun van hun eigen netwerk",
        "inwoner",
    ),
    (
        "één vaste regisseur",
        "integrality",
        "Een huishouden met meerdere vragen krijgt één plan en één vaste regisseur",
        "",
    ),
    (
        "betaalbaar blijft",
        "finances",
        "De ondersteuning blijft betaalbaar en de uitgaven blijven binnen het budget",
        "",
    ),
]
# Further quotes the adviser adds to an effect already taken in.
MERGES = [
    ("regie houden over hun eigen leven", "self_reliance"),
    ("dichtbij, licht en betaalbaar", "finances"),
]


def create_demo_goal_tree(scan, *, user) -> int:
    """Interpretations and intended effects for all three goals (idempotent)."""
    if scan.intended_effects.exists():
        return 0
    for goal, text in INTERPRETATIONS.items():
        services.set_interpretation(scan, goal, text, user=user)
    proposals = services.open_proposals(scan)
    effects = {}
    for words, goal, statement, actor in EFFECTS:
        proposal = next(p for p in proposals if words in p.text)
        effects[goal] = services.answer_proposal(
            scan,
            proposal.ref,
            "accepted",
            user=user,
            statement=statement,
            goal=goal,
            actor=actor,
        )
    for words, goal in MERGES:
        proposal = next(p for p in proposals if words in p.text)
        services.answer_proposal(scan, proposal.ref, "merged", user=user, effect=effects[goal])
    return len(effects)
