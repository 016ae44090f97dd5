"""Fictitious documents for every layer of the chain and two conversations, read and
coded for the demo. Written for the demo; each says so in its own text."""

import datetime
from pathlib import Path

from thermometer.coding import services as coding
from thermometer.coding.passage_analysis import thresholds_of
from thermometer.sources.services import add_conversation, add_documents
from thermometer.sources.tasks import extract_source

FOLDER = Path(__file__).parent / "documents"
DOCUMENTS = [
    ("1_raadsvoorstel_sociaal_domein.md", "raadsvoorstel", "Griffie (fictief)"),
    ("2_visie_samen_sterk.md", "visie", "College (fictief)"),
    ("3_beleidsplan_wmo_jeugd.md", "beleid", "Team sociaal domein (fictief)"),
    (
        "4_verordening_maatschappelijke_ondersteuning.md",
        "regelgeving",
        "Juridische zaken (fictief)",
    ),
    ("5_overeenkomst_ondersteuning_thuis.md", "opdracht", "Inkoop (fictief)"),
    ("6_werkinstructie_wijkteam.md", "werkinstructie", "Wijkteam (fictief)"),
]
CONVERSATIONS = [
    ("interview_wijkteam.md", "interview", "Interview wijkteam (fictief)", "uitvoering"),
    ("interview_inwoners.md", "session", "Groepsgesprek inwonerspanel (fictief)", "inwoner"),
]


def create_demo_sources(scan, *, user, today) -> int:
    """Documents and conversations, read at once and coded (idempotent)."""
    if scan.sources.exists():
        return 0
    sources = []
    for filename, place, owner in DOCUMENTS:
        (added,) = add_documents(
            scan,
            [(filename, (FOLDER / filename).read_bytes())],
            place=place,
            owner=owner,
            date=today - datetime.timedelta(days=400),
            user=user,
        )
        sources.append(added.source)
    for filename, kind, title, layer in CONVERSATIONS:
        people = list(scan.participants.filter(layer=layer)[:3])
        sources.append(
            add_conversation(
                scan,
                user=user,
                kind=kind,
                title=title,
                date=today - datetime.timedelta(days=3),
                participants=people,
                notes=(FOLDER / filename).read_text(encoding="utf-8"),
            )
        )
    for source in sources:
        extract_source.call(source.pk)
    coding.seed_codebook(scan)
    lexicon = scan.method.data.get("suggestion_lexicon", {})
    thresholds = thresholds_of(scan.method.data)
    coded = 0
    for source in scan.sources.all():
        for passage in source.passages.all():
            for suggestion in coding.open_suggestions(passage, lexicon, thresholds):
                # The demo adviser went through the suggestions and accepted these.
                coding.decide_suggestion(
                    passage,
                    user=user,
                    key=suggestion.key,
                    start=suggestion.start,
                    end=suggestion.end,
                    accepted=True,
                    assessment="-" if source.kind != "document" else "0",
                )
                coded += 1
    return coded
