from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.template import loader
from django.utils.translation import gettext_lazy as _

from thermometer.core.forms import StyledFormMixin
from thermometer.core.tasks import send_email


class LoginForm(StyledFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "This combination of e-mail address and password is not known. Both are case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "email", "type": "email", "autofocus": True}
        )


class ResetForm(StyledFormMixin, PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Queue the reset mail instead of sending it inside the request."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(lambda: send_email.enqueue(subject, body, [to_email]))


class NewPasswordForm(StyledFormMixin, SetPasswordForm):
    pass


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows now, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )
