from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import VisibilityField, visibility_constraint


class CommitteeKind(models.TextChoices):
    OWN = "eigenes_gremium", _("eigenes Gremium")
    EXTERNAL = "externe_runde", _("externe Runde")
    NETWORK = "netzwerk", _("Netzwerk")
    ASSOCIATION = "vereinsgremium", _("Vereinsgremium")


class CommitteeQuerySet(models.QuerySet):
    def visible_to(self, user):
        from gemeinwohl.committees.visibility import content_q

        return self.filter(content_q(user, committee="pk"))


class Committee(TimeStampedModel):
    """A Gremium the AKS runs or a round it takes part in.

    Its visibility is the level of the committee itself and the default for
    its content; meetings, items, documents, minutes, decisions and tasks may
    be stricter, never looser.
    """

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=40)
    slug = models.SlugField(_("Kürzel für Adressen"), max_length=60, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=CommitteeKind.choices)
    organisers = models.ManyToManyField(
        "directory.Organisation", verbose_name=_("organisiert von"), blank=True, related_name="organised_committees"
    )
    purpose = models.TextField(_("Zweck"), blank=True)
    rhythm = models.CharField(
        _("Rhythmus"), max_length=120, blank=True, help_text=_("z. B. monatlich, erster Dienstag")
    )
    visibility = VisibilityField(help_text=_("Sichtbarkeit des Gremiums und Vorgabe für seine Inhalte."))

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        constraints = [
            visibility_constraint("committees_committee"),
            models.CheckConstraint(
                condition=models.Q(kind__in=CommitteeKind.values), name="committees_committee_kind_known"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("committees:committee_detail", kwargs={"slug": self.slug})

    def clearance_for(self, user):
        """What ``user`` reads of this committee's content (see committees.visibility)."""
        from gemeinwohl.committees.visibility import clearance_in

        return clearance_in(user, self.pk)
