"""A demo scan of the newest version of a method, for a real municipality."""

from thermometer.methods.models import MethodVersion
from thermometer.municipalities.models import Municipality
from thermometer.scans import services as scans
from thermometer.scans.constants import ScanRole


def demo_scan(organisation, *, lead, client, slug, method, code, title, started, **extra):
    """The scan as the lead adviser creates it, with the client on its team."""
    method_version = max(MethodVersion.objects.filter(slug=method), key=lambda m: m.version_key)
    scan = scans.create_scan(
        user=lead,
        organisation=organisation,
        municipality=Municipality.objects.get(code=code),
        method_version=method_version,
        title=title,
        policy_areas=["jeugd", "wmo", "participatiewet"],
        start_date=started,
        slug=slug,
        **extra,
    )
    scans.add_member(scan, client, ScanRole.CLIENT, user=lead)
    return scan
