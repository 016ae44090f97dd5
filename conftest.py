import pytest

from thermometer.scans.constants import ScanRole
from thermometer.testing import factories


@pytest.fixture(autouse=True)
def _media_in_memory(settings):
    # Nothing a test uploads lands on disk.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_throttles():
    # Throttle counters live in the cache; each test starts without any.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def organisation(db):
    return factories.OrganisationFactory(name="Adviesbureau A")


@pytest.fixture
def lead(organisation):
    return factories.adviser(organisation, email="lead@example.org", full_name="Lea Lead")


@pytest.fixture
def scan(lead, organisation):
    return factories.make_scan(lead=lead, organisation=organisation)


@pytest.fixture
def client_user(scan, organisation):
    user = factories.client_user(organisation, email="client@example.org")
    factories.add_to_team(scan, user, ScanRole.CLIENT)
    return user


@pytest.fixture
def outsider(db):
    other = factories.OrganisationFactory(name="Adviesbureau B")
    return factories.adviser(other, email="outsider@example.org")


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client
