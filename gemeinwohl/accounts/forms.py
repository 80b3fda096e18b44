from django import forms
from django.contrib.auth.forms import AuthenticationForm
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
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "type": "email"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]
        labels = {"language": _("Sprache der Oberfläche")}
