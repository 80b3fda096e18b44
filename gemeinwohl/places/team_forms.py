"""The team's forms: a place, a status change, the actors involved, the assessment against the criteria.

The forms only turn what was typed into the actions' inputs (German decimal
commas included); the rules (a position on earth, both coordinates or none,
sensitive fields never looser than the place, address-book entries the
reader may see) are the actions', and their messages are put back onto the
fields with ``core.forms.add_errors``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.forms import DATE_INPUT
from gemeinwohl.core.visibility import Visibility, selectable_levels
from gemeinwohl.directory.forms import entry_choices
from gemeinwohl.directory.models import Organisation, Person
from gemeinwohl.places.actions import ActorInput, PlaceInput
from gemeinwohl.places.models import ActorRole, OwnerType, Place, PlaceKind, Rating, Status, Use

NOT_A_NUMBER = _("Bitte geben Sie eine Zahl an, etwa 52,5104 (Komma oder Punkt).")
DATE_INVALID = _("Bitte geben Sie ein gültiges Datum an, z. B. 2026-01-31.")


class CoordinateField(forms.CharField):
    """A coordinate as typed: ``52,5104`` or ``52.5104``; empty is None. The range is the action's rule."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, float):
            return f"{value:.6f}".rstrip("0").rstrip(".").replace(".", ",")
        return value

    def clean(self, value):
        text = super().clean(value).strip().replace(" ", "").replace(",", ".")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise ValidationError(NOT_A_NUMBER, code="invalid") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValidationError(NOT_A_NUMBER, code="invalid")
        return number


def _visibility_field(label, *, help_text=""):
    return forms.TypedChoiceField(label=label, coerce=int, help_text=help_text)


