"""What the privacy statement (article 13 GDPR) and the processing record (article 30)
say about a scan, filled from the organisation's privacy settings, the method and
the scan. Plain data; the templates and the spreadsheet writer show it."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thermometer.scans.constants import ScanRole
from thermometer.scans.retention import retention_ends

from .models import PrivacySettings

PURPOSES = {
    "thermometer": gettext_lazy(
        "The study “%(title)s”: how the social-domain policy of %(municipality)s works out "
        "in practice, from the council to the front line, so that the municipality can "
        "improve it."
    ),
    "raad_in_positie": gettext_lazy(
        "The study “%(title)s”: helping the council of %(municipality)s set and follow "
        "its own steering framework for the social domain."
    ),
    "tweedaagse_scan": gettext_lazy(
        "The study “%(title)s”: following a household's journey through the care process "
        "of %(municipality)s to see where it gets stuck."
    ),
}

LEGAL_BASIS = {
    "consent": gettext_lazy(
        "Your consent (article 6(1)(a) GDPR). You may withdraw it at any time; what was "
        "done before stays lawful."
    ),
    "public_task": gettext_lazy(
        "A task in the public interest of the municipality (article 6(1)(e) GDPR)."
    ),
}


def settings_of(organisation) -> PrivacySettings:
    return PrivacySettings.objects.filter(organisation=organisation).first() or PrivacySettings(
        organisation=organisation
    )


def facts(scan) -> dict:
    """The statement's facts for ``scan``."""
    own = settings_of(scan.organisation)
    kind = scan.method_version.kind
    purpose = PURPOSES.get(kind, PURPOSES["thermometer"]) % {
        "title": scan.title,
        "municipality": scan.municipality.name,
    }
    ends = retention_ends(scan)
    return {
        "controller": own.controller
        or _("Municipality of %(name)s") % {"name": scan.municipality.name},
        "performed_by": scan.organisation.name,
        "contact": own.contact,
        "dpo": own.dpo,
        "purpose": purpose,
        "legal_basis": str(LEGAL_BASIS[own.legal_basis]),
        "retention_months": scan.retention_months,
        "retention_ends": ends,
        "retention_ends_text": date_format(ends, "j F Y"),
        "min_group_size": scan.method.min_group_size,
        "complete": bool(own.contact),
    }


def _recipients(scan) -> str:
    """Who receives the personal data: the scan's advisers, and what the client sees."""
    team = scan.members.values_list("role", flat=True)
    advisers = sum(role in (ScanRole.LEAD_ADVISER, ScanRole.ADVISER) for role in team)
    recipients = _("The scan's team (%(count)s advisers) of %(organisation)s.") % {
        "count": advisers,
        "organisation": scan.organisation.name,
    }
    if scan.client_sees_personal_data:
        recipients += " " + _("The client on the team sees names, transcripts and codings.")
    else:
        recipients += " " + _("The client sees results only, without names or transcripts.")
    return recipients


def _retention(f: dict) -> str:
    return _(
        "%(months)s months from the start; on %(date)s names, contact details, links, "
        "free text and transcripts are deleted or made anonymous automatically. "
        "Results in groups of at least %(size)s stay."
    ) % {
        "months": f["retention_months"],
        "date": f["retention_ends_text"],
        "size": f["min_group_size"],
    }


def register_rows(scan) -> list[tuple[str, str]]:
    """The scan's entry in the processing register (article 30(1) GDPR), as rows of
    (heading, text)."""
    f = facts(scan)
    recipients = _recipients(scan)
    return [
        (_("Processing"), scan.title),
        (_("Controller"), f["controller"]),
        (_("Carried out by"), f["performed_by"]),
        (_("Contact"), f["contact"] or _("not filled in")),
        (_("Data protection officer"), f["dpo"] or _("not filled in")),
        (_("Purpose"), f["purpose"]),
        (_("Legal basis"), f["legal_basis"]),
        (
            _("People concerned"),
            _(
                "Participants in the policy chain (council members, policy officers, contract "
                "managers, professionals), respondents of questionnaires, people in live "
                "sessions and interviews."
            ),
        ),
        (
            _("Personal data"),
            _(
                "Name, e-mail address and organisation where the adviser adds them; layer and "
                "role; answers to questionnaires, including free text; remarks in the feedback "
                "round; interview and group-session transcripts; the name a device chooses in a "
                "live session; the moment of consent."
            ),
        ),
        (_("Recipients"), recipients),
        (_("Transfer outside the EU"), _("None by the product.")),
        (_("Retention"), _retention(f)),
        (
            _("Security measures"),
            _(
                "Access per organisation and per scan role; names only for those who need "
                "them; pseudonyms in exports and reports; two-step sign-in; lockout after "
                "failed sign-ins; personal links that cannot be guessed; a security log of "
                "sign-ins and of every view or download of personal data; encrypted "
                "connections; backups under the same rules."
            ),
        ),
    ]


def held_for(kind: str) -> list[str]:
    """What is kept about someone who takes part by ``kind`` (questionnaire, feedback,
    live)."""
    if kind == "live":
        return [
            _("What you write and vote in the session, shown without your name."),
            _("The name or role you choose when you join, if any."),
        ]
    lines = [
        _("Your personal link and a code instead of your name."),
        _("Your group in the study (for example policy or front line) and your role."),
    ]
    if kind == "feedback":
        lines.append(_("Your reactions to the advice: your support, what you need, and remarks."))
    else:
        lines += [
            _("Your answers, including what you write in your own words."),
            _("When you agreed to take part."),
        ]
    lines.append(_("Your name and e-mail address only if the researchers used them to invite you."))
    return lines
