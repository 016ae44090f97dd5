"""Add, change, remove and import participants; each change is audited."""

from django.db import transaction
from django.db.models import Max

from thermometer.audit.events import record

from .importing import ImportPlan, identity_key, parse_participant_file
from .models import Participant


class DuplicateParticipantError(Exception):
    pass


def _next_number(scan) -> int:
    return (scan.participants.aggregate(n=Max("number"))["n"] or 0) + 1


def _lock(scan):
    # Serialise numbering per scan (a no-op lock on SQLite, which writes one at a time).
    type(scan).objects.select_for_update().filter(pk=scan.pk).first()


def _key(data: dict) -> str | None:
    return identity_key(
        name=data.get("name", ""),
        email=data.get("email", ""),
        layer=data["layer"],
        actor=data["actor"],
        organisation=data.get("organisation", ""),
    )


@transaction.atomic
def add_participant(scan, *, user, **data) -> Participant:
    _lock(scan)
    key = _key(data)
    if key and scan.participants.filter(identity_key=key).exists():
        raise DuplicateParticipantError
    participant = Participant.objects.create(
        scan=scan, number=_next_number(scan), identity_key=key, **data
    )
    record("participant_added", user=user, scan=scan, pseudonym=participant.pseudonym)
    return participant


@transaction.atomic
def update_participant(participant, *, user, **data) -> None:
    _lock(participant.scan)
    key = _key(data)
    clash = participant.scan.participants.filter(identity_key=key).exclude(pk=participant.pk)
    if key and clash.exists():
        raise DuplicateParticipantError
    for field, value in data.items():
        setattr(participant, field, value)
    participant.identity_key = key
    participant.save()
    record("participant_updated", user=user, scan=participant.scan, pseudonym=participant.pseudonym)


@transaction.atomic
def remove_participant(participant, *, user) -> None:
    participant.delete()
    record("participant_removed", user=user, scan=participant.scan, pseudonym=participant.pseudonym)


def plan_import(scan, data: bytes, filename: str, *, max_rows: int) -> ImportPlan:
    method = scan.method
    existing = set(
        scan.participants.exclude(identity_key=None).values_list("identity_key", flat=True)
    )
    return parse_participant_file(
        data,
        filename,
        layers=method.layers,
        actors=method.actors,
        layer_default_actor=method.layer_default_actor,
        existing_keys=existing,
        max_rows=max_rows,
    )


@transaction.atomic
def import_participants(scan, data: bytes, filename: str, *, user, max_rows: int):
    """Import the good rows of a file; return the plan (with row messages) and the count added.

    Planned under the scan lock, so two simultaneous submits of one file add its rows once.
    """
    _lock(scan)
    plan = plan_import(scan, data, filename, max_rows=max_rows)
    number = _next_number(scan)
    new = []
    for offset, row in enumerate(plan.rows):
        new.append(
            Participant(
                scan=scan,
                number=number + offset,
                name=row.name,
                email=row.email,
                layer=row.layer,
                actor=row.actor,
                organisation=row.organisation,
                identity_key=identity_key(
                    name=row.name,
                    email=row.email,
                    layer=row.layer,
                    actor=row.actor,
                    organisation=row.organisation,
                ),
            )
        )
    Participant.objects.bulk_create(new)
    if new or plan.errors or plan.duplicates:
        record(
            "participants_imported",
            user=user,
            scan=scan,
            filename=filename,
            created=len(new),
            duplicates=len(plan.duplicates),
            errors=len([e for e in plan.errors if e.row_number is not None]),
        )
    return plan, len(new)
