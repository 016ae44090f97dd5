"""Every scan whose method follows a household and that has none is given the household
and journey of its method, as a new scan is when it is created: pages and reports no
longer make them on a read."""

from django.db import migrations

from thermometer.journeys.seeding import JourneyModels, has_journey, make_journey


def seed_journeys(apps, schema_editor):
    models = JourneyModels(
        household=apps.get_model("journeys", "Household"),
        member=apps.get_model("journeys", "HouseholdMember"),
        question=apps.get_model("journeys", "HelpQuestion"),
        step=apps.get_model("journeys", "JourneyStep"),
    )
    event_model = apps.get_model("audit", "AuditEvent")
    lacking = apps.get_model("scans", "Scan").objects.filter(
        household__isnull=True, journey_steps__isnull=True
    )
    for scan in lacking.select_related("method_version"):
        definition = scan.method_version.definition
        if not has_journey(definition):
            continue
        household = make_journey(models, scan, definition)
        event_model.objects.create(
            event="journey_seeded",
            scan=scan,
            organisation_id=scan.organisation_id,
            data={
                "household": household.name,
                "steps": str(len(definition.get("journey_steps", []))),
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_privacy_event_kinds"),
        ("journeys", "0001_initial"),
        ("methods", "0001_initial"),
        ("scans", "0003_retention"),
    ]

    operations = [migrations.RunPython(seed_journeys, migrations.RunPython.noop)]
