"""What every page of a scan shows: the scan, its method and the step navigation."""

from thermometer.scans.constants import StepStatus


def step_overview(scan):
    states = {state.step_key: state for state in scan.step_states.all()}
    return [
        {"step": step, "state": states.get(step.key), "status": _status(states.get(step.key))}
        for step in scan.method.steps
    ]


def _status(state):
    return StepStatus(state.status) if state else StepStatus.NOT_STARTED


def scan_context(access, current_step=None) -> dict:
    scan = access.scan
    return {
        "scan": scan,
        "access": access,
        "method": scan.method,
        "steps": step_overview(scan),
        "current_step": current_step,
    }


def progress(scan) -> dict:
    """Where a scan stands: the step being worked on, or the next one, or done."""
    overview = step_overview(scan)
    current = next((e for e in overview if e["status"] == StepStatus.BUSY), None) or next(
        (e for e in overview if e["status"] == StepStatus.NOT_STARTED), None
    )
    done = sum(1 for e in overview if e["status"] == StepStatus.DONE)
    return {"current": current, "done": done, "total": len(overview)}
