import unicodedata

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils import formats, timezone
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


class SecondFactorCodeForm(forms.Form):
    """One code: six digits from the authenticator app or, where allowed, a recovery code.

    The check itself (which consumes the code) is the view's action; the form
    only carries the field and the message.
    """

    code = forms.CharField(
        label=_("Bestätigungscode"),
        max_length=32,
        help_text=_(
            "Die sechs Ziffern, die Ihre Authenticator-App gerade anzeigt, oder einer Ihrer Wiederherstellungscodes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        ),
    )

    def __init__(self, *args, app_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if app_only:
            self.fields["code"].help_text = _("Die sechs Ziffern, die Ihre Authenticator-App gerade anzeigt.")
            self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def reject(self, locked_until=None) -> None:
        """Mark the code wrong (or, with ``locked_until``, the device waiting after too many wrong ones)."""
        if locked_until is None:
            message = _("Der Code stimmt nicht oder ist schon verbraucht. Bitte versuchen Sie es erneut.")
        else:
            message = _("Zu viele falsche Codes. Bitte warten Sie bis %(time)s und versuchen Sie es dann erneut.") % {
                "time": formats.time_format(timezone.localtime(locked_until), "H:i:s")
            }
        self.add_error("code", message)
