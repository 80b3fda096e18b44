"""Forms of concept tenders: the tender, its criteria, a bid, the jury, a juror's scores.

The forms turn what was typed into the actions' inputs; the rules (weights
adding up to 100 %, points on the scale, applicants the reader may see) are
the actions', whose messages the views put back onto the fields.
"""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.forms import DATE_INPUT
from gemeinwohl.core.visibility import Visibility, selectable_levels
from gemeinwohl.directory.forms import entry_choices, entry_from_choice
from gemeinwohl.landpolicy.actions.tenders import BidInput, CriterionInput, TenderInput
from gemeinwohl.landpolicy.models import Property, Tender, TenderCriterion, TenderStatus

DATE_INVALID = _("Bitte geben Sie ein gültiges Datum an, z. B. 2026-01-31.")
WHOLE_NUMBER = _("Bitte geben Sie eine ganze Zahl an.")


class TenderForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Bitte geben Sie einen Titel an.")}
    )
    plot = forms.ModelChoiceField(
        label=_("Grundstück"),
        queryset=Property.objects.none(),
        empty_label=_("– bitte wählen –"),
        error_messages={"invalid_choice": _("Bitte wählen Sie eines der angebotenen Grundstücke.")},
    )
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    status = forms.ChoiceField(label=_("Stand"), choices=TenderStatus.choices, initial=TenderStatus.DRAFT)
    bids_due_on = forms.DateField(
        label=_("Bewerbungsschluss"), required=False, widget=DATE_INPUT, error_messages={"invalid": DATE_INVALID}
    )
    scale_min = forms.IntegerField(
        label=_("niedrigste Punktzahl"), initial=0, min_value=0, max_value=99, error_messages={"invalid": WHOLE_NUMBER}
    )
    scale_max = forms.IntegerField(
        label=_("höchste Punktzahl"), initial=10, min_value=1, max_value=100, error_messages={"invalid": WHOLE_NUMBER}
    )
    visibility = forms.TypedChoiceField(label=_("Sichtbarkeit"), coerce=int, initial=Visibility.TEAM)

    def __init__(self, *args, user, tender: Tender | None = None, **kwargs):
        if tender is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(tender, name) for name in TenderInput.__dataclass_fields__}
        super().__init__(*args, **kwargs)
        self.fields["plot"].queryset = Property.objects.visible_to(user).order_by("address", "pk")
        self.fields["visibility"].choices = selectable_levels(user)
        if tender is not None and tender.criteria_frozen:
            help_text = _("Festgeschrieben mit der ersten Bewertung.")
            for name in ("scale_min", "scale_max"):
                self.fields[name].disabled = True
                self.fields[name].help_text = help_text

    def to_input(self) -> TenderInput:
        return TenderInput(**{name: self.cleaned_data[name] for name in TenderInput.__dataclass_fields__})


# --- criteria --------------------------------------------------------------------------------------------------------


class CriterionForm(forms.Form):
    """One row of the catalogue; a row left empty is left out."""

    name = forms.CharField(label=_("Kriterium"), max_length=200, required=False)
    weight = forms.DecimalField(
        label=_("Gewicht (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Bitte geben Sie eine Zahl an, etwa 25 oder 12,5."),
            "max_decimal_places": _("Das Gewicht hat höchstens zwei Nachkommastellen."),
            "max_digits": _("Das Gewicht muss größer als 0 und höchstens 100 % sein."),
            "max_whole_digits": _("Das Gewicht muss größer als 0 und höchstens 100 % sein."),
        },
    )
    description = forms.CharField(
        label=_("Erläuterung"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 30})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight"].widget.attrs.update({"inputmode": "decimal", "size": 6})

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("name") or "").strip() and data.get("weight") is None and not data.get("description")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        blank = not (data.get("name") or "").strip() and data.get("weight") is None
        if not blank and data.get("weight") is None:
            self.add_error("weight", _("Bitte geben Sie das Gewicht an."))
        return data


