"""Periods with an optional start and end date (seats, affiliations): one rule for all."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ENDS_BEFORE_START = _("Das Ende darf nicht vor dem Beginn liegen.")


def period_constraint(model_name: str) -> models.CheckConstraint:
    """Database guard: a period never ends before it starts (either date may be open)."""
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
        name=f"{model_name}_ends_after_start",
        violation_error_message=ENDS_BEFORE_START,
    )


def check_period(start: datetime.date | None, end: datetime.date | None) -> None:
    """The same rule for forms and ``clean()``, with the message on the end date."""
    if start and end and end < start:
        raise ValidationError({"end_date": ENDS_BEFORE_START})


def current_q(day: datetime.date | None = None) -> Q:
    """Periods that include ``day`` (today by default)."""
    day = day or timezone.localdate()
    return Q(Q(start_date__isnull=True) | Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))
