"""The private link in every registration mail: it lets its holder see and cancel that one registration.

The link carries the registration's number signed with the platform's
secret key, so mails sent later (moving up, reminder) carry the same link
and nothing secret is stored. Forged or altered links answer 404.
"""

from django.core import signing

from gemeinwohl.events.models import Registration

SALT = "gemeinwohl.events.registration"


def registration_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=SALT)


def registration_for_token(token: str) -> Registration | None:
    """The registration the link was made for, or None for a forged, altered or unknown link."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Registration.objects.select_related("event", "event__event_format").filter(pk=pk).first()
