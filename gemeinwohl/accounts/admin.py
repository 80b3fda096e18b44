import logging

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeinwohl.accounts.actions import (
    LAST_ADMIN_MESSAGE,
    second_factor_reset,
    user_create,
    user_set_role,
    user_unlock,
    user_update_profile,
)
from gemeinwohl.accounts.models import Role, User
from gemeinwohl.accounts.selectors import is_last_active_admin

logger = logging.getLogger(__name__)


class UserCreationAdminForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "name", "role"]


class UserChangeAdminForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        keeps_admin = data.get("role") == Role.ADMIN and data.get("is_active")
        if not keeps_admin and is_last_active_admin(self.instance):
            raise forms.ValidationError(LAST_ADMIN_MESSAGE)
        return data


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "role", "is_active", "has_second_factor", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "name"]
    form = UserChangeAdminForm
    fields = ["email", "name", "role", "language", "is_active", "last_login", "date_joined"]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["unlock", "reset_second_factor"]

    def get_queryset(self, request):
        confirmed_app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(second_factor=Exists(confirmed_app))

    @admin.display(description=_("Zweiter Faktor"), boolean=True, ordering="second_factor")
    def has_second_factor(self, obj) -> bool:
        return obj.second_factor

    @admin.action(description=_("Zweiten Faktor zurücksetzen"), permissions=["change"])
    def reset_second_factor(self, request, queryset):
        """For someone who lost phone and recovery codes; recorded in each account's history."""
        for user in queryset:
            second_factor_reset(user=user, by=request.user)
            self.log_change(request, user, "Zweiten Faktor zurückgesetzt")
            logger.info("second factor of account %s reset by %s", user.pk, request.user.pk)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "Der zweite Faktor von %(count)d Konto wurde zurückgesetzt; es richtet ihn beim nächsten Anmelden neu ein.",
                "Der zweite Faktor von %(count)d Konten wurde zurückgesetzt; sie richten ihn beim nächsten Anmelden neu ein.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = UserCreationAdminForm
            kwargs["fields"] = ["email", "name", "role"]
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["email", "name", "role"] if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else [*self.readonly_fields, "email"]

    def save_model(self, request, obj, form, change):
        # New accounts set their password through "Passwort vergessen".
        if change:
            # Role first: it brings superuser status in step, which the profile's
            # validation checks; the other way round, demoting an admin failed.
            user_set_role(user=obj, role=obj.role, is_active=obj.is_active, by=request.user)
            user_update_profile(user=obj, name=obj.name, language=obj.language)
        else:
            created = user_create(email=obj.email, name=obj.name, role=obj.role, by=request.user)
            obj.pk = created.pk

    @admin.action(description=_("Entsperren (Anmeldesperre nach Fehlversuchen aufheben)"), permissions=["unlock"])
    def unlock(self, request, queryset):
        for user in queryset:
            user_unlock(user=user, by=request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d Konto entsperrt.",
                "%(count)d Konten entsperrt.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def has_unlock_permission(self, request):
        return request.user.has_perm("accounts.unlock_user")
