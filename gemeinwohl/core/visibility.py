"""The one visibility rule of DESIGN.md.

Every piece of content carries one level. A reader has a clearance, the
highest level they may read; they see content whose level is at or below it.
Content that belongs to a container with members of its own (a committee)
is read with the clearance that container gives the reader; everything else
with the reader's global clearance, which follows from their role.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Visibility(models.IntegerChoices):
    PUBLIC = 0, pgettext_lazy("Sichtbarkeit", "öffentlich")
    MEMBERS = 10, pgettext_lazy("Sichtbarkeit", "Mitglieder")
    TEAM = 20, pgettext_lazy("Sichtbarkeit", "Team")
    INTERNAL = 30, pgettext_lazy("Sichtbarkeit", "verwaltungsintern")


VISIBILITY_HELP = {
    Visibility.PUBLIC: _("Für alle sichtbar, auch ohne Anmeldung."),
    Visibility.MEMBERS: _("Für die Mitglieder des Gremiums oder Netzwerks, das AKS-Team und das Bezirksamt."),
    Visibility.TEAM: _("Für das AKS-Team und die zuständigen Mitarbeitenden des Bezirksamts."),
    Visibility.INTERNAL: _("Nur für verwaltungsinterne Mitarbeitende."),
}


def clearance_for(user, scope=None) -> Visibility:
    """The highest level ``user`` may read, globally or within ``scope``.

    Anonymous readers and inactive accounts only ever read public content.
    A scope (e.g. a committee) decides for its own content through its
    ``clearance_for(user)``: Bezirksamt staff, for instance, read a committee's
    team content only where they are members.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Visibility.PUBLIC
    if scope is not None:
        return Visibility(scope.clearance_for(user))
    return Visibility(user.global_clearance)


def selectable_levels(user, *, floor: int = Visibility.PUBLIC, scope=None) -> list[tuple[int, str]]:
    """Levels ``user`` may give to an item whose container sits at ``floor`` (within ``scope``).

    An item may be stricter than its container, never looser, and nobody may
    file content at a level they could not read themselves.
    """
    ceiling = clearance_for(user, scope)
    return [(level.value, level.label) for level in Visibility if floor <= level <= ceiling]


def check_not_looser(*, level: int, floor: int, field: str = "visibility") -> None:
    """Raise if an item would be visible to more readers than its container."""
    if level < floor:
        raise ValidationError(
            {
                field: _("Die Sichtbarkeit darf nicht offener sein als die des übergeordneten Eintrags (%(floor)s).")
                % {"floor": Visibility(floor).label}
            }
        )


class VisibilityField(models.PositiveSmallIntegerField):
    """A visibility level, stored as its number so that levels compare in SQL."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", Visibility.choices)
        kwargs.setdefault("default", Visibility.TEAM)
        kwargs.setdefault("verbose_name", _("Sichtbarkeit"))
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "gemeinwohl.core.visibility.VisibilityField", args, kwargs


def visibility_constraint(model_name: str, field: str = "visibility") -> models.CheckConstraint:
    """Database guard: only the four known levels can be stored."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": Visibility.values}),
        name=f"{model_name}_{field}_known_level",
    )


class VisibleQuerySet(models.QuerySet):
    """Querysets of content with a ``visibility`` field and no container."""

    def visible_to(self, user):
        return self.filter(visibility__lte=clearance_for(user))