class PlaceForm(forms.Form):
    """A place as the team records it; a new place also gets its first status."""

    kind = forms.ChoiceField(label=_("Art"), choices=PlaceKind.choices, initial=PlaceKind.PROJECT)
    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    latitude = CoordinateField(
        label=_("Breitengrad"), help_text=_("Dezimalgrad, in Berlin etwa 52,5. Leer lassen, wenn der Ort offen ist.")
    )
    longitude = CoordinateField(label=_("Längengrad"), help_text=_("Dezimalgrad, in Berlin etwa 13,4."))
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    uses = forms.MultipleChoiceField(
        label=_("Nutzungen"), choices=Use.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    visibility = _visibility_field(_("Sichtbarkeit"))
    owner_type = forms.ChoiceField(label=_("Eigentum"), choices=OwnerType.choices, initial=OwnerType.UNKNOWN)
    owner_note = forms.CharField(label=_("zum Eigentum"), max_length=300, required=False)
    owner_visibility = _visibility_field(
        _("Sichtbarkeit des Eigentums"), help_text=_("Nie offener als der Ort selbst.")
    )
    negotiations = forms.CharField(label=_("Verhandlungen"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    negotiations_visibility = _visibility_field(
        _("Sichtbarkeit der Verhandlungen"), help_text=_("Nie offener als der Ort selbst.")
    )
    status = forms.ChoiceField(label=_("Stand"), choices=Status.choices, initial=Status.IDEA)
    status_since = forms.DateField(
        label=_("Stand seit"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leer: heute."),
        error_messages={"invalid": DATE_INVALID},
    )

    fieldsets = [
        (_("Der Ort"), ["kind", "name", "address", "description", "uses"]),
        (_("Lage"), ["latitude", "longitude"]),
        (_("Stand"), ["status", "status_since"]),
        (_("Eigentum und Verhandlungen"), ["owner_type", "owner_note", "owner_visibility", "negotiations"]),
        (_("Sichtbarkeit"), ["visibility", "negotiations_visibility"]),
    ]

    def __init__(self, *args, user, place: Place | None = None, **kwargs):
        if place is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(place)
        super().__init__(*args, **kwargs)
        self.place = place
        levels = selectable_levels(user, floor=Visibility.PUBLIC)
        for name in ("visibility", "owner_visibility", "negotiations_visibility"):
            self.fields[name].choices = levels
        self.fields["visibility"].initial = Visibility.PUBLIC
        self.fields["owner_visibility"].initial = Visibility.TEAM
        self.fields["negotiations_visibility"].initial = Visibility.TEAM
        if place is not None:
            # The status of an existing place changes through its history (StatusChangeView).
            del self.fields["status"]
            del self.fields["status_since"]

    @staticmethod
    def initial_for(place: Place) -> dict:
        names = [name for name in PlaceInput.__dataclass_fields__ if name != "uses"]
        initial = {name: getattr(place, name) for name in names}
        initial["uses"] = [use.use for use in place.uses.all()]
        return initial

    def grouped(self):
        """The fieldsets with their bound fields, for the template (those the form has)."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.fieldsets
            if any(name in self.fields for name in names)
        ]

    def to_input(self) -> PlaceInput:
        data = self.cleaned_data
        return PlaceInput(**{name: data[name] for name in PlaceInput.__dataclass_fields__})


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("Neuer Stand"), choices=Status.choices)
    on_date = forms.DateField(
        label=_("seit"),
        widget=DATE_INPUT,
        error_messages={"required": _("Bitte geben Sie an, seit wann der Stand gilt."), "invalid": DATE_INVALID},
    )
    note = forms.CharField(
        label=_("Anmerkung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Was ist passiert? Erscheint im Verlauf des Ortes."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_date"].initial = timezone.localdate()


# --- actors ------------------------------------------------------------------------------------


class ActorForm(forms.Form):
    """One actor: an entry of the address book and the role; a row left empty is left out."""

    entry = forms.ChoiceField(label=_("Eintrag im Adressbuch"), required=False)
    role = forms.ChoiceField(label=_("Rolle"), choices=[("", "–"), *ActorRole.choices], required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = choices

    def clean(self):
        data = super().clean()
        if bool(data.get("entry")) != bool(data.get("role")):
            raise ValidationError(_("Bitte wählen Sie einen Eintrag und seine Rolle (oder keins von beiden)."))
        return data


class BaseActorFormSet(forms.BaseFormSet):
    def __init__(self, *args, user, place: Place, **kwargs):
        self.choices = entry_choices(user)
        if "initial" not in kwargs:
            kwargs["initial"] = [
                {
                    "entry": f"o{actor.organisation_id}" if actor.organisation_id else f"p{actor.person_id}",
                    "role": actor.role,
                }
                for actor in place.visible_actors
            ]
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "choices": self.choices}

    def to_inputs(self) -> list[ActorInput]:
        wanted = [(form.cleaned_data["entry"], form.cleaned_data["role"]) for form in self.forms if form.cleaned_data]
        wanted = [(entry, role) for entry, role in wanted if entry and role]
        organisations = Organisation.objects.in_bulk([int(entry[1:]) for entry, _role in wanted if entry[0] == "o"])
        people = Person.objects.in_bulk([int(entry[1:]) for entry, _role in wanted if entry[0] == "p"])
        return [
            ActorInput(
                role=role,
                organisation=organisations.get(int(entry[1:])) if entry[0] == "o" else None,
                person=people.get(int(entry[1:])) if entry[0] == "p" else None,
            )
            for entry, role in wanted
        ]


ActorFormSet = forms.formset_factory(ActorForm, formset=BaseActorFormSet, extra=3, max_num=50, validate_max=True)


# --- assessment --------------------------------------------------------------------------------

NOT_ASSESSED = ""


class AssessmentForm(forms.Form):
    """One rating and note per active criterion: ``rating_<id>``, ``note_<id>``."""

    def __init__(self, *args, criteria, place: Place, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        given = {assessment.criterion_id: assessment for assessment in place.assessments.all()}
        for criterion in criteria:
            assessment = given.get(criterion.pk)
            self.fields[f"rating_{criterion.pk}"] = forms.ChoiceField(
                label=_("Bewertung"),
                choices=[*Rating.choices, (NOT_ASSESSED, _("nicht bewertet"))],
                required=False,
                initial=assessment.rating if assessment else NOT_ASSESSED,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Anmerkung"), max_length=500, required=False, initial=assessment.note if assessment else ""
            )

    def rows(self):
        return [
            (criterion, self[f"rating_{criterion.pk}"], self[f"note_{criterion.pk}"]) for criterion in self.criteria
        ]

    def to_ratings(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            criterion.pk: (data[f"rating_{criterion.pk}"], data[f"note_{criterion.pk}"]) for criterion in self.criteria
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("aufnehmen", _("aufnehmen")), ("ablehnen", _("ablehnen"))])
