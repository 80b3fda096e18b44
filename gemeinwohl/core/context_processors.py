from django.conf import settings

from gemeinwohl.core import navigation


def site(request):
    """Site name and the main navigation for the reader of this request."""
    return {
        "platform_name": settings.SITE_NAME,
        "main_navigation": navigation.entries_for(request.user, request.path),
    }
