"""The forms of properties: the list's filters and the property form.

The property form only turns what was typed into ``PropertyInput`` (a German
decimal comma in the coordinates is fine); the rules are the action's, and its
messages are put back onto the fields with ``core.forms.add_errors``.
"""

from dataclasses import astuple

from django import forms
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.visibility import Visibility, selectable_levels
from gemeinwohl.landpolicy.actions.properties import PropertyInput
from gemeinwohl.landpolicy.models import OwnerType, Property, PropertyUse
from gemeinwohl.landpolicy.selectors.properties import PropertyFilter
from gemeinwohl.places.models import Place
from gemeinwohl.places.team_forms import CoordinateField

INVALID_CHOICE = _("Bitte wählen Sie einen der angebotenen Einträge.")


class PropertyFilterForm(forms.Form):
    """Which properties to show: text, Ortsteil, Milieuschutz area, owner type (a GET form, no queries of its own)."""

    q = forms.CharField(label=_("Adresse oder Flurstück"), required=False, max_length=200)
    ortsteil = forms.TypedChoiceField(label=_("Ortsteil"), required=False, coerce=int, empty_value=None)
    milieuschutz = forms.TypedChoiceField(label=_("Milieuschutzgebiet"), required=False, coerce=int, empty_value=None)
    eigentum = forms.ChoiceField(label=_("Eigentum"), required=False)

    def __init__(self, *args, areas: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ortsteil"].choices = [("", _("alle Ortsteile")), *[(a.pk, a.name) for a in areas["ortsteile"]]]
        self.fields["milieuschutz"].choices = [
            ("", _("alle Gebiete")),
            *[(a.pk, f"{a.name} ({a.key})") for a in areas["milieuschutz"]],
        ]
        self.fields["eigentum"].choices = [("", _("jedes Eigentum")), *OwnerType.choices]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = INVALID_CHOICE

    def to_filter(self) -> PropertyFilter:
        """The valid filters; a value that is not on offer counts as no filter."""
        self.is_valid()
        data = self.cleaned_data
        return PropertyFilter(
            text=(data.get("q") or "").strip(),
            ortsteil=data.get("ortsteil"),
            milieuschutz=data.get("milieuschutz"),
            owner_type=data.get("eigentum") or "",
        )

    @property
    def is_filtered(self) -> bool:
        return any(value not in (None, "") for value in astuple(self.to_filter()))


class PropertyForm(forms.Form):
    """A property as the team records it."""

    address = forms.CharField(
        label=_("Adresse"),
        max_length=200,
        error_messages={"required": _("Bitte geben Sie die Adresse des Grundstücks an.")},
    )
    gemarkung = forms.CharField(label=_("Gemarkung"), max_length=100, required=False)
    flur = forms.CharField(label=_("Flur"), max_length=20, required=False)
    flurstueck = forms.CharField(label=_("Flurstück"), max_length=40, required=False, help_text=_("z. B. 121/4"))
    owner_type = forms.ChoiceField(label=_("Eigentum"), choices=OwnerType.choices, initial=OwnerType.UNKNOWN)
    size_m2 = forms.IntegerField(
        label=_("Größe (m²)"),
        required=False,
        error_messages={"invalid": _("Bitte geben Sie die Größe als ganze Zahl an, etwa 1250.")},
    )
    use = forms.ChoiceField(label=_("Nutzung"), choices=PropertyUse.choices, initial=PropertyUse.RESIDENTIAL)
    use_note = forms.CharField(label=_("zur Nutzung"), max_length=300, required=False)
    place = forms.ModelChoiceField(
        label=_("Ort"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("– kein Ort –"),
        help_text=_("Das Projekt oder der Raum auf der Karte, zu dem das Grundstück gehört."),
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    latitude = CoordinateField(
        label=_("Breitengrad"),
        help_text=_("Dezimalgrad, in Berlin etwa 52,5. Leer lassen: die Lage des Ortes, falls einer gewählt ist."),
    )
    longitude = CoordinateField(label=_("Längengrad"), help_text=_("Dezimalgrad, in Berlin etwa 13,4."))
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    visibility = forms.TypedChoiceField(
        label=_("Sichtbarkeit"),
        coerce=int,
        error_messages={"invalid_choice": _("Diese Sichtbarkeit können Sie nicht wählen.")},
    )

    fieldsets = [
        (_("Das Grundstück"), ["address", "owner_type", "size_m2", "use", "use_note", "place"]),
        (_("Flurstück"), ["gemarkung", "flur", "flurstueck"]),
        (_("Lage"), ["latitude", "longitude"]),
        (_("Anmerkung und Sichtbarkeit"), ["note", "visibility"]),
    ]

    def __init__(self, *args, user, plot: Property | None = None, **kwargs):
        if plot is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(plot, name) for name in PropertyInput.__dataclass_fields__}
            kwargs["initial"]["place"] = plot.place_id
        super().__init__(*args, **kwargs)
        places = Place.objects.visible_to(user)
        self.fields["place"].queryset = places.only("pk", "name").order_by("name", "pk")
        # A link to a place the editor may not see stays as it is, unnamed.
        self.hidden_place = None
        if plot is not None and plot.place_id and not places.filter(pk=plot.place_id).exists():
            self.hidden_place = plot.place
            self.fields["place"].help_text = _(
                "Das Grundstück gehört zu einem Ort, den Sie nicht sehen können; diese Verknüpfung bleibt."
            )
        self.fields["visibility"].choices = selectable_levels(user, floor=Visibility.PUBLIC)
        self.fields["visibility"].initial = Visibility.TEAM if plot is None else plot.visibility

    def grouped(self):
        """The fieldsets with their bound fields, for the template."""
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def to_input(self) -> PropertyInput:
        data = {**self.cleaned_data}
        if self.hidden_place is not None and data["place"] is None:
            data["place"] = self.hidden_place
        return PropertyInput(**{name: data[name] for name in PropertyInput.__dataclass_fields__})
