"""The demo: a fictitious consultancy running a Thermometer for a real municipality.

Everything here except the municipality (CBS reference data) is invented for
the demo and labelled as such.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.methods.registry import sync_method_versions
from thermometer.organisations.constants import OrganisationRole
from thermometer.organisations.models import Membership, Organisation
from thermometer.participants.models import Participant
from thermometer.participants.services import add_participant
from thermometer.privacy.models import PrivacySettings
from thermometer.questionnaires.models import Response
from thermometer.scans import services
from thermometer.scans.constants import ScanRole
from thermometer.scans.models import Scan

from .advice import create_demo_advice
from .finances import create_demo_finances
from .goals import create_demo_goal_tree
from .raad import create_demo_raad
from .responses import create_demo_responses
from .scans import demo_scan
from .sources import create_demo_sources
from .tweedaagse import create_demo_tweedaagse

DEMO_SLUG = "demo-thermometer"
DEMO_PASSWORD = "thermometer-demo"
ORGANISATION = "Adviesbureau De Peiling (fictief, demo)"
MUNICIPALITY_CODE = "GM0629"  # Wassenaar: the shared policy documents are Wassenaar's

USERS = [
    ("adviseur@example.org", "Anna Jansen (demo)", OrganisationRole.ADVISER, ScanRole.LEAD_ADVISER),
    ("collega@example.org", "Bram de Boer (demo)", OrganisationRole.ADVISER, ScanRole.ADVISER),
    ("opdrachtgever@example.org", "Carla Visser (demo)", OrganisationRole.CLIENT, ScanRole.CLIENT),
]

# (layer, actor or None for the layer's default, organisation, how many)
PARTICIPANTS = [
    ("bestuur", None, "Gemeenteraad (fictief)", 5),
    ("bestuur", None, "College van B&W (fictief)", 3),
    ("visie", None, "Gemeente, strategie (fictief)", 8),
    ("beleid", None, "Gemeente, team sociaal domein (fictief)", 9),
    ("regelgeving", None, "Gemeente, juridische zaken (fictief)", 8),
    ("opdrachtgeving", None, "Gemeente, inkoop en contractbeheer (fictief)", 8),
    ("uitvoering", None, "Wijkteam Noord (fictief)", 9),
    ("uitvoering", None, "Zorgaanbieder Zorg Dichtbij (fictief)", 8),
    ("inwoner", None, "Inwonerspanel (fictief)", 30),
]

CLIENT_QUESTIONS = [
    "Komt wat de raad wil bereiken aan bij de wijkteams en aanbieders? (demo)",
    "Waar in de keten gaat de bedoeling van 'eigen kracht' verloren? (demo)",
]


def _demo_organisation() -> tuple[Organisation, dict]:
    """The fictitious consultancy with its privacy settings, and its users by scan role."""
    organisation, _created = Organisation.objects.get_or_create(name=ORGANISATION)
    users = {}
    User = get_user_model()
    for email, name, org_role, scan_role in USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
        Membership.objects.get_or_create(
            user=user,
            organisation=organisation,
            # The lead adviser also administers the (fictitious) consultancy.
            defaults={"role": org_role, "administers": scan_role == ScanRole.LEAD_ADVISER},
        )
        users[scan_role] = user
    PrivacySettings.objects.get_or_create(
        organisation=organisation,
        defaults={
            "contact": "privacy@example.org",
            "dpo": "Functionaris gegevensbescherming, fg@example.org",
        },
    )
    return organisation, users


def _add_demo_participants(scan: Scan, lead) -> None:
    method = scan.method
    for layer, actor, org, count in PARTICIPANTS:
        for _i in range(count):
            add_participant(
                scan,
                user=lead,
                name="",
                email="",
                layer=layer,
                actor=actor or method.layer_default_actor[layer],
                organisation=org,
            )


def _complete_first_step(scan: Scan, lead, client) -> None:
    """The first step ticked off and completed, the second started, with a client's comment."""
    method = scan.method
    first, second = method.steps[0], method.steps[1]
    for item in first.checklist:
        services.set_checklist_item(scan, first.key, item["key"], True, user=lead)
    services.transition_step(scan, first.key, "complete", user=lead)
    services.transition_step(scan, second.key, "start", user=lead)
    services.add_comment(
        scan,
        first.key,
        "Graag ook de toegang tot schuldhulpverlening meenemen. (demo)",
        user=client,
    )


