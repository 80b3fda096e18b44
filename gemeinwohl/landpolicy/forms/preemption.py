"""Forms of pre-emption cases: they parse what people type; the actions decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.forms import DATE_INPUT
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.actions.preemption import AgreementInput, CaseInput
from gemeinwohl.landpolicy.models import (
    ADMINISTRATION_ROLES,
    CASE_LEVELS,
    LegalGround,
    Obligation,
    PreEmptionCase,
    Property,
    StepKind,
)
from gemeinwohl.landpolicy.selectors.preemption import responsible_candidates

DATE_ERRORS = {"invalid": _("Bitte geben Sie ein gültiges Datum an, z. B. 2026-01-31.")}


class PlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.milieuschutz_id:
            return _("%(address)s (Milieuschutzgebiet %(area)s)") % {
                "address": obj.address,
                "area": obj.milieuschutz.name,
            }
        return obj.address


class ResponsibleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_role_display()})"


class CaseForm(forms.Form):
    """A case's facts; seller, buyer and price only for those who may read them (they edit the case anyway)."""

    plot = PlotChoiceField(
        label=_("Grundstück"),
        queryset=Property.objects.none(),
        error_messages={
            "required": _("Bitte wählen Sie eines der angebotenen Grundstücke."),
            "invalid_choice": _("Bitte wählen Sie eines der angebotenen Grundstücke."),
        },
    )
    notified_on = forms.DateField(
        label=_("Mitteilung des Kaufvertrags eingegangen am"),
        help_text=_("Der Tag, an dem die vollständige Mitteilung des Kaufvertrags beim Bezirksamt einging."),
        widget=DATE_INPUT,
        error_messages={
            **DATE_ERRORS,
            "required": _("Bitte geben Sie an, wann die Mitteilung des Kaufvertrags einging."),
        },
    )
    contract_date = forms.DateField(
        label=_("Kaufvertrag vom"), required=False, widget=DATE_INPUT, error_messages=DATE_ERRORS
    )
    seller = forms.CharField(label=_("Verkäufer"), required=False, max_length=300)
    buyer = forms.CharField(label=_("Käufer"), required=False, max_length=300)
    price = forms.DecimalField(
        label=_("Kaufpreis (EUR)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={"min_value": _("Der Kaufpreis kann nicht negativ sein.")},
    )
    legal_ground = forms.ChoiceField(
        label=_("Rechtsgrundlage"),
        choices=LegalGround.choices,
        initial=LegalGround.PRESERVATION,
        error_messages={"invalid_choice": _("Bitte wählen Sie eine der angebotenen Rechtsgrundlagen.")},
    )
    file_number = forms.CharField(label=_("Aktenzeichen"), required=False, max_length=60)
    responsible = ResponsibleField(
        label=_("zuständig"),
        queryset=responsible_candidates(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Mitarbeitende der Verwaltung; sie erhalten die Erinnerungen an die Frist."),
        error_messages={
            "required": _("Bitte geben Sie mindestens eine zuständige Person an."),
            "invalid_choice": _(
                "Zuständig sein können nur Mitarbeitende der Verwaltung (verwaltungsintern oder Bezirksamt)."
            ),
        },
    )
    visibility = forms.TypedChoiceField(
        label=_("Sichtbarkeit"),
        choices=[(level.value, level.label) for level in CASE_LEVELS],
        coerce=int,
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
        help_text=_(
            "Verwaltungsintern: nur verwaltungsinterne Mitarbeitende und die Zuständigen. "
            "Team: das ganze AKS-Team, Verkäufer, Käufer, Preis und Dokumente bleiben verwaltungsintern."
        ),
        error_messages={
            "invalid_choice": _("Ein Vorkaufsfall ist verwaltungsintern oder für das Team sichtbar, nie offener.")
        },
    )
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, case: PreEmptionCase | None = None, **kwargs):
        if case is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(case, name) for name in CaseInput.__dataclass_fields__ if name != "responsible"},
                "plot": case.plot_id,
                "responsible": [person.pk for person in case.responsible.all()],
            }
        if case is None and user.role in ADMINISTRATION_ROLES:
            # Whoever records a case is usually responsible for it.
            kwargs.setdefault("initial", {}).setdefault("responsible", [user.pk])
        super().__init__(*args, **kwargs)
        plots = Property.objects.visible_to(user).select_related("milieuschutz")
        if case is not None:
            # The case's own property stays on offer even if the editor could not pick it anew.
            plots = plots | Property.objects.filter(pk=case.plot_id).select_related("milieuschutz")
        self.fields["plot"].queryset = plots.order_by("address", "pk")

    def to_input(self) -> CaseInput:
        data = self.cleaned_data
        return CaseInput(
            plot=data["plot"],
            notified_on=data["notified_on"],
            legal_ground=data["legal_ground"],
            file_number=data["file_number"],
            contract_date=data["contract_date"],
            seller=data["seller"],
            buyer=data["buyer"],
            price=data["price"],
            note=data["note"],
            visibility=data["visibility"],
            responsible=list(data["responsible"]),
        )


