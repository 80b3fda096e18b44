"""The forms of heritable building rights: the register's horizon and the contract form.

Amounts are typed as people write them in German ("1.250.000,00", "1,5");
the rules (a term of at least a year, no negative rate, dates within the
term) are the action's, and its messages are put back onto the fields.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.forms import DATE_INPUT
from gemeinwohl.core.visibility import Visibility, selectable_levels
from gemeinwohl.directory.forms import entry_choices, entry_from_choice
from gemeinwohl.landpolicy.actions.leases import LeaseInput
from gemeinwohl.landpolicy.models import GroundLease, Property
from gemeinwohl.landpolicy.selectors.leases import DEFAULT_HORIZON, HORIZONS
from gemeinwohl.landpolicy.selectors.properties import property_choices

DATE_INVALID = _("Bitte geben Sie ein gültiges Datum an, z. B. 2026-01-31.")
# "1.250.000" or "1.250.000,50": dots that group thousands, as German writes amounts.
GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d*)?$")


class AmountField(forms.CharField):
    """A decimal number as typed: ``1,5``, ``1.5``, ``1.250.000,00`` (with ``grouping``), a trailing ``€`` or ``%``."""

    def __init__(self, *, decimal_places: int, grouping: bool = False, **kwargs):
        self.decimal_places = decimal_places
        self.grouping = grouping
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return number_format(value.normalize() if not self.grouping else value, force_grouping=self.grouping)
        return value

    def clean(self, value):
        text = super().clean(value)
        text = text.strip().rstrip("€%").strip().replace(" ", "").replace("\u2212", "-")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".") if (self.grouping or "." not in text) else "!"
        elif self.grouping and GROUPED.match(text):
            text = text.replace(".", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if number.as_tuple().exponent < -self.decimal_places:
            raise ValidationError(
                _("Bitte geben Sie höchstens %(places)s Nachkommastellen an.") % {"places": self.decimal_places},
                code="decimal_places",
            )
        return number


class HorizonForm(forms.Form):
    """The register's horizon in months (``?monate=``); anything not on offer counts as the default."""

    monate = forms.TypedChoiceField(label=_("Zeitraum"), coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Labelled per request, in the reader's language.
        self.fields["monate"].choices = [
            (months, gettext("%(months)s Monate") % {"months": months}) for months in HORIZONS
        ]

    @property
    def months(self) -> int:
        if self.is_valid() and self.cleaned_data.get("monate"):
            return self.cleaned_data["monate"]
        return DEFAULT_HORIZON


class LeaseForm(forms.Form):
    """A contract as the team records it; the end is computed, never typed."""

    plot = forms.ModelChoiceField(
        label=_("Grundstück"),
        queryset=Property.objects.none(),
        empty_label=_("– bitte wählen –"),
        error_messages={
            "required": _("Bitte wählen Sie das Grundstück."),
            "invalid_choice": _("Bitte wählen Sie eines der angebotenen Grundstücke."),
        },
    )
    holder = forms.ChoiceField(
        label=_("Erbbauberechtigte"),
        help_text=_("Eine Organisation oder eine Person aus dem Adressbuch."),
        error_messages={
            "required": _("Bitte wählen Sie genau eine Erbbauberechtigte oder einen Erbbauberechtigten."),
            "invalid_choice": _("Bitte wählen Sie einen der angebotenen Einträge im Adressbuch."),
        },
    )
    file_number = forms.CharField(label=_("Aktenzeichen"), max_length=60, required=False)
    starts_on = forms.DateField(
        label=_("Beginn"),
        widget=DATE_INPUT,
        error_messages={"required": _("Bitte geben Sie den Beginn des Erbbaurechts an."), "invalid": DATE_INVALID},
    )
    term_years = forms.IntegerField(
        label=_("Laufzeit (Jahre)"),
        help_text=_("Das Ende ergibt sich aus Beginn und Laufzeit (§§ 187, 188 BGB)."),
        error_messages={
            "required": _("Bitte geben Sie die Laufzeit in Jahren an."),
            "invalid": _("Bitte geben Sie die Laufzeit als ganze Zahl von Jahren an."),
        },
    )
    rate_percent = AmountField(
        label=_("Erbbauzins (Prozent des Bodenwerts)"),
        decimal_places=3,
        help_text=_("z. B. 1,5"),
        error_messages={
            "required": _("Bitte geben Sie den Erbbauzins in Prozent des Bodenwerts an."),
            "invalid": _("Bitte geben Sie den Erbbauzins als Zahl an, etwa 1,5."),
        },
    )
    land_value = AmountField(
        label=_("Bodenwert (EUR)"),
        decimal_places=2,
        grouping=True,
        help_text=_("z. B. 1.250.000,00"),
        error_messages={
            "required": _("Bitte geben Sie den Bodenwert an."),
            "invalid": _("Bitte geben Sie den Bodenwert als Betrag an, etwa 1.250.000,00."),
        },
    )
    land_value_date = forms.DateField(
        label=_("Bodenwert zum Stichtag"), widget=DATE_INPUT, required=False, error_messages={"invalid": DATE_INVALID}
    )
    adjustment_rule = forms.CharField(
        label=_("Anpassungsregel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("z. B. Wertsicherung nach dem Verbraucherpreisindex, frühestens alle drei Jahre."),
    )
    adjustment_interval_years = forms.IntegerField(
        label=_("Anpassung alle (Jahre)"),
        required=False,
        error_messages={"invalid": _("Bitte geben Sie eine ganze Zahl von Jahren an.")},
    )
    next_adjustment_on = forms.DateField(
        label=_("nächste Anpassung"), widget=DATE_INPUT, required=False, error_messages={"invalid": DATE_INVALID}
    )
    reversion_conditions = forms.CharField(
        label=_("Heimfall"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wann das Erbbaurecht heimfällt."),
    )
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    visibility = forms.TypedChoiceField(
        label=_("Sichtbarkeit"),
        coerce=int,
        help_text=_("Nie offener als das Grundstück."),
        error_messages={"invalid_choice": _("Diese Sichtbarkeit können Sie nicht wählen.")},
    )

    fieldsets = [
        (_("Vertrag"), ["plot", "holder", "file_number"]),
        (_("Laufzeit"), ["starts_on", "term_years"]),
        (_("Erbbauzins"), ["land_value", "land_value_date", "rate_percent"]),
        (_("Anpassung"), ["adjustment_rule", "adjustment_interval_years", "next_adjustment_on"]),
        (_("Heimfall und Anmerkung"), ["reversion_conditions", "note", "visibility"]),
    ]

    def __init__(self, *args, user, lease: GroundLease | None = None, plot=None, **kwargs):
        if lease is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(lease)
        elif plot is not None and "initial" not in kwargs:
            kwargs["initial"] = {"plot": plot.pk}
        super().__init__(*args, **kwargs)
        self.fields["plot"].queryset = property_choices(fetched_by=user)
        self.fields["holder"].choices = entry_choices(user)
        self.fields["visibility"].choices = selectable_levels(user, floor=Visibility.PUBLIC)
        self.fields["visibility"].initial = Visibility.TEAM if lease is None else lease.visibility

    @staticmethod
    def initial_for(lease: GroundLease) -> dict:
        names = [name for name in LeaseInput.__dataclass_fields__ if not name.startswith("holder_")]
        initial = {name: getattr(lease, name) for name in names}
        initial["plot"] = lease.plot_id
        initial["holder"] = (
            f"o{lease.holder_organisation_id}" if lease.holder_organisation_id else f"p{lease.holder_person_id}"
        )
        return initial

    def grouped(self):
        """The fieldsets with their bound fields, for the template."""
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def to_input(self) -> LeaseInput:
        data = self.cleaned_data
        # The action checks again that the reader may see the entry; an unknown one stays None.
        organisation, person = entry_from_choice(data["holder"])
        values = {name: data[name] for name in LeaseInput.__dataclass_fields__ if name in data}
        return LeaseInput(**values, holder_organisation=organisation, holder_person=person)
