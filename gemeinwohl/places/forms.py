"""The public forms of places: the filters of list, map and GeoJSON, and "Ort vorschlagen".

The filter form is a plain GET form: its field names are the query
parameters people see in the address bar and that the map passes on to the
GeoJSON. The proposal form shapes what people type (a German decimal comma
is fine); ``actions.place_propose`` decides whether it is enough.
"""

from dataclasses import astuple

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.spam import HoneypotMixin
from gemeinwohl.places.actions import TEXT_MAX, ProposalInput
from gemeinwohl.places.models import PlaceKind, Status, Use
from gemeinwohl.places.selectors import PlaceFilter

CHOOSE = _("bitte wählen")


def _with_all(label, choices) -> list:
    return [("", label), *choices]


class PlaceFilterForm(forms.Form):
    """Which places to show: kind, status, use, a criterion met, district, Ortsteil, Milieuschutz area, text.

    Built with the areas and criteria at hand (``selectors.filter_areas``,
    ``selectors.active_criteria``), so it costs no queries of its own.
    """

    q = forms.CharField(label=_("Name oder Adresse"), required=False, max_length=200)
    art = forms.ChoiceField(label=_("Art"), required=False)
    stand = forms.ChoiceField(label=_("Stand"), required=False)
    nutzung = forms.ChoiceField(label=_("Nutzung"), required=False)
    kriterium = forms.TypedChoiceField(label=_("erfüllt das Kriterium"), required=False, coerce=int, empty_value=None)
    bezirk = forms.TypedChoiceField(label=_("Bezirk"), required=False, coerce=int, empty_value=None)
    ortsteil = forms.TypedChoiceField(label=_("Ortsteil"), required=False, coerce=int, empty_value=None)
    milieuschutz = forms.TypedChoiceField(label=_("Milieuschutzgebiet"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, areas: dict, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        invalid = {"invalid_choice": _("Bitte wählen Sie einen der angebotenen Einträge.")}
        self.fields["art"].choices = _with_all(_("alle Arten"), PlaceKind.choices)
        self.fields["stand"].choices = _with_all(_("jeder Stand"), Status.choices)
        self.fields["nutzung"].choices = _with_all(_("alle Nutzungen"), Use.choices)
        self.fields["kriterium"].choices = _with_all(
            _("alle"), [(criterion.pk, criterion.name) for criterion in criteria]
        )
        self.fields["bezirk"].choices = _with_all(_("alle Bezirke"), [(a.pk, a.name) for a in areas["districts"]])
        self.fields["ortsteil"].choices = _with_all(_("alle Ortsteile"), [(a.pk, a.name) for a in areas["ortsteile"]])
        self.fields["milieuschutz"].choices = _with_all(
            _("alle Gebiete"), [(a.pk, f"{a.name} ({a.key})") for a in areas["milieuschutz"]]
        )
        for field in self.fields.values():
            field.error_messages.update(invalid)

    def to_filter(self) -> PlaceFilter:
        """The valid filters; a value that is not on offer counts as no filter."""
        self.is_valid()  # fields with an error are left out of cleaned_data
        data = self.cleaned_data
        return PlaceFilter(
            kind=data.get("art") or "",
            status=data.get("stand") or "",
            use=data.get("nutzung") or "",
            criterion=data.get("kriterium"),
            district=data.get("bezirk"),
            ortsteil=data.get("ortsteil"),
            milieuschutz=data.get("milieuschutz"),
            text=(data.get("q") or "").strip(),
        )

    @property
    def is_filtered(self) -> bool:
        return any(value not in (None, "") for value in astuple(self.to_filter()))


class CoordinateField(forms.CharField):
    """A latitude or longitude as people write it: ``52.5104`` or, in German, ``52,5104``."""

    MAX_LENGTH = 30

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": str(self.MAX_LENGTH), "inputmode": "decimal"}

    def to_python(self, value):
        text = super().to_python(value).strip().replace("\u2212", "-").replace(" ", "")
        if not text:
            return None
        if len(text) > self.MAX_LENGTH:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class ProposalForm(HoneypotMixin, forms.Form):
    """ "Ort vorschlagen": the place, where it is, what it is used for, who proposes it, consent."""

    name = forms.CharField(
        label=_("Name des Ortes"),
        max_length=200,
        error_messages={"required": _("Bitte geben Sie einen Namen an.")},
    )
    kind = forms.ChoiceField(
        label=_("Art"),
        choices=PlaceKind.choices,
        initial=PlaceKind.PROJECT,
        error_messages={"invalid_choice": _("Bitte wählen Sie eine der angebotenen Arten.")},
    )
    address = forms.CharField(label=_("Adresse (freiwillig)"), max_length=200, required=False)
    latitude = CoordinateField(
        label=_("Breitengrad (freiwillig)"),
        required=False,
        help_text=_("Zum Beispiel 52,5104. Sie können die Stelle auch auf der Karte anklicken."),
        error_messages={"invalid": _("Bitte geben Sie den Breitengrad als Zahl an, etwa 52,5104.")},
    )
    longitude = CoordinateField(
        label=_("Längengrad (freiwillig)"),
        required=False,
        help_text=_("Zum Beispiel 13,4594."),
        error_messages={"invalid": _("Bitte geben Sie den Längengrad als Zahl an, etwa 13,4594.")},
    )
    description = forms.CharField(
        label=_("Beschreibung (freiwillig)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Was ist das für ein Ort, was passiert dort, warum ist er wichtig?"),
    )
    uses = forms.MultipleChoiceField(
        label=_("Nutzungen (freiwillig)"),
        choices=Use.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Bitte wählen Sie nur die angebotenen Nutzungen.")},
    )
    proposer_name = forms.CharField(
        label=_("Ihr Name"), max_length=150, error_messages={"required": _("Bitte geben Sie Ihren Namen an.")}
    )
    # Named "email" so that the rate limit counts per e-mail address as well (core.spam).
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_("Falls wir Rückfragen zu Ihrem Vorschlag haben."),
        error_messages={
            "required": _("Bitte geben Sie eine gültige E-Mail-Adresse an, etwa name@beispiel.de."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, etwa name@beispiel.de."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass das Team der AKS Gemeinwohl meinen Namen und meine E-Mail-Adresse "
            "speichert, um den Vorschlag zu prüfen und mich bei Rückfragen zu erreichen."
        ),
        error_messages={"required": _("Ohne Ihre Einwilligung können wir den Vorschlag nicht speichern.")},
    )

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if "latitude" in self.errors or "longitude" in self.errors:
            return data
        if (latitude is None) != (longitude is None):
            missing = "latitude" if latitude is None else "longitude"
            self.add_error(missing, _("Bitte geben Sie Breiten- und Längengrad an, oder keinen von beiden."))
        return data

    def to_input(self) -> ProposalInput:
        data = self.cleaned_data
        return ProposalInput(
            name=data["name"],
            kind=data["kind"],
            address=data.get("address", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            description=data.get("description", ""),
            uses=tuple(data.get("uses") or ()),
            proposer_name=data["proposer_name"],
            proposer_email=data["email"],
            consent=bool(data.get("consent")),
        )
