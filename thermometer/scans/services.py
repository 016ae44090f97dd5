"""Everything that changes a scan; each change writes its audit event."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from thermometer.audit.events import record

from . import seeding
from .constants import ScanRole, StepStatus
from .models import ChecklistTick, ClientQuestion, Comment, Scan, ScanMember, StepState
from .planning import suggest_planning


class StepTransitionError(Exception):
    pass


class StepLocked(Exception):
    """A step that is done takes no change until it is reopened, with a reason."""


def suggested_planning(method, start_date):
    return suggest_planning(start_date, [(s.key, s.duration_days) for s in method.steps])


@transaction.atomic
def create_scan(
    *,
    user,
    organisation,
    municipality,
    method_version,
    title,
    policy_areas,
    other_policy_area="",
    client_questions=(),
    start_date,
    planning=None,
    slug=None,
) -> Scan:
    scan = Scan.objects.create(
        slug=slug or Scan.new_slug(title),
        organisation=organisation,
        municipality=municipality,
        method_version=method_version,
        title=title,
        policy_areas=list(policy_areas),
        other_policy_area=other_policy_area,
        start_date=start_date,
        retention_months=method_version.method.retention_months,
        created_by=user,
    )
    method = method_version.method
    planning = planning or suggested_planning(method, start_date)
    StepState.objects.bulk_create(
        StepState(
            scan=scan, step_key=step.key, order=step.number, planned_date=planning.get(step.key)
        )
        for step in method.steps
    )
    set_client_questions(scan, client_questions)
    ScanMember.objects.create(scan=scan, user=user, role=ScanRole.LEAD_ADVISER)
    seeding.seed(scan)  # the codebook, the journey: made here, never on a read
    record("scan_created", user=user, scan=scan, title=title)
    return scan


def set_client_questions(scan, questions) -> None:
    scan.client_questions.all().delete()
    ClientQuestion.objects.bulk_create(
        ClientQuestion(scan=scan, order=index, text=text)
        for index, text in enumerate(q.strip() for q in questions)
        if text
    )


@transaction.atomic
def update_scan(scan, *, user, changed_fields: list[str], client_questions=None) -> None:
    scan.save()
    if client_questions is not None:
        set_client_questions(scan, client_questions)
    if changed_fields:
        record("scan_updated", user=user, scan=scan, fields=", ".join(changed_fields))


@transaction.atomic
def update_planning(scan, *, user, planning: dict) -> None:
    changed = False
    for state in scan.step_states.select_for_update():
        new = planning.get(state.step_key)
        if new != state.planned_date:
            state.planned_date = new
            state.save(update_fields=["planned_date"])
            changed = True
    if changed:
        record("planning_updated", user=user, scan=scan)


_TRANSITIONS = {
    "start": ({StepStatus.NOT_STARTED}, StepStatus.BUSY, "step_started"),
    "complete": ({StepStatus.NOT_STARTED, StepStatus.BUSY}, StepStatus.DONE, "step_completed"),
    "reopen": ({StepStatus.DONE}, StepStatus.BUSY, "step_reopened"),
}


@transaction.atomic
def transition_step(scan, step_key: str, action: str, *, user, reason: str = "") -> StepState:
    """Move a step on. A repeated request (double click) is a no-op, not an error.
    Reopening a step that is done needs a reason, which the history keeps."""
    if action not in _TRANSITIONS:
        raise StepTransitionError(action)
    reason = " ".join(reason.split())[:500]
    allowed_from, target, event = _TRANSITIONS[action]
    state = scan.step_states.select_for_update().get(step_key=step_key)
    if state.status == target:
        return state
    if state.status not in allowed_from:
        raise StepTransitionError(action)
    now = timezone.now()
    state.status = target
    if target == StepStatus.BUSY and state.started_at is None:
        state.started_at = now
    if target == StepStatus.DONE:
        state.started_at = state.started_at or now
        state.completed_at = now
    else:
        state.completed_at = None
    name = scan.method.step(step_key).name
    if action == "reopen":
        if not reason:
            raise StepLocked(step_key)
        state.save()
        record("step_reopened_because", user=user, scan=scan, step=name, reason=reason)
        return state
    state.save()
    record(event, user=user, scan=scan, step=name, step_key=step_key)
    return state


@transaction.atomic
def set_checklist_item(scan, step_key: str, item_key: str, done: bool, *, user) -> bool:
    """Tick or untick; returns whether anything changed (a double submit changes nothing)."""
    step = scan.method.step(step_key)
    label = step.checklist_label(item_key)
    ticked = ChecklistTick.objects.filter(scan=scan, step_key=step_key, item_key=item_key)
    if ticked.exists() == done:
        return False  # as asked already: a double submit, also on a step that is done
    if scan.step_states.filter(step_key=step_key, status=StepStatus.DONE).exists():
        raise StepLocked(step_key)
    if done:
        try:
            with transaction.atomic():
                ChecklistTick.objects.create(
                    scan=scan, step_key=step_key, item_key=item_key, ticked_by=user
                )
        except IntegrityError:
            return False
        record(
            "checklist_ticked", user=user, scan=scan, step=step.name, step_key=step.key, item=label
        )
        return True
    deleted, _ = ChecklistTick.objects.filter(
        scan=scan, step_key=step_key, item_key=item_key
    ).delete()
    if deleted:
        record(
            "checklist_unticked",
            user=user,
            scan=scan,
            step=step.name,
            step_key=step.key,
            item=label,
        )
    return bool(deleted)


@transaction.atomic
def add_comment(scan, step_key: str, text: str, *, user) -> Comment:
    step = scan.method.step(step_key)
    comment = Comment.objects.create(scan=scan, step_key=step_key, author=user, text=text)
    record("comment_added", user=user, scan=scan, step=step.name, step_key=step.key)
    return comment


@transaction.atomic
def add_member(scan, member_user, role: ScanRole, *, user) -> ScanMember:
    member, created = ScanMember.objects.get_or_create(
        scan=scan, user=member_user, defaults={"role": role}
    )
    if created:
        record("member_added", user=user, scan=scan, member=member_user, role=role.label)
    elif member.role != role:
        change_member_role(member, role, user=user)
    return member


class LastLeadError(Exception):
    """A scan always keeps at least one lead adviser."""


def _other_leads(member) -> bool:
    return member.scan.members.filter(role=ScanRole.LEAD_ADVISER).exclude(pk=member.pk).exists()


@transaction.atomic
def change_member_role(member, role: ScanRole, *, user) -> None:
    if member.role == role:
        return
    if member.role == ScanRole.LEAD_ADVISER and not _other_leads(member):
        raise LastLeadError
    member.role = role
    member.save(update_fields=["role"])
    record("member_role_changed", user=user, scan=member.scan, member=member.user, role=role.label)


@transaction.atomic
def remove_member(member, *, user) -> None:
    if member.role == ScanRole.LEAD_ADVISER and not _other_leads(member):
        raise LastLeadError
    member.delete()
    record("member_removed", user=user, scan=member.scan, member=member.user)
