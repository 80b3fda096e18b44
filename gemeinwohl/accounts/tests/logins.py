"""Whether a password opens an account, asked the way a person asks: on the login page."""

from django.test import Client
from django.urls import reverse


def password_opens(email: str, password: str, *, address: str = "127.0.0.1") -> bool:
    """Whether logging in on the login page with this e-mail address and password succeeds (a fresh client).

    Django's ``Client.login`` cannot tell: it authenticates without a request, which the login
    throttling (django-axes) refuses, since every real login comes from an address to count.
    """
    client = Client(REMOTE_ADDR=address)
    client.post(reverse("accounts:login"), {"username": email, "password": password})
    return "_auth_user_id" in client.session
