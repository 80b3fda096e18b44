"""What each OParl object type is made of here, and when it is public.

OParl is a public interface: an object appears only when it and everything
it belongs to is ``öffentlich`` (and, for people, when they consented to be
named). Each kind says which rows it is made from, the condition for being
public, and when it last changed, counting the objects embedded in it, so
that a change of an embedded object updates its parent's ``modified`` as
the specification requires.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest

from gemeinwohl.committees.models import AgendaItem, Committee, Decision, Document, Meeting, Membership
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Affiliation, ConsentRecord, Person
from gemeinwohl.oparl.models import LegislativeTerm

PUBLIC = Visibility.PUBLIC
ANONYMOUS = AnonymousUser()


def _published(model) -> Q:
    """What anyone may read: the model's one scoping (``visible_to``), asked for an anonymous reader."""
    return Q(pk__in=model.objects.visible_to(ANONYMOUS).values("pk"))


def committee_public() -> Q:
    return _published(Committee)


def meeting_public() -> Q:
    return _published(Meeting) & Q(committee__in=Committee.objects.visible_to(ANONYMOUS).values("pk"))


def item_public() -> Q:
    return _published(AgendaItem)


def document_public() -> Q:
    return _published(Document)


def decision_public() -> Q:
    return _published(Decision)


def membership_public() -> Q:
    """Public seats in public committees (``visible_to`` names people only while they consent)."""
    return _published(Membership) & Q(committee__in=Committee.objects.visible_to(ANONYMOUS).values("pk"))


def person_public() -> Q:
    return Q(pk__in=Membership.objects.filter(membership_public()).values("person"))


def affiliation_public() -> Q:
    """Affiliations a public person is named with: public, to a public organisation."""
    return Q(visibility=PUBLIC, organisation__visibility=PUBLIC, organisation__archived_at__isnull=True)


def latest_change(model, link: str, outer: str = "pk"):
    """The last ``updated_at`` among ``model`` rows whose ``link`` points at the outer row."""
    return Subquery(
        model.objects.filter(**{link: OuterRef(outer)})
        .order_by()
        .values(link)
        .annotate(latest=Max("updated_at"))
        .values("latest")[:1]
    )


def changed_with(*subqueries):
    """``updated_at`` of the row or of what is embedded in it, whichever is later.

    Embedded rows count whatever their level: a change that makes one of them
    private changes what the parent shows.
    """
    own = F("updated_at")
    return Greatest(own, *(Coalesce(subquery, own) for subquery in subqueries))


@dataclass(frozen=True)
class Kind:
    """An OParl object type as the index sees it."""

    name: str
    type_name: str
    model: type
    public: callable
    modified: callable = lambda: F("updated_at")
    created: str = "created_at"
    # (kind, field) pairs: whose ``modified`` changes when an object of this kind appears or disappears.
    parents: tuple = field(default_factory=tuple)

    @property
    def type_uri(self) -> str:
        return f"https://schema.oparl.org/1.1/{self.type_name}"


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "organization",
            "Organization",
            Committee,
            committee_public,
            modified=lambda: changed_with(latest_change(Membership, "committee")),
        ),
        Kind(
            "person",
            "Person",
            Person,
            person_public,
            modified=lambda: changed_with(
                latest_change(Membership, "person"),
                latest_change(Affiliation, "person"),
                latest_change(ConsentRecord, "person"),
            ),
        ),
        Kind(
            "membership",
            "Membership",
            Membership,
            membership_public,
            parents=(("person", "person_id"), ("organization", "committee_id")),
        ),
        Kind(
            "meeting",
            "Meeting",
            Meeting,
            meeting_public,
            modified=lambda: changed_with(
                latest_change(AgendaItem, "meeting"),
                latest_change(Document, "meeting"),
                latest_change(Decision, "agenda_item__meeting"),
            ),
        ),
        Kind(
            "location",
            "Location",
            Meeting,
            lambda: meeting_public() & (~Q(address="") | ~Q(room="")),
            parents=(("meeting", "pk"),),
        ),
        Kind(
            "agendaItem",
            "AgendaItem",
            AgendaItem,
            item_public,
            modified=lambda: changed_with(
                latest_change(Document, "agenda_item"), latest_change(Decision, "agenda_item")
            ),
            parents=(("meeting", "meeting_id"),),
        ),
        Kind(
            "file",
            "File",
            Document,
            document_public,
            parents=(("meeting", "meeting_id"), ("agendaItem", "agenda_item_id")),
        ),
        Kind(
            "paper",
            "Paper",
            Decision,
            decision_public,
            modified=lambda: Greatest(
                F("updated_at"), F("agenda_item__updated_at"), F("agenda_item__meeting__updated_at")
            ),
            parents=(("agendaItem", "agenda_item_id"),),
        ),
        Kind(
            "consultation",
            "Consultation",
            Decision,
            decision_public,
            parents=(("paper", "pk"), ("agendaItem", "agenda_item_id")),
        ),
        Kind("legislativeTerm", "LegislativeTerm", LegislativeTerm, lambda: Q(pk__isnull=False)),
    )
}
