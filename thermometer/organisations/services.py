"""Accounts and memberships: how people get into an organisation."""

from django.contrib.auth import get_user_model
from django.db import transaction

from .constants import OrganisationRole
from .models import Membership, Organisation


@transaction.atomic
def add_account(
    email: str,
    organisation_name: str,
    role: OrganisationRole,
    full_name: str = "",
    administers: bool | None = None,
):
    """Create (or find) the user, the organisation and the membership; idempotent.

    Returns (user, created). A new user has no usable password: they choose one
    through the password-reset link. ``administers`` (when given) sets whether they
    administer the organisation (its privacy settings and security log).
    """
    User = get_user_model()
    organisation, _ = Organisation.objects.get_or_create(name=organisation_name.strip())
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email, None, full_name=full_name)
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    membership.role = role
    if administers is not None:
        membership.administers = administers
    membership.save(update_fields=["role", "administers"])
    return user, created
