from django.utils.functional import SimpleLazyObject

from .policy import administered_organisations


def administration(request):
    """The organisations the user administers, for the main menu (asked only when a
    page shows the menu)."""
    return {
        "administered": SimpleLazyObject(
            lambda: list(administered_organisations(getattr(request, "user", None)))
        )
    }
