from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from gemeinwohl.core import navigation


def site(request):
    """Site name and the main navigation for the reader of this request.

    Error pages rendered before the middleware ran (a foreign Host header
    answers 400) have no user yet: they get the anonymous navigation, and so
    does a session that still owes its second factor (nothing else is open to it).
    """
    user = getattr(request, "user", None) or AnonymousUser()
    if getattr(request, "second_factor_pending", False):
        user = AnonymousUser()
    return {
        "platform_name": settings.SITE_NAME,
        "main_navigation": navigation.entries_for(user, request.path),
    }
