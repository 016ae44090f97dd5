from django.core.management import call_command

from thermometer.demo.demo_data import DEMO_SLUG
from thermometer.participants.models import Participant
from thermometer.scans.models import Scan


def test_load_demo_is_idempotent_and_covers_every_layer(db, capsys):
    call_command("load_demo")
    counts = (Scan.objects.count(), Participant.objects.count())
    call_command("load_demo")
    assert (Scan.objects.count(), Participant.objects.count()) == counts
    scan = Scan.objects.get(slug=DEMO_SLUG)
    assert scan.municipality.code == "GM0629"
    assert "fictie" in scan.title
    layers = set(scan.participants.values_list("layer", flat=True))
    assert layers == set(scan.method.layers)
    out = capsys.readouterr().out
    assert "adviseur@example.org" in out and "opdrachtgever@example.org" in out
