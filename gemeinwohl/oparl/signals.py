"""Every save or delete of committee or address-book data updates the OParl index right away."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gemeinwohl.committees.models import AgendaItem, Committee, Decision, Document, Meeting, Membership
from gemeinwohl.directory.models import Affiliation, ConsentRecord, Organisation, Person
from gemeinwohl.oparl import index
from gemeinwohl.oparl.kinds import KINDS
from gemeinwohl.oparl.models import LegislativeTerm


def _active(raw: bool = False) -> bool:
    return not raw and not index.is_paused()


@receiver(post_save, sender=Committee)
def committee_saved(sender, instance, raw=False, **kwargs):
    if _active(raw):
        index.refresh_committee(instance.pk)


@receiver(post_save, sender=Meeting)
def meeting_saved(sender, instance, raw=False, **kwargs):
    if _active(raw):
        index.refresh_meeting(instance.pk)


@receiver(post_save, sender=AgendaItem)
@receiver(post_save, sender=Document)
def meeting_part_saved(sender, instance, raw=False, **kwargs):
    if _active(raw):
        index.refresh_meeting(instance.meeting_id)


@receiver(post_save, sender=Decision)
def decision_saved(sender, instance, raw=False, **kwargs):
    if _active(raw):
        index.refresh_meeting(instance.agenda_item.meeting_id)


@receiver(post_save, sender=Membership)
def membership_saved(sender, instance, raw=False, **kwargs):
    if _active(raw):
        index.refresh_person(instance.person_id)


@receiver(post_save, sender=Person)
def person_saved(sender, instance, raw=False, **kwargs):
    if _active(raw):
        index.refresh_person(instance.pk)


@receiver(post_save, sender=ConsentRecord)
@receiver(post_save, sender=Affiliation)
@receiver(post_delete, sender=ConsentRecord)
@receiver(post_delete, sender=Affiliation)
def person_detail_changed(sender, instance, raw=False, **kwargs):
    if _active(raw):
        index.refresh_person(instance.person_id)


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    """People are named with their public affiliations: a renamed or hidden organisation changes them."""
    if _active(raw):
        index.refresh(KINDS["person"], Q(pk__in=Affiliation.objects.filter(organisation=instance.pk).values("person")))


@receiver(post_save, sender=LegislativeTerm)
def legislative_term_saved(sender, instance, raw=False, **kwargs):
    if _active(raw):
        index.refresh_legislative_term(instance.pk)


# The OParl types each model stands behind (a meeting is also its location, a decision its consultation).
DELETED_KINDS: dict[type, list[str]] = {}
for _kind in KINDS.values():
    DELETED_KINDS.setdefault(_kind.model, []).append(_kind.name)


def object_deleted(sender, instance, **kwargs):
    if index.is_paused():
        return
    for kind in DELETED_KINDS[sender]:
        index.withdraw(KINDS[kind], instance)
    if sender is Membership:
        index.refresh_person(instance.person_id)


for model in DELETED_KINDS:
    post_delete.connect(object_deleted, sender=model, dispatch_uid=f"oparl_deleted_{model.__name__}")


def index_legislative_terms(sender, using="default", **kwargs):
    """The terms a migration added (data migrations send no save signals)."""
    index.refresh(KINDS["legislativeTerm"], Q())
