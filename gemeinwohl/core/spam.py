"""Keeping robots and floods away from the forms people send without an account.

Two guards, shared by every public form: an off-screen field that people
leave empty and form-filling robots fill in (``HoneypotMixin``), and a limit
on how often one network address or one e-mail address may send
(``rate_limited``, django-ratelimit's counters in the cache). Only sendings
that went through are counted, so someone correcting a typo is not locked out.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage


class HoneypotMixin(forms.Form):
    """A form field people leave empty (it is off-screen and skipped by the keyboard); robots fill it."""

    homepage = forms.CharField(label=_("Bitte leer lassen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["homepage"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("homepage"))


def _email_key(group, request) -> str:
    return (request.POST.get("email") or "").strip().lower()


def rate_limited(request, *, group: str, rate: str, increment: bool) -> bool:
    """Whether this network address or the e-mail address posted has already sent as often as ``rate`` allows.

    Call it with ``increment=False`` before saving and with ``increment=True``
    once the sending went through.
    """
    limited = False
    for key in ("ip", _email_key):
        usage = get_usage(request, group=group, key=key, rate=rate, method="POST", increment=increment)
        limited |= usage is not None and usage["count"] >= usage["limit"]
    return limited
