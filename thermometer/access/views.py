"""Views that reach an organisation the user administers. Views that reach a scan go
through ``scans.guard.scan_view``, under the same rules (``policy``)."""

from functools import wraps

from django.http import Http404

from .policy import administered_organisations


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
