"""People: a user with a password tests sign in with, an adviser, a client."""

import factory
from django.contrib.auth import get_user_model

from thermometer.organisations.constants import OrganisationRole
from thermometer.organisations.models import Membership

from .organisations import OrganisationFactory

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def organisation(self, create, extracted, **kwargs):
        """``UserFactory(organisation=org, organisation__role=...)`` makes the user a member."""
        if extracted is not None:
            Membership.objects.create(
                user=self, organisation=extracted, role=kwargs.get("role", OrganisationRole.ADVISER)
            )
        self.save()


def adviser(organisation=None, **kwargs):
    return UserFactory(organisation=organisation or OrganisationFactory(), **kwargs)


def client_user(organisation, **kwargs):
    return UserFactory(
        organisation=organisation, organisation__role=OrganisationRole.CLIENT, **kwargs
    )
