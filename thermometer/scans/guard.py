"""Views reach a scan only through ``scan_view``: 404 if unseen, 403 if not allowed.

The rules (who sees which scan, which role may do what) are ``access.policy``'s; this
module only loads the scan a URL names under those rules. It lives in ``scans`` so that
``access`` (below, imported by the scan model itself) imports no app above it.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from thermometer.access.policy import Action, allows, scan_role

from .models import Scan


class ScanAccess:
    def __init__(self, scan, role):
        self.scan = scan
        self.role = role

    def can(self, action: str) -> bool:
        return allows(self.role, action, self.scan)

    def __getattr__(self, name):
        # Templates ask ``access.can_edit`` etc.
        if name.startswith("can_"):
            return allows(self.role, Action(name.removeprefix("can_")), self.scan)
        raise AttributeError(name)


def get_scan_access(user, slug, action: Action) -> ScanAccess:
    scan = (
        Scan.objects.for_user(user)
        .select_related("organisation", "municipality", "method_version")
        .filter(slug=slug)
        .first()
    )
    if scan is None:
        raise Http404
    role = scan_role(user, scan)
    if not allows(role, action, scan):
        raise PermissionDenied
    return ScanAccess(scan, role)


def scan_view(action: Action):
    """Resolve ``slug`` to a scan the user may see and act on; pass it as ``access``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            access = get_scan_access(request.user, slug, action)
            return view(request, access, *args, **kwargs)

        wrapper.required_action = Action(action)
        return wrapper

    return decorator