def _fill_demo_scans(scan: Scan, organisation, users: dict, today: datetime.date) -> None:
    """The Thermometer's answers, documents, goals, finances and advice, and the other two
    methods' demo scans; each part adds only what is not there yet."""
    lead, client = users[ScanRole.LEAD_ADVISER], users[ScanRole.CLIENT]
    create_demo_responses(scan, user=lead)
    create_demo_sources(scan, user=lead, today=today)
    create_demo_goal_tree(scan, user=lead)
    create_demo_finances(scan, user=lead)
    create_demo_advice(scan, user=lead, client=client, today=today)
    create_demo_tweedaagse(organisation, lead=lead, client=client, today=today)
    create_demo_raad(organisation, lead=lead, client=client, today=today)


@transaction.atomic
def load_demo(today: datetime.date | None = None) -> Scan:
    sync_method_versions()
    organisation, users = _demo_organisation()
    today = today or datetime.date.today()
    scan = Scan.objects.filter(slug=DEMO_SLUG).first()
    if scan is not None:
        _fill_demo_scans(scan, organisation, users, today)
        return scan
    lead = users[ScanRole.LEAD_ADVISER]
    scan = demo_scan(
        organisation,
        lead=lead,
        client=users[ScanRole.CLIENT],
        slug=DEMO_SLUG,
        method="thermometer",
        code=MUNICIPALITY_CODE,
        title="Thermometer sociaal domein Wassenaar (demo, fictieve gegevens)",
        started=today - datetime.timedelta(days=7),
        client_questions=CLIENT_QUESTIONS,
    )
    services.add_member(scan, users[ScanRole.ADVISER], ScanRole.ADVISER, user=lead)
    _add_demo_participants(scan, lead)
    _complete_first_step(scan, lead, users[ScanRole.CLIENT])
    _fill_demo_scans(scan, organisation, users, today)
    return scan


def demo_summary(scan) -> str:
    """What ``manage.py load_demo`` prints, in the language of the interface (Dutch)."""
    participants = Participant.objects.filter(scan=scan).count()
    responses = Response.objects.filter(questionnaire__scan=scan).count()
    sources = scan.sources.count()
    lines = [
        _("Demo scan “%(slug)s”: %(title)s, with %(participants)s, %(responses)s and %(sources)s.")
        % {
            "slug": scan.slug,
            "title": scan.title,
            "participants": ngettext("%(n)s participant", "%(n)s participants", participants)
            % {"n": participants},
            "responses": ngettext(
                "%(n)s fictitious questionnaire response",
                "%(n)s fictitious questionnaire responses",
                responses,
            )
            % {"n": responses},
            "sources": ngettext(
                "%(n)s fictitious document or conversation",
                "%(n)s fictitious documents and conversations",
                sources,
            )
            % {"n": sources},
        },
        _(
            "Demo scan “demo-tweedaagse”: a Tweedaagse scan for Hoorn with the family Hermans "
            "(fictitious)."
        ),
        _(
            "Demo scan “demo-raad”: De Raad in positie for Alkmaar, a decided framework with "
            "two periods of measurements (fictitious)."
        ),
        _("Demo sign-ins (the password of each: %(password)s):") % {"password": DEMO_PASSWORD},
    ]
    for email, _name, _org_role, scan_role in USERS:
        lines.append(f"  {email:28} {scan_role.label}")
    return "\n".join(str(line) for line in lines)
