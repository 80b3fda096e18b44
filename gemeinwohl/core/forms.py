import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import Page
from gemeinwohl.core.periods import ENDS_BEFORE_START

# A date picker that sends and shows ISO dates, which every browser understands.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "body", "title_en", "body_en"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18}), "body_en": forms.Textarea(attrs={"rows": 18})}


def add_errors(form, error: ValidationError) -> None:
    """Put an action's ValidationError onto the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


def years_later(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


REPORT_DATE_VALIDATORS = [
    MinValueValidator(datetime.date(2000, 1, 1), message=_("Bitte wählen Sie ein Datum ab dem 1. Januar 2000.")),
    MaxValueValidator(datetime.date(2099, 12, 31), message=_("Bitte wählen Sie ein Datum bis zum 31. Dezember 2099.")),
]
REPORT_DATE_ERRORS = {"invalid": _("Bitte geben Sie ein gültiges Datum an, z. B. 2026-01-31.")}


class ReportPeriodForm(forms.Form):
    """The period of a report, from the query parameters ``von`` and ``bis`` (ISO dates, both included).

    Left out, ``von`` is 1 January of the year of ``bis`` and ``bis`` is today.
    A period never ends before it starts and spans at most ``MAX_YEARS`` years.
    """

    MAX_YEARS = 10

    # The field names are the query parameters people see in the address bar.
    von = forms.DateField(
        label=_("von"),
        required=False,
        widget=DATE_INPUT,
        validators=REPORT_DATE_VALIDATORS,
        error_messages=REPORT_DATE_ERRORS,
    )
    bis = forms.DateField(
        label=_("bis"),
        required=False,
        widget=DATE_INPUT,
        validators=REPORT_DATE_VALIDATORS,
        error_messages=REPORT_DATE_ERRORS,
    )

    def clean(self):
        data = super().clean()
        if self.has_error("von") or self.has_error("bis"):
            return data
        end = data.get("bis") or timezone.localdate()
        start = data.get("von") or end.replace(month=1, day=1)
        if end < start:
            raise forms.ValidationError(ENDS_BEFORE_START)
        if end >= years_later(start, self.MAX_YEARS):
            raise forms.ValidationError(
                _("Der Zeitraum darf höchstens %(years)s Jahre umfassen.") % {"years": self.MAX_YEARS}
            )
        return {**data, "von": start, "bis": end}

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        """The first and the last day of the valid period."""
        return self.cleaned_data["von"], self.cleaned_data["bis"]
