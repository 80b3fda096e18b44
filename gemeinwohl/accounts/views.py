import base64
from urllib.parse import quote

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from gemeinwohl.accounts.actions import (
    SecondFactorLocked,
    feed_token_get,
    recovery_codes_renew,
    second_factor_confirm,
    second_factor_start,
    second_factor_switch_off,
    second_factor_verify,
    user_update_profile,
)
from gemeinwohl.accounts.forms import LoginForm, PasswordResetForm, ProfileForm, SecondFactorCodeForm
from gemeinwohl.accounts.models import User
from gemeinwohl.accounts.selectors import (
    needs_second_factor,
    recovery_codes_left,
    second_factor_device,
)
from gemeinwohl.core.views import InvalidFormStatusMixin


def _remember_language(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


class LoginView(InvalidFormStatusMixin, auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        translation.activate(form.get_user().language)
        return _remember_language(response, form.get_user().language)


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(InvalidFormStatusMixin, auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(InvalidFormStatusMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(InvalidFormStatusMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Ihr Passwort wurde geändert."))
        return super().form_valid(form)


class ProfileView(LoginRequiredMixin, InvalidFormStatusMixin, FormView):
    template_name = "accounts/profile.html"
    form_class = ProfileForm

    def get_form_kwargs(self):
        # The form works on its own copy: a rejected entry must not show up as the
        # signed-in name in the page header as if it had been saved.
        return {**super().get_form_kwargs(), "instance": User.objects.get(pk=self.request.user.pk)}

    def get_context_data(self, **kwargs):
        # The personal calendar address: its secret is made on first view and kept until renewed.
        key = feed_token_get(user=self.request.user).key
        feed_url = self.request.build_absolute_uri(reverse("committees:personal_feed", kwargs={"key": key}))
        return {
            **super().get_context_data(**kwargs),
            "feed_url": feed_url,
            "feed_webcal_url": "webcal://" + feed_url.split("://", 1)[1],
            "second_factor": second_factor_device(self.request.user),
            "recovery_codes_left": recovery_codes_left(self.request.user),
        }

    def form_valid(self, form):
        user = user_update_profile(user=self.request.user, **form.cleaned_data)
        translation.activate(user.language)
        messages.success(self.request, _("Ihr Profil wurde gespeichert."))
        return _remember_language(redirect("accounts:profile"), user.language)


# --- Second factor -------------------------------------------------------------------------

NEW_RECOVERY_CODES_SESSION_KEY = "accounts_new_recovery_codes"


def _next_url(request, default: str = settings.LOGIN_REDIRECT_URL) -> str:
    """Where to go on: the page asked for (only on this site), else ``default``."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(default)


def _mark_verified(request, device) -> None:
    """From now on this session counts as verified with ``device`` (django-otp's login), under a new session key."""
    otp_login(request, device)
    request.session.cycle_key()


def _show_recovery_codes(request, codes: list[str], next_url: str):
    # Shown once: the page takes them out of the session as it shows them.
    request.session[NEW_RECOVERY_CODES_SESSION_KEY] = codes
    return redirect(f"{reverse('accounts:recovery_codes')}?{urlencode({'next': next_url})}")


def qr_code_svg(text: str, title: str) -> str:
    """``text`` as a QR code in inline SVG, drawn here: no image is loaded from anywhere."""
    svg = segno.make(text, error="m").svg_inline(scale=4, border=4, dark="#000", light="#fff", title=title)
    return mark_safe(svg.replace("<svg ", '<svg role="img" class="qr-code" ', 1))  # noqa: S308 - segno's own markup


def grouped(secret: str) -> str:
    """A base32 secret in groups of four, easier to read and type."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class SecondFactorCodeMixin(InvalidFormStatusMixin):
    """Views whose form takes a code: a wrong one answers 422, one while the device waits 429."""

    form_class = SecondFactorCodeForm

    def code_rejected(self, form, locked: SecondFactorLocked | None = None):
        form.reject(locked.locked_until if locked else None)
        response = self.form_invalid(form)
        if locked:
            response.status_code = 429
        return response


class SecondFactorVerifyView(LoginRequiredMixin, SecondFactorCodeMixin, FormView):
    """ "Bestätigungscode": after the password, the second factor makes the session count."""

    template_name = "accounts/second_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if request.user.is_verified() or not needs_second_factor(request.user):
                return redirect(_next_url(request))
            if second_factor_device(request.user) is None:
                return redirect(f"{reverse('accounts:second_factor_setup')}?{urlencode({'next': _next_url(request)})}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": _next_url(self.request)}

    def form_valid(self, form):
        try:
            device = second_factor_verify(user=self.request.user, code=form.cleaned_data["code"])
        except SecondFactorLocked as locked:
            return self.code_rejected(form, locked)
        if device is None:
            return self.code_rejected(form)
        _mark_verified(self.request, device)
        if isinstance(device, StaticDevice):
            left = recovery_codes_left(self.request.user)
            messages.warning(
                self.request,
                ngettext(
                    "Sie haben sich mit einem Wiederherstellungscode angemeldet. Es bleibt noch %(count)d Code; erzeugen Sie in Ihrem Profil neue.",
                    "Sie haben sich mit einem Wiederherstellungscode angemeldet. Es bleiben noch %(count)d Codes.",
                    left,
                )
                % {"count": left},
            )
        return redirect(_next_url(self.request))


class SecondFactorSetupView(LoginRequiredMixin, SecondFactorCodeMixin, FormView):
    """ "Zwei-Faktor-Anmeldung einrichten": QR code and secret, confirmed with the app's first code."""

    template_name = "accounts/second_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and second_factor_device(request.user) is not None:
            if request.user.is_verified():
                messages.info(request, _("Die Zwei-Faktor-Anmeldung ist für Ihr Konto bereits eingerichtet."))
                return redirect("accounts:profile")
            return redirect(f"{reverse('accounts:second_factor_verify')}?{urlencode({'next': _next_url(request)})}")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "app_only": True}

    def get_context_data(self, **kwargs):
        device = second_factor_start(user=self.request.user)
        secret = base64.b32encode(device.bin_key).decode()
        return {
            **super().get_context_data(**kwargs),
            "qr_code": qr_code_svg(device.config_url, _("QR-Code zum Einrichten der Authenticator-App")),
            "secret": grouped(secret),
            "required": self.request.user.role_requires_second_factor,
            "next": _next_url(self.request),
        }

    def form_valid(self, form):
        try:
            enrolled = second_factor_confirm(user=self.request.user, code=form.cleaned_data["code"])
        except SecondFactorLocked as locked:
            return self.code_rejected(form, locked)
        if enrolled is None:
            return self.code_rejected(form)
        device, codes = enrolled
        _mark_verified(self.request, device)
        messages.success(self.request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
        return _show_recovery_codes(self.request, codes, _next_url(self.request))


class RecoveryCodesView(LoginRequiredMixin, TemplateView):
    """The new recovery codes, shown this once, with a download as a text file."""

    template_name = "accounts/recovery_codes.html"

    def get(self, request, *args, **kwargs):
        codes = request.session.pop(NEW_RECOVERY_CODES_SESSION_KEY, None)
        text = "".join(f"{code}\n" for code in codes or [])
        download = "data:text/plain;charset=utf-8," + quote(
            _("Wiederherstellungscodes für %(account)s bei %(site)s (jeder Code gilt einmal):")
            % {"account": request.user.email, "site": settings.SITE_NAME}
            + "\n\n"
            + text
        )
        response = self.render_to_response(
            self.get_context_data(codes=codes, download=download, next=_next_url(request, "accounts:profile"))
        )
        add_never_cache_headers(response)
        return response


class RecoveryCodesRenewView(LoginRequiredMixin, SecondFactorCodeMixin, FormView):
    """New recovery codes for old ones (used up or lost), given a current code."""

    template_name = "accounts/recovery_codes_renew.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and second_factor_device(request.user) is None:
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            codes = recovery_codes_renew(user=self.request.user, code=form.cleaned_data["code"])
        except SecondFactorLocked as locked:
            return self.code_rejected(form, locked)
        if codes is None:
            return self.code_rejected(form)
        messages.success(
            self.request, _("Ihre neuen Wiederherstellungscodes gelten ab sofort; die bisherigen nicht mehr.")
        )
        return _show_recovery_codes(self.request, codes, reverse("accounts:profile"))


class SecondFactorSwitchOffView(LoginRequiredMixin, SecondFactorCodeMixin, FormView):
    """A registered user switches the second factor off again, given a current code."""

    template_name = "accounts/second_factor_switch_off.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (
            request.user.role_requires_second_factor or second_factor_device(request.user) is None
        ):
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            switched_off = second_factor_switch_off(user=self.request.user, code=form.cleaned_data["code"])
        except SecondFactorLocked as locked:
            return self.code_rejected(form, locked)
        if not switched_off:
            return self.code_rejected(form)
        messages.success(self.request, _("Die Zwei-Faktor-Anmeldung ist ausgeschaltet."))
        return redirect("accounts:profile")
