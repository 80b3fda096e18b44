from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinwohl.accounts.models import Role
from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import Visibility, VisibilityField, clearance_for, visibility_constraint
from gemeinwohl.places.models.choices import ActorRole, OwnerType, PlaceKind, Rating, Review, Status, Use

# Who reviews proposals and sees places still under review.
REVIEWERS = (Role.ADMIN, Role.TEAM_INTERNAL, Role.TEAM_EXTERNAL)


def reviews_places(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role in REVIEWERS)


class PlaceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Places ``user`` may see: by level, and only accepted ones unless ``user`` reviews proposals."""
        places = self.filter(visibility__lte=clearance_for(user))
        if not reviews_places(user):
            places = places.filter(review=Review.ACCEPTED)
        return places

    def on_map(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)


class Place(TimeStampedModel):
    """A common-good project or space (Ort): where it is, what it is used for, who is involved, how it stands."""

    kind = models.CharField(_("Art"), max_length=16, choices=PlaceKind.choices, default=PlaceKind.PROJECT)
    name = models.CharField(_("Name"), max_length=200)
    address = models.CharField(_("Adresse"), max_length=200, blank=True)
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    visibility = VisibilityField(default=Visibility.PUBLIC)

    status = models.CharField(_("Stand"), max_length=16, choices=Status.choices, default=Status.IDEA)
    status_since = models.DateField(_("Stand seit"), null=True, blank=True)

    # Sensitive: may be stricter than the place (never looser).
    owner_type = models.CharField(_("Eigentum"), max_length=16, choices=OwnerType.choices, default=OwnerType.UNKNOWN)
    owner_note = models.CharField(_("zum Eigentum"), max_length=300, blank=True)
    owner_visibility = VisibilityField(verbose_name=_("Sichtbarkeit des Eigentums"), default=Visibility.TEAM)
    negotiations = models.TextField(_("Verhandlungen"), blank=True)
    negotiations_visibility = VisibilityField(verbose_name=_("Sichtbarkeit der Verhandlungen"), default=Visibility.TEAM)

    # Computed from the position (places.geo); empty without a position.
    district = models.ForeignKey(
        "places.Area", verbose_name=_("Bezirk"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ortsteil = models.ForeignKey(
        "places.Area", verbose_name=_("Ortsteil"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    prognoseraum = models.ForeignKey(
        "places.Area",
        verbose_name=_("LOR-Prognoseraum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    milieuschutz = models.ForeignKey(
        "places.Area",
        verbose_name=_("Soziales Erhaltungsgebiet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outside_berlin = models.BooleanField(_("außerhalb Berlins"), default=False)
    areas_computed_at = models.DateTimeField(_("Gebiete bestimmt am"), null=True, blank=True)

    # Proposals from the public ("Ort vorschlagen") wait for the team's review.
    review = models.CharField(_("Prüfung"), max_length=16, choices=Review.choices, default=Review.ACCEPTED)
    proposer_name = models.CharField(_("vorgeschlagen von"), max_length=150, blank=True)
    proposer_email = models.EmailField(_("E-Mail-Adresse der vorschlagenden Person"), blank=True)
    proposal_consent_at = models.DateTimeField(_("Einwilligung am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        constraints = [
            visibility_constraint("places_place"),
            visibility_constraint("places_place", "owner_visibility"),
            visibility_constraint("places_place", "negotiations_visibility"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="places_place_position_valid",
            ),
            models.CheckConstraint(
                condition=Q(owner_visibility__gte=models.F("visibility"))
                & Q(negotiations_visibility__gte=models.F("visibility")),
                name="places_place_sensitive_not_looser",
            ),
        ]
        indexes = [models.Index(fields=["review", "visibility"], name="places_place_review_vis")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("places:place_detail", kwargs={"pk": self.pk})

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def reader_sees_owner(self, user) -> bool:
        return self.owner_visibility <= clearance_for(user)

    def reader_sees_negotiations(self, user) -> bool:
        return self.negotiations_visibility <= clearance_for(user)


class PlaceUse(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="uses")
    use = models.CharField(_("Nutzung"), max_length=16, choices=Use.choices)

    class Meta:
        ordering = ["place", "use"]
        verbose_name = _("Nutzung")
        verbose_name_plural = _("Nutzungen")
        constraints = [models.UniqueConstraint(fields=["place", "use"], name="places_use_once")]

    def __str__(self):
        return self.get_use_display()


class PlaceActor(TimeStampedModel):
    """An actor from the address book and the role they play at the place."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="actors")
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="places"
    )
    person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="places"
    )
    role = models.CharField(_("Rolle"), max_length=16, choices=ActorRole.choices)

    class Meta:
        ordering = ["place", "role", "pk"]
        verbose_name = _("Beteiligte")
        verbose_name_plural = _("Beteiligte")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, person__isnull=True)
                | Q(organisation__isnull=True, person__isnull=False),
                name="places_actor_one_entry",
            ),
        ]

    def __str__(self):
        return str(self.organisation or self.person)


class StatusChange(models.Model):
    """One step in a place's history: the new status, since when, why, and who recorded it."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("Stand"), max_length=16, choices=Status.choices)
    on_date = models.DateField(_("seit"))
    note = models.TextField(_("Anmerkung"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingetragen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("eingetragen am"), auto_now_add=True)

    class Meta:
        ordering = ["place", "-on_date", "-pk"]
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusänderungen")

    def __str__(self):
        return self.get_status_display()


class Criterion(TimeStampedModel):
    """A common-good criterion of the checklist (edited by administrators)."""

    name = models.CharField(_("Kriterium"), max_length=200, unique=True)
    description = models.TextField(_("Erläuterung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_active = models.BooleanField(_("in Gebrauch"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Gemeinwohlkriterium")
        verbose_name_plural = _("Gemeinwohlkriterien")

    def __str__(self):
        return self.name


class Assessment(TimeStampedModel):
    """How far a place meets one criterion."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="assessments")
    rating = models.CharField(_("Bewertung"), max_length=12, choices=Rating.choices)
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)

    class Meta:
        ordering = ["place", "criterion__position", "criterion_id"]
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.UniqueConstraint(fields=["place", "criterion"], name="places_assessment_once"),
            models.CheckConstraint(condition=Q(rating__in=Rating.values), name="places_assessment_known_rating"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.get_rating_display()}"
