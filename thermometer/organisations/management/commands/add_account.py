from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from thermometer.accounts.forms import ResetForm
from thermometer.organisations.constants import OrganisationRole
from thermometer.organisations.services import add_account


class Command(BaseCommand):
    help = (
        "Give a person access: create the account and organisation if needed, set the role, "
        "and e-mail a link to choose a password."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("organisation", help="Name of the organisation (created if new)")
        parser.add_argument(
            "--role", choices=[r.value for r in OrganisationRole], default="adviser"
        )
        parser.add_argument("--name", default="", help="Full name")
        parser.add_argument(
            "--administers",
            action="store_true",
            help="Administers the organisation: privacy settings and the security log",
        )
        parser.add_argument("--domain", default="localhost:8000", help="Host for the link")
        parser.add_argument("--https", action="store_true", help="Use https in the link")
        parser.add_argument("--no-mail", action="store_true", help="Do not send the link")

    def handle(
        self, *args, email, organisation, role, name, domain, https, no_mail, administers, **options
    ):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not a valid e-mail address: {email}") from error
        user, created = add_account(
            email, organisation, OrganisationRole(role), name, administers=administers or None
        )
        self.stdout.write(
            f"{'Created' if created else 'Updated'} {user.email}: {role} of {organisation}"
        )
        if not no_mail:
            form = ResetForm({"email": user.email})
            form.is_valid()
            # A new account has no usable password yet; the reset form only mails
            # users who have one, so mail the link for the user directly.
            form.get_users = lambda _email: [user]
            form.save(
                domain_override=domain,
                use_https=https,
                subject_template_name="accounts/password_reset_subject.txt",
                email_template_name="accounts/password_reset_email.txt",
            )
            self.stdout.write("A link to choose a password has been e-mailed.")
