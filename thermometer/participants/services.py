"""Add, change, remove and import participants; each change is audited."""

from collections import Counter

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from thermometer.audit.events import record

from .importing import ImportPlan, RowProblem, identity_key, parse_participant_file
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
    key = _key(data) or _next_anonymous_key(
        scan, data["layer"], data["actor"], data.get("organisation", "")
    )
    if scan.participants.filter(identity_key=key).exists():
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
    if key is None:
        group = anonymous_key(data["layer"], data["actor"], data.get("organisation", ""), 0)
        old = participant.identity_key or ""
        key = (
            old
            if old.startswith(group.removesuffix("0"))
            else _next_anonymous_key(
                participant.scan, data["layer"], data["actor"], data.get("organisation", "")
            )
        )
    clash = participant.scan.participants.filter(identity_key=key).exclude(pk=participant.pk)
    if clash.exists():
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


def anonymous_key(layer: str, actor: str, organisation: str, ordinal: int) -> str:
    """Identity of the n-th nameless participant of a (layer, actor, organisation) group.

    A list may hold several people without name or e-mail; counting them per group
    lets a second import of the same list recognise them instead of adding them again.
    """
    return f"anon:{layer}|{actor}|{organisation.strip().casefold()}#{ordinal}"


def _next_anonymous_key(scan, layer, actor, organisation) -> str:
    ordinal = 1
    taken = set(scan.participants.values_list("identity_key", flat=True))
    while anonymous_key(layer, actor, organisation, ordinal) in taken:
        ordinal += 1
    return anonymous_key(layer, actor, organisation, ordinal)


@transaction.atomic
def import_participants(scan, data: bytes, filename: str, *, user, max_rows: int):
    """Import the good rows of a file; return the plan (with row messages) and the count added.

    Planned under the scan lock, so two simultaneous submits of one file add its rows once.
    """
    _lock(scan)
    plan = plan_import(scan, data, filename, max_rows=max_rows)
    existing = set(
        scan.participants.exclude(identity_key=None).values_list("identity_key", flat=True)
    )
    ordinals = Counter()
    number = _next_number(scan)
    new, kept = [], []
    for row in plan.rows:
        key = row.identity_key()
        if key is None:
            group = (row.layer, row.actor, row.organisation.strip().casefold())
            ordinals[group] += 1
            key = anonymous_key(row.layer, row.actor, row.organisation, ordinals[group])
            if key in existing:
                plan.duplicates.append(
                    RowProblem(
                        row.row_number,
                        _(
                            "Row %(row)d: already in this scan (a participant without name "
                            "in the same layer and organisation)."
                        )
                        % {"row": row.row_number},
                    )
                )
                continue
        kept.append(row)
        new.append(
            Participant(
                scan=scan,
                number=number + len(new),
                name=row.name,
                email=row.email,
                layer=row.layer,
                actor=row.actor,
                organisation=row.organisation,
                identity_key=key,
            )
        )
    plan.rows = kept
    plan.duplicates.sort(key=lambda problem: problem.row_number or 0)
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
