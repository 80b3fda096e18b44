"""The address book: people, organisations, how they relate, how to reach them, what they consented to."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.periods import check_period, period_constraint
from gemeinwohl.core.visibility import (
    Visibility,
    VisibilityField,
    VisibleQuerySet,
    clearance_for,
    visibility_constraint,
)


class Sector(models.TextChoices):
    POLITICS = "politik", _("Politik")
    ADMINISTRATION = "verwaltung", _("Verwaltung")
    CIVIL_SOCIETY = "zivilgesellschaft", _("Zivilgesellschaft/Initiative")
    COMMON_GOOD_ECONOMY = "gemeinwohlwirtschaft", _("Gemeinwohlorientierte Wirtschaft")
    OTHER = "sonstige", _("Sonstige")


class LegalForm(models.TextChoices):
    AUTHORITY = "behoerde", _("Behörde/Amt")
    POLITICAL = "politik", _("Partei/Fraktion")
    ASSOCIATION = "verein", _("Verein")
    INITIATIVE = "initiative", _("Initiative (nicht eingetragen)")
    COOPERATIVE = "genossenschaft", _("Genossenschaft")
    FOUNDATION = "stiftung", _("Stiftung")
    SYNDICATE = "syndikat", _("Mietshäuser-Syndikat-Projekt")
    COMPANY = "gesellschaft", _("Gesellschaft (GmbH, gGmbH, …)")
    NETWORK = "netzwerk", _("Netzwerk/Plattform")
    OTHER = "sonstige", _("Sonstige")


class Topic(TimeStampedModel):
    name = models.CharField(_("Name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self):
        return self.name


class EntryQuerySet(VisibleQuerySet):
    """People and organisations: scoped by the reader, archived ones set apart."""

    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class Entry(TimeStampedModel):
    """What people and organisations share: topics, visibility, archiving."""

    topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("Themen"))
    visibility = VisibilityField()
    archived_at = models.DateTimeField(_("archiviert am"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = EntryQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Organisation(Entry):
    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=60, blank=True)
    sector = models.CharField(_("Sektor"), max_length=24, choices=Sector.choices)
    legal_form = models.CharField(_("Rechtsform/Art"), max_length=24, choices=LegalForm.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Teil von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        constraints = [
            visibility_constraint("directory_organisation"),
            models.CheckConstraint(condition=Q(sector__in=Sector.values), name="directory_organisation_sector_known"),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="directory_organisation_not_own_parent",
                violation_error_message=_("Eine Organisation kann nicht Teil von sich selbst sein."),
            ),
        ]
        indexes = [models.Index(fields=["sector"]), models.Index(fields=["-updated_at"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:organisation_detail", kwargs={"pk": self.pk})

    @property
    def kind(self) -> str:
        return "organisation"


class Person(Entry):
    title = models.CharField(_("Titel"), max_length=40, blank=True, help_text=_("z. B. Dr."))
    given_name = models.CharField(_("Vorname"), max_length=100, blank=True)
    family_name = models.CharField(_("Nachname"), max_length=100)
    pronouns = models.CharField(_("Pronomen"), max_length=40, blank=True)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        constraints = [
            visibility_constraint("directory_person"),
            models.CheckConstraint(
                condition=~Q(family_name=""),
                name="directory_person_family_name_set",
                violation_error_message=_("Bitte einen Nachnamen angeben."),
            ),
        ]
        indexes = [models.Index(fields=["family_name", "given_name"]), models.Index(fields=["-updated_at"])]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("directory:person_detail", kwargs={"pk": self.pk})

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.title, self.given_name, self.family_name) if part)

    @property
    def kind(self) -> str:
        return "person"


def one_owner_constraint(model_name: str) -> models.CheckConstraint:
    """Database guard: the row hangs off exactly one person or one organisation."""
    return models.CheckConstraint(
        condition=Q(person__isnull=False, organisation__isnull=True)
        | Q(person__isnull=True, organisation__isnull=False),
        name=f"{model_name}_one_owner",
    )


class ChildQuerySet(models.QuerySet):
    """Items hanging off a person and/or organisation.

    Visible when the item's own level and that of every entry it hangs off
    are within the reader's clearance: a child is never looser than its parent.
    """

    def visible_to(self, user):
        level = clearance_for(user)
        return self.filter(
            Q(visibility__lte=level),
            Q(person__isnull=True) | Q(person__visibility__lte=level),
            Q(organisation__isnull=True) | Q(organisation__visibility__lte=level),
        )


class AffiliationKind(models.TextChoices):
    WORKS_AT = "arbeitet_bei", _("arbeitet bei")
    MEMBER_OF = "mitglied_von", _("Mitglied von")
    SPEAKS_FOR = "spricht_fuer", _("spricht für")


class Affiliation(TimeStampedModel):
    """A person's relation to an organisation, for a period."""

    person = models.ForeignKey(Person, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE, related_name="affiliations"
    )
    kind = models.CharField(
        _("Beziehung"), max_length=20, choices=AffiliationKind.choices, default=AffiliationKind.WORKS_AT
    )
    function = models.CharField(_("Funktion"), max_length=150, blank=True, help_text=_("z. B. Referentin, Vorstand"))
    start_date = models.DateField(_("seit"), null=True, blank=True)
    end_date = models.DateField(_("bis"), null=True, blank=True)
    visibility = VisibilityField()

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["-end_date", "organisation__name", "pk"]
        verbose_name = _("Beziehung zu einer Organisation")
        verbose_name_plural = _("Beziehungen zu Organisationen")
        constraints = [
            visibility_constraint("directory_affiliation"),
            period_constraint("directory_affiliation"),
            models.CheckConstraint(
                condition=Q(kind__in=AffiliationKind.values), name="directory_affiliation_kind_known"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_kind_display()} – {self.organisation}"

    def clean(self):
        check_period(self.start_date, self.end_date)

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (self.start_date is None or self.start_date <= today) and (
            self.end_date is None or self.end_date >= today
        )


class ContactKind(models.TextChoices):
    EMAIL = "email", _("E-Mail")
    PHONE = "telefon", _("Telefon")
    MOBILE = "mobil", _("Mobil")
    ADDRESS = "adresse", _("Anschrift")
    WEBSITE = "website", _("Website")


class ContactContext(models.TextChoices):
    WORK = "dienstlich", _("dienstlich")
    PRIVATE = "privat", _("privat")


PHONE_PATTERN = re.compile(r"^\+?[0-9 ()/\-–.]{5,30}$")


class ContactDetail(TimeStampedModel):
    """One way to reach a person or an organisation (exactly one of them)."""

    person = models.ForeignKey(
        Person, verbose_name=_("Person"), null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    kind = models.CharField(_("Art"), max_length=10, choices=ContactKind.choices)
    context = models.CharField(
        _("Zusammenhang"), max_length=12, choices=ContactContext.choices, default=ContactContext.WORK
    )
    value = models.CharField(_("Angabe"), max_length=300)
    visibility = VisibilityField()

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("Kontaktangabe")
        verbose_name_plural = _("Kontaktangaben")
        constraints = [
            visibility_constraint("directory_contactdetail"),
            one_owner_constraint("directory_contactdetail"),
            models.CheckConstraint(condition=Q(kind__in=ContactKind.values), name="directory_contactdetail_kind_known"),
            # Private contact details are for the team at most, never public or for members.
            models.CheckConstraint(
                condition=~Q(context=ContactContext.PRIVATE) | Q(visibility__gte=Visibility.TEAM),
                name="directory_contactdetail_private_is_team_only",
                violation_error_message=_("Private Kontaktangaben sind höchstens für das Team sichtbar."),
            ),
        ]
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self):
        self.value = (self.value or "").strip()
        if self.kind == ContactKind.EMAIL:
            self.value = self.value.lower()
            try:
                EmailValidator()(self.value)
            except ValidationError:
                raise ValidationError(
                    {"value": _("„%(value)s“ ist keine gültige E-Mail-Adresse.") % {"value": self.value}}
                ) from None
        elif self.kind in (ContactKind.PHONE, ContactKind.MOBILE) and not PHONE_PATTERN.match(self.value):
            raise ValidationError({"value": _("Bitte eine Telefonnummer aus Ziffern angeben, z. B. +49 30 12345-678.")})
        elif self.kind == ContactKind.WEBSITE:
            try:
                URLValidator(schemes=["http", "https"])(self.value)
            except ValidationError:
                raise ValidationError(
                    {"value": _("Bitte eine vollständige Adresse angeben, die mit https:// beginnt.")}
                ) from None
        if self.context == ContactContext.PRIVATE and self.visibility < Visibility.TEAM:
            raise ValidationError({"visibility": _("Private Kontaktangaben sind höchstens für das Team sichtbar.")})

    @property
    def href(self) -> str:
        if self.kind == ContactKind.EMAIL:
            return f"mailto:{self.value}"
        if self.kind in (ContactKind.PHONE, ContactKind.MOBILE):
            return "tel:" + re.sub(r"[^0-9+]", "", self.value)
        if self.kind == ContactKind.WEBSITE:
            return self.value
        return ""


class Note(TimeStampedModel):
    """A dated remark on a person or an organisation; can be administration-internal."""

    person = models.ForeignKey(
        Person, verbose_name=_("Person"), null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notes",
    )
    text = models.TextField(_("Notiz"), max_length=5000)
    visibility = VisibilityField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verfasst von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Notiz")
        verbose_name_plural = _("Notizen")
        constraints = [
            visibility_constraint("directory_note"),
            one_owner_constraint("directory_note"),
        ]

    def __str__(self):
        return self.text[:60]


class ConsentPurpose(models.TextChoices):
    CONTACT = "kontakt", _("Speicherung im Adressbuch und Kontaktaufnahme")
    NEWSLETTER = "newsletter", _("Einladungen und Rundbriefe per E-Mail")
    PUBLIC_LISTING = "oeffentlich", _("Öffentliche Nennung mit Name und Organisation")
    PHOTOS = "fotos", _("Veröffentlichung von Fotos")


class ConsentMethod(models.TextChoices):
    WRITTEN = "schriftlich", _("schriftlich")
    EMAIL = "email", _("per E-Mail")
    ONLINE = "online", _("Online-Formular")
    ORAL = "muendlich", _("mündlich, dokumentiert")
    EVENT = "veranstaltung", _("Anmeldung zu einer Veranstaltung")


class ConsentText(TimeStampedModel):
    """The exact wording a consent was given to, in a numbered version."""

    purpose = models.CharField(_("Zweck"), max_length=20, choices=ConsentPurpose.choices)
    version = models.CharField(_("Fassung"), max_length=20, help_text=_("z. B. 2025-01"))
    text = models.TextField(_("Wortlaut"))
    valid_from = models.DateField(_("gültig ab"))

    class Meta:
        ordering = ["purpose", "-valid_from"]
        verbose_name = _("Einwilligungstext")
        verbose_name_plural = _("Einwilligungstexte")
        constraints = [
            models.UniqueConstraint(fields=["purpose", "version"], name="directory_consenttext_unique_version"),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} ({_('Fassung')} {self.version})"


class ConsentQuerySet(models.QuerySet):
    def visible_to(self, user):
        level = clearance_for(user)
        return self.filter(visibility__lte=level, person__visibility__lte=level)


class ConsentRecord(TimeStampedModel):
    """That a person gave or withdrew a consent: when, how, to which text."""

    person = models.ForeignKey(Person, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="consents")
    consent_text = models.ForeignKey(ConsentText, verbose_name=_("Einwilligungstext"), on_delete=models.PROTECT)
    granted = models.BooleanField(_("erteilt"), default=True, help_text=_("Nicht angekreuzt: widerrufen."))
    given_on = models.DateField(_("am"))
    method = models.CharField(_("Wie"), max_length=20, choices=ConsentMethod.choices)
    note = models.CharField(_("Bemerkung"), max_length=300, blank=True)
    visibility = VisibilityField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        constraints = [visibility_constraint("directory_consentrecord")]

    def __str__(self):
        return f"{self.person}: {self.consent_text}"

    def clean(self):
        if self.given_on and self.given_on > timezone.localdate():
            raise ValidationError({"given_on": _("Das Datum darf nicht in der Zukunft liegen.")})