class BaseCriteriaFormSet(forms.BaseFormSet):
    def to_inputs(self) -> tuple[list[CriterionInput], list[int]]:
        """The rows that are filled in, and for each the number of its form (to put the action's errors back)."""
        inputs, numbers = [], []
        for number, form in enumerate(self.forms):
            if form.is_blank:
                continue
            data = form.cleaned_data
            inputs.append(
                CriterionInput(
                    name=data.get("name") or "",
                    weight=data.get("weight") or Decimal(0),
                    description=data.get("description") or "",
                )
            )
            numbers.append(number)
        return inputs, numbers

    def weights_sum(self) -> Decimal:
        """The sum of the weights typed in so far (rows with a valid weight)."""
        total = Decimal(0)
        for form in self.forms:
            if form.is_bound:
                if form.is_valid() and form.cleaned_data.get("weight") is not None:
                    total += form.cleaned_data["weight"]
            elif form.initial.get("weight") is not None:
                total += Decimal(form.initial["weight"])
        return total


def criteria_formset(data=None, *, criteria: list[TenderCriterion], extra: int = 3):
    """The catalogue as editable rows, with ``extra`` empty rows to add criteria without JavaScript."""
    formset_class = forms.formset_factory(CriterionForm, formset=BaseCriteriaFormSet, extra=extra, max_num=50)
    initial = [
        {"name": criterion.name, "weight": criterion.weight, "description": criterion.description}
        for criterion in criteria
    ]
    return formset_class(data, prefix="criteria", initial=initial)


# --- bids ------------------------------------------------------------------------------------------------------------


class BidForm(forms.Form):
    applicant = forms.ChoiceField(
        label=_("Bewerbende Organisation oder Person"),
        help_text=_("Aus dem Adressbuch."),
        error_messages={
            "required": _("Bitte wählen Sie eine Organisation oder eine Person aus dem Adressbuch."),
            "invalid_choice": _("Bitte wählen Sie einen der angebotenen Einträge."),
        },
    )
    title = forms.CharField(
        label=_("Konzept"),
        max_length=200,
        error_messages={"required": _("Bitte geben Sie den Titel des Konzepts an.")},
    )
    summary = forms.CharField(label=_("Kurzbeschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    submitted_on = forms.DateField(
        label=_("eingereicht am"),
        widget=DATE_INPUT,
        error_messages={"invalid": DATE_INVALID, "required": _("Bitte geben Sie an, wann das Gebot einging.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].choices = entry_choices(user)

    def to_input(self) -> BidInput:
        data = self.cleaned_data
        # A look-up by key only: the action checks that the reader may see the entry.
        organisation, person = entry_from_choice(data["applicant"])
        if organisation is None and person is None:
            raise ValidationError({"applicant": _("Bitte wählen Sie einen der angebotenen Einträge.")})
        return BidInput(
            title=data["title"],
            summary=data["summary"],
            submitted_on=data["submitted_on"],
            organisation=organisation,
            person=person,
        )


# --- jury ------------------------------------------------------------------------------------------------------------


class JuryForm(forms.Form):
    users = forms.ModelMultipleChoiceField(
        label=_("Jurymitglieder"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Bitte berufen Sie mindestens ein Jurymitglied."),
            "invalid_choice": _("Bitte wählen Sie nur angebotene Konten."),
        },
    )

    def __init__(self, *args, tender: Tender, **kwargs):
        kwargs.setdefault("initial", {"users": [juror.user_id for juror in tender.jurors.all()]})
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = get_user_model().objects.filter(is_active=True).order_by("name", "pk")


# --- scores ----------------------------------------------------------------------------------------------------------


class ScoreForm(forms.Form):
    """A number field per criterion (on the tender's scale) and a note each."""

    def __init__(self, *args, tender: Tender, criteria: list[TenderCriterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        out_of_scale = _("Bitte vergeben Sie zwischen %(min)s und %(max)s Punkte.") % {
            "min": tender.scale_min,
            "max": tender.scale_max,
        }
        for criterion in criteria:
            self.fields[f"points_{criterion.pk}"] = forms.IntegerField(
                label=_("Punkte für „%(name)s“") % {"name": criterion.name},
                min_value=tender.scale_min,
                max_value=tender.scale_max,
                error_messages={
                    "required": _("Bitte vergeben Sie Punkte für dieses Kriterium."),
                    "invalid": WHOLE_NUMBER,
                    "min_value": out_of_scale,
                    "max_value": out_of_scale,
                },
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Begründung zu „%(name)s“") % {"name": criterion.name},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        """Per criterion: the criterion, its points field and its note field."""
        return [(c, self[f"points_{c.pk}"], self[f"note_{c.pk}"]) for c in self.criteria]

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"points_{c.pk}"] for c in self.criteria}

    def notes(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"note_{c.pk}", "") for c in self.criteria}
