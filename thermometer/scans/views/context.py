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
