"""Checking a permission inside an action, where there is no view to answer 403."""

from django.core.exceptions import PermissionDenied


def require_perm(user, perm: str, obj=None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` holds ``perm`` (on ``obj``)."""
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(perm)
