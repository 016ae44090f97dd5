import datetime

import pytest

from thermometer.audit.models import AuditEvent
from thermometer.scans import services
from thermometer.scans.constants import ScanRole, StepStatus
from thermometer.testing import factories


def test_new_scan_has_every_step_of_its_method_planned(scan):
    steps = scan.method.steps
    states = list(scan.step_states.all())
    assert [s.step_key for s in states] == [s.key for s in steps]
    assert all(s.status == StepStatus.NOT_STARTED for s in states)
    dates = [s.planned_date for s in states]
    assert dates == sorted(dates) and dates[0] >= datetime.date(2026, 11, 2)
    # About a month for the Thermometer.
    assert 20 <= (dates[-1] - dates[0]).days <= 45


def test_two_day_scan_is_planned_in_days_not_weeks(db):
    scan = factories.make_scan(method="tweedaagse_scan", title="Tweedaagse scan")
    dates = [s.planned_date for s in scan.step_states.all()]
    assert (dates[-1] - dates[0]).days <= 14


def test_creator_becomes_lead_adviser_and_creation_is_audited(scan):
    assert scan.members.get().role == ScanRole.LEAD_ADVISER
    event = AuditEvent.objects.get(scan=scan)
    assert event.event == "scan_created"
    assert scan.title in str(event)


def test_step_runs_through_its_statuses_and_can_be_reopened(scan):
    user = scan.created_by
    key = scan.method.steps[0].key
    assert services.transition_step(scan, key, "start", user=user).status == StepStatus.BUSY
    done = services.transition_step(scan, key, "complete", user=user)
    assert done.status == StepStatus.DONE and done.completed_at is not None
    # Done is done: no reopening without a reason, no ticks meanwhile.
    with pytest.raises(services.StepLocked):
        services.transition_step(scan, key, "reopen", user=user, reason="  ")
    item = scan.method.steps[0].checklist[0]["key"]
    with pytest.raises(services.StepLocked):
        services.set_checklist_item(scan, key, item, True, user=user)
    reopened = services.transition_step(scan, key, "reopen", user=user, reason="Nieuwe stukken")
    assert reopened.status == StepStatus.BUSY and reopened.completed_at is None
    events = list(AuditEvent.objects.filter(scan=scan).values_list("event", flat=True))
    assert events[:3] == ["step_reopened_because", "step_completed", "step_started"]
    assert "Nieuwe stukken" in str(AuditEvent.objects.filter(scan=scan).first())
    assert services.set_checklist_item(scan, key, item, True, user=user)


def test_a_double_submit_changes_a_step_once(scan):
    key = scan.method.steps[0].key
    services.transition_step(scan, key, "complete", user=scan.created_by)
    before = AuditEvent.objects.count()
    services.transition_step(scan, key, "complete", user=scan.created_by)
    assert AuditEvent.objects.count() == before


def test_a_step_not_done_cannot_be_reopened(scan):
    with pytest.raises(services.StepTransitionError):
        services.transition_step(
            scan, scan.method.steps[0].key, "reopen", user=scan.created_by, reason="x"
        )


def test_checklist_tick_is_idempotent_and_audited_once(scan):
    step = scan.method.steps[0]
    item = step.checklist[0]["key"]
    assert services.set_checklist_item(scan, step.key, item, True, user=scan.created_by)
    assert not services.set_checklist_item(scan, step.key, item, True, user=scan.created_by)
    assert AuditEvent.objects.filter(event="checklist_ticked").count() == 1
    assert services.set_checklist_item(scan, step.key, item, False, user=scan.created_by)
    assert not services.set_checklist_item(scan, step.key, item, False, user=scan.created_by)
    assert AuditEvent.objects.filter(event="checklist_unticked").count() == 1


def test_a_scan_keeps_at_least_one_lead_adviser(scan):
    only_lead = scan.members.get()
    with pytest.raises(services.LastLeadError):
        services.remove_member(only_lead, user=scan.created_by)
    with pytest.raises(services.LastLeadError):
        services.change_member_role(only_lead, ScanRole.ADVISER, user=scan.created_by)
    second = factories.adviser(scan.organisation)
    services.add_member(scan, second, ScanRole.LEAD_ADVISER, user=scan.created_by)
    services.change_member_role(only_lead, ScanRole.ADVISER, user=scan.created_by)
    assert scan.members.get(user=scan.created_by).role == ScanRole.ADVISER


def test_planning_change_is_audited_only_when_something_changed(scan):
    planning = {s.step_key: s.planned_date for s in scan.step_states.all()}
    services.update_planning(scan, user=scan.created_by, planning=planning)
    assert not AuditEvent.objects.filter(event="planning_updated").exists()
    first = scan.method.steps[0].key
    planning[first] = planning[first] - datetime.timedelta(days=1)
    services.update_planning(scan, user=scan.created_by, planning=planning)
    assert AuditEvent.objects.filter(event="planning_updated").count() == 1
