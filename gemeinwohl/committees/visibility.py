"""Who reads what of a committee's content.

A committee decides the clearance for its own content: the AKS team reads
by its role everywhere; Bezirksamt staff and members from initiatives read
beyond the public part only in the committees they belong to (see
``accounts.models.BODY_CLEARANCE``). Every queryset of committee content is
scoped through ``content_q``, so pages, feeds, mails, PDFs and exports agree.
"""

from django.db.models import Q
from django.utils import timezone

from gemeinwohl.accounts.models import BODY_CLEARANCE, Role
from gemeinwohl.core.visibility import Visibility


def member_committee_ids(user) -> frozenset[int]:
    """The committees ``user`` currently belongs to through their address-book entry.

    Cached on the user object for the request, so a page asks the database once.
    """
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_committee_ids", None)
    if cached is None:
        from gemeinwohl.committees.models import Membership

        today = timezone.localdate()
        cached = frozenset(
            Membership.objects.current(today).filter(person__account=user).values_list("committee_id", flat=True)
        )
        user._committee_ids = cached
    return cached


def levels_for(user) -> tuple[Visibility, Visibility]:
    """(clearance in the reader's own committees, clearance elsewhere)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Visibility.PUBLIC, Visibility.PUBLIC
    return BODY_CLEARANCE[Role(user.role)]


def clearance_in(user, committee_id: int) -> Visibility:
    as_member, otherwise = levels_for(user)
    return as_member if committee_id in member_committee_ids(user) else otherwise


def content_q(user, *, committee: str = "committee", level: str = "visibility") -> Q:
    """A filter for committee content ``user`` may read.

    ``committee`` is the lookup path to the committee's id field owner
    (e.g. ``"meeting__committee"``), ``level`` the path to the item's own level.
    """
    as_member, otherwise = levels_for(user)
    allowed = Q(**{f"{level}__lte": otherwise})
    if as_member > otherwise:
        committees = member_committee_ids(user)
        if committees:
            allowed |= Q(**{f"{committee}__in": committees, f"{level}__lte": as_member})
    return allowed


def reads_members_q(user, *, committee: str = "committee") -> Q:
    """Content of the committees where ``user`` reads at least the members' part."""
    as_member, otherwise = levels_for(user)
    if otherwise >= Visibility.MEMBERS:
        return Q(pk__isnull=False)
    if as_member >= Visibility.MEMBERS and (committees := member_committee_ids(user)):
        return Q(**{f"{committee}__in": committees})
    return Q(pk__in=[])