class StepForm(forms.Form):
    """One dated step; the decision by an Abwendungsvereinbarung is recorded with the agreement instead."""

    kind = forms.ChoiceField(
        label=_("Schritt"),
        choices=[(value, label) for value, label in StepKind.choices if value != StepKind.AVERSION],
        error_messages={"invalid_choice": _("Bitte wählen Sie einen der angebotenen Schritte.")},
    )
    on_date = forms.DateField(
        label=_("am"),
        widget=DATE_INPUT,
        error_messages={**DATE_ERRORS, "required": _("Bitte geben Sie das Datum des Schritts an.")},
    )
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Bitte geben Sie einen Titel an.")}
    )
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, Office-Dokument oder Bild."),
        error_messages={"required": _("Bitte wählen Sie eine Datei.")},
    )
    step = forms.ModelChoiceField(
        label=_("zum Schritt"),
        queryset=None,
        required=False,
        empty_label=_("– keinem Schritt zugeordnet –"),
        error_messages={"invalid_choice": _("Bitte wählen Sie einen Schritt dieses Falls.")},
    )

    def __init__(self, *args, case: PreEmptionCase, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = case.steps.order_by("on_date", "pk")
        self.fields["step"].label_from_instance = lambda step: f"{step.get_kind_display()}, {step.on_date:%d.%m.%Y}"


class AgreementForm(forms.Form):
    obligations = forms.ModelMultipleChoiceField(
        label=_("Verpflichtungen"),
        queryset=Obligation.objects.filter(is_active=True).order_by("position", "pk"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Bitte wählen Sie nur die angebotenen Verpflichtungen.")},
    )
    other_obligations = forms.CharField(
        label=_("weitere Verpflichtungen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    signed_on = forms.DateField(
        label=_("unterzeichnet am"),
        widget=DATE_INPUT,
        error_messages={**DATE_ERRORS, "required": _("Bitte geben Sie an, wann die Vereinbarung unterzeichnet wurde.")},
    )
    starts_on = forms.DateField(
        label=_("gilt ab"),
        widget=DATE_INPUT,
        error_messages={**DATE_ERRORS, "required": _("Bitte geben Sie an, ab wann die Vereinbarung gilt.")},
    )
    term_years = forms.IntegerField(
        label=_("Laufzeit (Jahre)"),
        min_value=1,
        max_value=99,
        error_messages={
            "required": _("Die Laufzeit muss mindestens ein Jahr betragen."),
            "invalid": _("Bitte geben Sie die Laufzeit in ganzen Jahren an."),
            "min_value": _("Die Laufzeit muss mindestens ein Jahr betragen."),
            "max_value": _("Die Laufzeit kann höchstens 99 Jahre betragen."),
        },
    )
    penalty = forms.CharField(label=_("Vertragsstrafe"), required=False, max_length=300)
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def to_input(self) -> AgreementInput:
        data = self.cleaned_data
        return AgreementInput(
            signed_on=data["signed_on"],
            starts_on=data["starts_on"],
            term_years=data["term_years"],
            obligations=list(data["obligations"]),
            other_obligations=data["other_obligations"],
            penalty=data["penalty"],
            note=data["note"],
        )


class PublishForm(forms.Form):
    PUBLISH = "veroeffentlichen"
    WITHDRAW = "zurueckziehen"

    year = forms.IntegerField(
        label=_("Jahr"),
        error_messages={
            "required": _("Bitte geben Sie ein Jahr an."),
            "invalid": _("Bitte geben Sie ein Jahr an, z. B. 2025."),
        },
    )
    action = forms.ChoiceField(
        label=_("Aktion"),
        choices=[(PUBLISH, _("veröffentlichen")), (WITHDRAW, _("zurückziehen"))],
        error_messages={"invalid_choice": _("Bitte wählen Sie „veröffentlichen“ oder „zurückziehen“.")},
    )
