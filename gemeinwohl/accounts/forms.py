import unicodedata

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.translation import gettext_lazy as _

from gemeinwohl.accounts.models import User


class LoginForm(AuthenticationForm):
    """E-mail and password. Any failure gets the same message, so nobody learns whether an account exists."""

    error_messages = {
        "invalid_login": _("E-Mail-Adresse oder Passwort sind nicht richtig. Bitte versuchen Sie es erneut."),
        "inactive": _("E-Mail-Adresse oder Passwort sind nicht richtig. Bitte versuchen Sie es erneut."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-Mail-Adresse")
        # input_type, not attrs["type"]: that would add a second type attribute, and browsers keep the first ("text").
        self.fields["username"].widget.input_type = "email"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]
        labels = {"language": _("Sprache der Oberfläche")}


def _same_address(a: str, b: str) -> bool:
    # As Django compares them: no two different addresses may fold into one account's.
    return unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()


class PasswordResetForm(DjangoPasswordResetForm):
    """Sends the link to every active account with that address, including those without a password yet.

    Django leaves out accounts whose password is unusable. Here that only
    means "not set yet": an administrator created the account, and
    "Passwort vergessen" is how its holder sets the first password.
    """

    def get_users(self, email):
        candidates = User._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in candidates if _same_address(email, user.email))
