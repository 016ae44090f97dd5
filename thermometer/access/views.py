"""Views reach a scan only through ``scan_view``: 404 if unseen, 403 if not allowed."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .policy import Action, administered_organisations, allows, scan_role


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
    # Imported on use: access sits below scans (whose views and models use this layer),
    # so it may not import scans when it is loaded.
    from thermometer.scans.models import Scan

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


def organisation_admin_view(view):
    """Resolve ``organisation_uuid`` to an organisation the user administers (else 404)
    and pass it on."""

    @wraps(view)
    def wrapper(request, organisation_uuid, *args, **kwargs):
        organisation = (
            administered_organisations(request.user).filter(uuid=organisation_uuid).first()
        )
        if organisation is None:
            raise Http404
        return view(request, organisation, *args, **kwargs)

    return wrapper


def visible_sources(access):
    """The sources of the scan this person may open: the documents, and the interviews
    and group sessions (who said what) only with ``VIEW_PERSONAL``."""
    # Imported on use: access sits below sources (whose views use this layer).
    from thermometer.sources.constants import SourceKind

    sources = access.scan.sources.all()
    if access.can(Action.VIEW_PERSONAL):
        return sources
    return sources.filter(kind=SourceKind.DOCUMENT)
