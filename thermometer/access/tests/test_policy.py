"""The permission layer on its own: what each role may do (one table), who has which role
on a scan, which scans and sources a person sees, and that a scan of another
organisation does not exist for them (404), whatever they ask of it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from thermometer.access.policy import (
    Action,
    administered_organisations,
    allows,
    organisations_where_user_creates_scans,
    scan_role,
    visible_scans,
)
from thermometer.organisations.models import Membership
from thermometer.scans.constants import ScanRole
from thermometer.scans.guard import get_scan_access
from thermometer.scans.models import Scan
from thermometer.sources.visibility import visible_sources
from thermometer.testing import factories

LEAD, ADVISER, CLIENT, OBSERVER = (
    ScanRole.LEAD_ADVISER,
    ScanRole.ADVISER,
    ScanRole.CLIENT,
    ScanRole.OBSERVER,
)
# Per action, the roles that may take it (the client's personal data: see below).
MAY = {
    Action.VIEW: {LEAD, ADVISER, CLIENT, OBSERVER},
    Action.COMMENT: {LEAD, ADVISER, CLIENT, OBSERVER},
    Action.EDIT: {LEAD, ADVISER},
    Action.MANAGE_TEAM: {LEAD},
    Action.MANAGE_PARTICIPANTS: {LEAD, ADVISER},
    Action.ADVANCE_STEPS: {LEAD, ADVISER},
    Action.VIEW_PERSONAL: {LEAD, ADVISER, OBSERVER},
    Action.MANAGE_PRIVACY: {LEAD},
}


def test_the_table_names_every_action():
    assert set(MAY) == set(Action)


@pytest.mark.parametrize("role", [LEAD, ADVISER, CLIENT, OBSERVER], ids=str)
@pytest.mark.parametrize("action", list(Action), ids=str)
def test_what_each_role_may_do(role, action, scan):
    assert allows(role, action, scan) is (role in MAY[action])
    assert allows(None, action, scan) is False  # no role: nothing, not even to view


def test_the_client_sees_personal_data_only_where_the_scan_says_so(scan):
    assert not allows(CLIENT, Action.VIEW_PERSONAL, scan)
    assert not allows(CLIENT, Action.VIEW_PERSONAL)  # no scan to say so
    scan.client_sees_personal_data = True
    assert allows(CLIENT, Action.VIEW_PERSONAL, scan)
    assert not allows(CLIENT, Action.EDIT, scan)


def test_the_role_on_a_scan(scan, lead, organisation, client_user, outsider):
    colleague = factories.adviser(organisation, email="collega@example.org")
    other_client = factories.client_user(organisation, email="ander@example.org")
    inactive = factories.adviser(organisation, email="weg@example.org", is_active=False)
    assert scan_role(lead, scan) == LEAD
    assert scan_role(client_user, scan) == CLIENT
    assert scan_role(colleague, scan) == OBSERVER  # an adviser of the organisation
    factories.add_to_team(scan, colleague, ADVISER)
    assert scan_role(colleague, scan) == ADVISER
    for nobody in (other_client, outsider, inactive):
        assert scan_role(nobody, scan) is None, nobody
    from django.contrib.auth.models import AnonymousUser

    assert scan_role(AnonymousUser(), scan) is None


def test_who_sees_which_scans(scan, lead, organisation, client_user, outsider):
    second = factories.make_scan(lead=lead, organisation=organisation, title="Tweede scan")
    elsewhere = factories.make_scan(lead=outsider, title="Scan elders")
    everything = Scan.objects.all()
    assert set(visible_scans(everything, lead)) == {scan, second}
    assert set(visible_scans(everything, client_user)) == {scan}  # the team's scans only
    assert set(visible_scans(everything, outsider)) == {elsewhere}
    outsider.is_active = False
    assert not visible_scans(everything, outsider).exists()
    # A client of another organisation added to this scan's team still sees nothing of
    # it: the team is within the organisation.
    stranger = factories.client_user(outsider.memberships.get().organisation)
    factories.add_to_team(scan, stranger, CLIENT)
    assert not visible_scans(everything, stranger).exists()


def test_another_organisations_scan_is_a_404_whatever_is_asked(scan, outsider):
    for action in Action:
        with pytest.raises(Http404):
            get_scan_access(outsider, scan.slug, action)
    with pytest.raises(Http404):
        get_scan_access(outsider, "bestaat-niet", Action.VIEW)
    browser = Client()
    browser.force_login(outsider)
    for name in ("scans:detail", "scans:edit", "privacy:delete", "participants:list"):
        url = reverse(name, kwargs={"slug": scan.slug})
        assert browser.get(url).status_code == 404, name
        assert browser.post(url, {}).status_code == 404, name


def test_a_seen_scan_refuses_what_the_role_may_not(scan, client_user, lead):
    access = get_scan_access(client_user, scan.slug, Action.COMMENT)
    assert (access.scan, access.role) == (scan, CLIENT)
    assert access.can_view and access.can_comment and not access.can_edit
    with pytest.raises(AttributeError):
        access.manage_team  # noqa: B018 (templates ask can_*, nothing else)
    with pytest.raises(PermissionDenied):
        get_scan_access(client_user, scan.slug, Action.EDIT)
    assert get_scan_access(lead, scan.slug, Action.MANAGE_PRIVACY).can_manage_privacy


def test_the_sources_a_person_may_open(scan, lead, client_user):
    from thermometer.sources.services import add_conversation

    document = factories.document(scan)
    interview = add_conversation(
        scan,
        user=lead,
        kind="interview",
        title="Gesprek wijkteam",
        date=datetime.date(2026, 11, 10),
        participants=[factories.ParticipantFactory(scan=scan)],
        notes="Wij kennen de visie niet.",
    )
    assert set(visible_sources(get_scan_access(lead, scan.slug, Action.VIEW))) == {
        document,
        interview,
    }
    as_client = get_scan_access(client_user, scan.slug, Action.VIEW)
    assert list(visible_sources(as_client)) == [document]
    scan.client_sees_personal_data = True
    scan.save(update_fields=["client_sees_personal_data"])
    as_client = get_scan_access(client_user, scan.slug, Action.VIEW)
    assert set(visible_sources(as_client)) == {document, interview}


def test_organisations_administered_and_where_scans_are_made(lead, organisation, client_user):
    assert not administered_organisations(lead).exists()
    Membership.objects.filter(user=lead).update(administers=True)
    assert list(administered_organisations(lead)) == [organisation]
    assert list(organisations_where_user_creates_scans(lead)) == [organisation]
    assert not organisations_where_user_creates_scans(client_user).exists()
