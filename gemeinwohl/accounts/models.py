import rules
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.visibility import Visibility


class Role(models.TextChoices):
    ADMIN = "admin", _("Administration")
    TEAM_INTERNAL = "team_intern", _("AKS-Team, verwaltungsintern")
    TEAM_EXTERNAL = "team_extern", _("AKS-Team, Trägerverein")
    BEZIRKSAMT = "bezirksamt", _("Bezirksamt")
    REGISTERED = "registriert", _("Registriert")


# What each role may read where no committee or network widens it.
# Membership in a committee adds to this per committee (see core.visibility).
ROLE_CLEARANCE = {
    Role.ADMIN: Visibility.INTERNAL,
    Role.TEAM_INTERNAL: Visibility.INTERNAL,
    Role.TEAM_EXTERNAL: Visibility.TEAM,
    Role.BEZIRKSAMT: Visibility.TEAM,
    Role.REGISTERED: Visibility.PUBLIC,
}

# What each role may read of a committee's content: (as a member, otherwise).
# Bezirksamt staff are administration staff of the bodies they belong to, and
# read nothing beyond the public part of the others; members from initiatives
# read the members' part of their own committees.
BODY_CLEARANCE = {
    Role.ADMIN: (Visibility.INTERNAL, Visibility.INTERNAL),
    Role.TEAM_INTERNAL: (Visibility.INTERNAL, Visibility.INTERNAL),
    Role.TEAM_EXTERNAL: (Visibility.TEAM, Visibility.TEAM),
    Role.BEZIRKSAMT: (Visibility.INTERNAL, Visibility.PUBLIC),
    Role.REGISTERED: (Visibility.MEMBERS, Visibility.PUBLIC),
}
# A member without an account (reached by e-mail only) reads as a registered member.
MEMBER_WITHOUT_ACCOUNT_CLEARANCE = Visibility.MEMBERS

TEAM_ROLES = (Role.TEAM_INTERNAL, Role.TEAM_EXTERNAL)
# Roles that read beyond the public part must log in with a second factor; registered users may.
SECOND_FACTOR_ROLES = (Role.ADMIN, Role.TEAM_INTERNAL, Role.TEAM_EXTERNAL, Role.BEZIRKSAMT)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # E-mail addresses log in whatever their case.
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **fields):
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(role=Role.ADMIN, is_superuser=True)
        fields.setdefault("name", email.split("@")[0])
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. People without an account live only in the address book."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    name = models.CharField(_("Name"), max_length=150)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.REGISTERED)
    language = models.CharField(
        _("Sprache"), max_length=5, choices=[("de", "Deutsch"), ("en", "English")], default="de"
    )
    is_active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Deaktivierte Konten können sich nicht mehr anmelden.")
    )
    date_joined = models.DateTimeField(_("angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["name", "email"]
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="accounts_user_role_known"),
            # Only administrators hold every permission.
            models.CheckConstraint(
                condition=models.Q(is_superuser=False) | models.Q(role=Role.ADMIN),
                name="accounts_user_superuser_is_admin",
            ),
        ]

    def __str__(self):
        return self.name or self.email

    def has_perm(self, perm, obj=None) -> bool:
        """Every role, administrators included, holds permissions only through the rules.

        Django's blanket "superuser may do anything" would skip the conditions
        the rules hold, such as "not while archived".
        """
        return self.is_active and rules.has_perm(perm, self, obj)

    def has_perms(self, perm_list, obj=None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label) -> bool:
        return self.is_active and rules.has_perm(app_label, self)

    @property
    def is_staff(self) -> bool:
        """Django's admin site is for administrators only."""
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_team(self) -> bool:
        return self.role in TEAM_ROLES

    @property
    def role_requires_second_factor(self) -> bool:
        return self.role in SECOND_FACTOR_ROLES

    @property
    def global_clearance(self) -> Visibility:
        return ROLE_CLEARANCE[Role(self.role)]

    def body_clearance(self, *, is_member: bool) -> Visibility:
        """What this account reads of a committee's content, as a member or not."""
        as_member, otherwise = BODY_CLEARANCE[Role(self.role)]
        return as_member if is_member else otherwise

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email


class FeedToken(models.Model):
    """The secret in a person's private calendar address; renewing it retires the old address."""

    user = models.OneToOneField(User, verbose_name=_("Konto"), on_delete=models.CASCADE, related_name="feed_token")
    key = models.CharField(_("Schlüssel"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        ordering = ["user"]
        verbose_name = _("Kalenderschlüssel")
        verbose_name_plural = _("Kalenderschlüssel")

    def __str__(self):
        return str(self.user)
