"""Every scan without codes is given the codebook its method defines, as a new scan is
when it is created: the codebook page no longer makes it on a read."""

from django.conf import settings
from django.db import migrations
from django.utils import translation

from thermometer.coding.seeding import make_codebook


def seed_codebooks(apps, schema_editor):
    scan_model = apps.get_model("scans", "Scan")
    code_model = apps.get_model("coding", "Code")
    event_model = apps.get_model("audit", "AuditEvent")
    # migrate runs without a language; the group headings are named as on a new scan.
    with translation.override(settings.LANGUAGE_CODE):
        lacking = scan_model.objects.filter(codes__isnull=True).select_related("method_version")
        for scan in lacking:
            created = make_codebook(code_model, scan, scan.method_version.definition)
            event_model.objects.create(
                event="codebook_seeded",
                scan=scan,
                organisation_id=scan.organisation_id,
                data={"count": str(created)},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_privacy_event_kinds"),
        ("coding", "0003_refi_project"),
        ("methods", "0001_initial"),
        ("scans", "0003_retention"),
    ]

    operations = [migrations.RunPython(seed_codebooks, migrations.RunPython.noop)]
