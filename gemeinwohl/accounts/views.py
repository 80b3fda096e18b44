from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import FormView

from gemeinwohl.accounts.actions import feed_token_get, user_update_profile
from gemeinwohl.accounts.forms import LoginForm, PasswordResetForm, ProfileForm
from gemeinwohl.accounts.models import User
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
        }

    def form_valid(self, form):
        user = user_update_profile(user=self.request.user, **form.cleaned_data)
        translation.activate(user.language)
        messages.success(self.request, _("Ihr Profil wurde gespeichert."))
        return _remember_language(redirect("accounts:profile"), user.language)
