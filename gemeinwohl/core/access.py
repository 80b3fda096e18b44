"""Access helpers: fetch an object for a reader, or fail the same way for all.

A hidden object and a missing one must be indistinguishable, so both raise
the same ``Http404``; so do malformed keys.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404


def get_visible_or_404(queryset, user, **lookup):
    """The object matching ``lookup`` among those ``user`` may see, else 404."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
