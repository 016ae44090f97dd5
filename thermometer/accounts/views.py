from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from thermometer.audit import security
from thermometer.audit.events import record
from thermometer.core import throttling

from . import two_factor as two_factor_service
from .forms import CodeForm


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, throttled per address and per account: a script cannot
    have the product send a stream of mails."""

    def post(self, request, *args, **kwargs):
        throttling.hit(request, "password_reset_address")
        email = request.POST.get("email", "").strip().lower()
        if email:
            throttling.hit(request, "password_reset_account", "account", email)
            security.log("password_reset_asked", request, account=email)
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        security.log("password_changed", self.request, user=form.user, what="password-reset")
        return response


def _wrong_code() -> str:
    return _("This code is not right. Enter the code the app shows now.")


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target else reverse("scans:list")


def two_factor(request):
    """The second factor of the signed-in person: set it up, see it, renew the recovery
    codes, or turn it off (not where the organisation requires it)."""
    user = request.user
    required = two_factor_service.required_for(user)
    codes = request.session.pop("recovery_codes", None)
    if not two_factor_service.has_app(user):
        device = two_factor_service.pending_app(request)
        form = CodeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            codes = two_factor_service.confirm_app(request, device, form.cleaned_data["code"])
            if codes is not None:
                two_factor_service.remember_state(request)
                record("two_factor_enabled", user=user)
                security.log("two_factor_on", request)
                request.session["recovery_codes"] = codes
                messages.success(request, _("Two-step sign-in is on."))
                return redirect(f"{reverse('accounts:two_factor')}?next={_next(request)}")
            form.add_error("code", _wrong_code())
        context = {
            "form": form,
            "qr": two_factor_service.qr_svg(device),
            "secret": two_factor_service.secret_shown(device),
            "required": required,
            "next": request.GET.get("next", ""),
        }
        return render(request, "accounts/two_factor_setup.html", context)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "recovery":
            request.session["recovery_codes"] = two_factor_service.new_recovery_codes(user)
            record("two_factor_recovery_codes_renewed", user=user)
            security.log("recovery_codes_renewed", request)
            return redirect("accounts:two_factor")
        if action == "off" and not required:
            two_factor_service.turn_off(user)
            two_factor_service.remember_state(request)
            record("two_factor_disabled", user=user)
            security.log("two_factor_off", request)
            messages.success(request, _("Two-step sign-in is off."))
            return redirect("accounts:two_factor")
    context = {
        "codes": codes,
        "left": two_factor_service.recovery_codes_left(user),
        "required": required,
        "next": _next(request) if request.GET.get("next") else "",
    }
    return render(request, "accounts/two_factor.html", context)


def two_factor_verify(request):
    """After the password: the code from the app, or a recovery code."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor_service.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error("code", _wrong_code())
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
    )
