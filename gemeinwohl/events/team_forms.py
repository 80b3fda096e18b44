"""The team's forms: planning an event with its questions, the door, the documentation, the formats.

The forms only turn what was typed into the actions' inputs; every rule that
needs the database (places already taken, the format still offered, the
organisations in the address book) is the action's, and its messages are put
back onto the fields here.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gemeinwohl.committees.models import Committee
from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.visibility import Visibility, selectable_levels
from gemeinwohl.directory.models import Organisation, Sector
from gemeinwohl.events.actions import EventInput, QuestionInput, WalkInInput
from gemeinwohl.events.models import Ask, Event, EventFormat, Provision, QuestionKind

DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _datetime_field(label, *, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATETIME_INPUT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Bitte geben Sie Datum und Uhrzeit an, z. B. 2026-05-12 18:00.")},
    )


def _provision_field(label):
    return forms.ChoiceField(label=label, choices=Provision.choices, initial=Provision.UNKNOWN)


def _ask_field(label):
    return forms.ChoiceField(label=label, choices=Ask.choices, initial=Ask.OPTIONAL)


class EventForm(forms.Form):
    """The event itself; its free questions come in ``QuestionFormSet`` alongside."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    event_format = forms.ModelChoiceField(label=_("Format"), queryset=EventFormat.objects.none())
    summary = forms.CharField(
        label=_("Kurzbeschreibung"),
        max_length=300,
        required=False,
        help_text=_("Ein bis zwei Sätze für den Kalender."),
    )
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    start = _datetime_field(_("Beginn"))
    end = _datetime_field(_("Ende"))

    venue_name = forms.CharField(label=_("Ort"), max_length=200, required=False)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Online-Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Bitte geben Sie eine vollständige Adresse an, z. B. https://…")},
    )
    step_free = _provision_field(_("stufenloser Zugang"))
    accessible_toilet = _provision_field(_("barrierefreies WC"))
    sign_language = _provision_field(_("Gebärdensprachdolmetschung"))
    childcare = _provision_field(_("Kinderbetreuung"))
    accessibility_note = forms.CharField(
        label=_("weitere Hinweise zur Barrierefreiheit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    organiser = forms.ModelChoiceField(
        label=_("Veranstalter"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("– das AKS selbst –"),
    )
    co_organisers = forms.ModelMultipleChoiceField(
        label=_("Mitveranstalter"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    visibility = forms.TypedChoiceField(label=_("Sichtbarkeit"), coerce=int, initial=Visibility.PUBLIC)
    committee = forms.ModelChoiceField(
        label=_("Gremium oder Netzwerk"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("– keins –"),
        help_text=_("Nur für Veranstaltungen eines Gremiums, etwa ein Netzwerktreffen für dessen Mitglieder."),
    )

    registration_enabled = forms.BooleanField(label=_("Anmeldung über die Plattform"), required=False, initial=True)
    capacity = forms.IntegerField(
        label=_("Plätze"),
        required=False,
        min_value=1,
        help_text=_("Leer lassen, wenn die Zahl der Plätze nicht begrenzt ist."),
        error_messages={"min_value": _("Eine Veranstaltung braucht mindestens einen Platz; leer heißt unbegrenzt.")},
    )
    waitlist_enabled = forms.BooleanField(
        label=_("Warteliste, wenn alle Plätze vergeben sind"), required=False, initial=True
    )
    registration_opens_at = _datetime_field(_("Anmeldung ab"), required=False, help_text=_("Leer: ab sofort."))
    registration_closes_at = _datetime_field(_("Anmeldung bis"), required=False, help_text=_("Leer: bis zum Beginn."))
    ask_organisation = _ask_field(_("Frage nach der Organisation"))
    ask_sector = _ask_field(_("Frage nach dem Bereich"))
    ask_accessibility = _ask_field(_("Frage nach Bedarfen für die Teilnahme"))

    fieldsets = [
        (_("Die Veranstaltung"), ["title", "event_format", "summary", "description", "start", "end"]),
        (
            _("Ort und Barrierefreiheit"),
            [
                "venue_name",
                "address",
                "online_url",
                "step_free",
                "accessible_toilet",
                "sign_language",
                "childcare",
                "accessibility_note",
            ],
        ),
        (_("Veranstalter"), ["organiser", "co_organisers"]),
        (_("Sichtbarkeit und Gremium"), ["visibility", "committee"]),
        (
            _("Anmeldung"),
            [
                "registration_enabled",
                "capacity",
                "waitlist_enabled",
                "registration_opens_at",
                "registration_closes_at",
                "ask_organisation",
                "ask_sector",
                "ask_accessibility",
            ],
        ),
    ]

    def __init__(self, *args, user, event: Event | None = None, **kwargs):
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(event)
        super().__init__(*args, **kwargs)
        formats = EventFormat.objects.filter(is_active=True)
        if event is not None:
            # A format no longer offered stays selectable on the events that already have it.
            formats = EventFormat.objects.filter(is_active=True) | EventFormat.objects.filter(pk=event.event_format_id)
        self.fields["event_format"].queryset = formats.order_by("name")
        organisations = Organisation.objects.visible_to(user).active().order_by("name")
        self.fields["organiser"].queryset = organisations
        self.fields["co_organisers"].queryset = organisations
        self.fields["committee"].queryset = Committee.objects.visible_to(user).order_by("name")
        self.fields["visibility"].choices = selectable_levels(user, floor=Visibility.PUBLIC)

    @staticmethod
    def initial_for(event: Event) -> dict:
        names = [name for name in EventForm.declared_fields if name not in ("co_organisers",)]
        initial = {
            name: getattr(event, f"{name}_id" if name in ("event_format", "organiser", "committee") else name)
            for name in names
        }
        initial["co_organisers"] = [organisation.pk for organisation in event.co_organisers.all()]
        return initial

    def grouped(self):
        """The fieldsets with their bound fields, for the template."""
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def to_input(self, questions: list[QuestionInput]) -> EventInput:
        data = self.cleaned_data
        return EventInput(
            **{name: data[name] for name in self.declared_fields if name != "co_organisers"},
            co_organisers=list(data["co_organisers"]),
            questions=questions,
        )


class QuestionForm(forms.Form):
    """One free question of the registration form; an empty extra row is left out."""

    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(label=_("Frage"), max_length=300)
    kind = forms.ChoiceField(label=_("Art der Antwort"), choices=QuestionKind.choices, initial=QuestionKind.TEXT)
    options = forms.CharField(
        label=_("Antwortmöglichkeiten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bei Auswahl: eine je Zeile."),
    )
    required = forms.BooleanField(label=_("Pflichtfrage"), required=False)


class BaseQuestionFormSet(forms.BaseFormSet):
    def __init__(self, *args, event: Event | None = None, **kwargs):
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = [
                {
                    "pk": question.pk,
                    "label": question.label,
                    "kind": question.kind,
                    "options": question.options,
                    "required": question.required,
                }
                for question in event.questions.all()
            ]
        super().__init__(*args, **kwargs)
        for form in self.forms:
            if "DELETE" in form.fields:
                form.fields["DELETE"].label = _("Frage entfernen")

    def to_inputs(self) -> list[QuestionInput]:
        questions = []
        for form in self.forms:
            if not form.has_changed() and not form.initial:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = form.cleaned_data
            questions.append(
                QuestionInput(
                    label=data["label"],
                    kind=data["kind"],
                    options=data["options"],
                    required=data["required"],
                    pk=data.get("pk"),
                )
            )
        return questions


QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=BaseQuestionFormSet, extra=2, can_delete=True, max_num=30, validate_max=True
)


def put_event_errors(form: EventForm, formset, error: ValidationError) -> None:
    """An action's errors onto the event form, the questions' onto the formset."""
    if hasattr(error, "error_dict") and "questions" in error.error_dict:
        formset.action_errors = [message for item in error.error_dict.pop("questions") for message in item.messages]
        if not error.error_dict:
            return
    add_errors(form, error)


class CancelRegistrationForm(forms.Form):
    """Nothing to fill in: the button is the decision."""


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        choices=[("1", _("anwesend")), ("0", _("nicht da")), ("", _("offen"))],
        coerce=lambda value: {"1": True, "0": False}.get(value),
        empty_value=None,
        required=False,
    )


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-Mail-Adresse (freiwillig)"), required=False)
    organisation = forms.CharField(label=_("Organisation (freiwillig)"), max_length=200, required=False)
    sector = forms.ChoiceField(label=_("Bereich (freiwillig)"), choices=[("", "–"), *Sector.choices], required=False)
    photo_consent = forms.BooleanField(label=_("einverstanden mit Fotos"), required=False)

    def to_input(self) -> WalkInInput:
        return WalkInInput(**self.cleaned_data)


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Bericht"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Was war, wer war da, was folgt daraus. Absätze durch Leerzeilen."),
    )


def _documentation_visibility(user, event: Event) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Sichtbarkeit"),
        choices=selectable_levels(user, floor=event.visibility, scope=event.committee),
        coerce=int,
        initial=event.visibility,
        help_text=_("Nie offener als die Veranstaltung selbst."),
    )


ALT_TEXT_MISSING = _("Bitte beschreiben Sie, was auf dem Foto zu sehen ist (Alternativtext).")


class PhotoForm(forms.Form):
    file = forms.FileField(
        label=_("Foto (JPEG oder PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        error_messages={"required": _("Bitte wählen Sie ein Foto aus.")},
    )
    alt_text = forms.CharField(
        label=_("Alternativtext"),
        max_length=300,
        help_text=_("Was auf dem Foto zu sehen ist, für Menschen, die es nicht sehen können."),
        error_messages={"required": ALT_TEXT_MISSING},
    )
    caption = forms.CharField(label=_("Bildunterschrift"), max_length=300, required=False)
    credit = forms.CharField(label=_("Foto von"), max_length=150, required=False)

    def __init__(self, *args, user, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"] = _documentation_visibility(user, event)


class FileForm(forms.Form):
    file = forms.FileField(label=_("Datei"), error_messages={"required": _("Bitte wählen Sie eine Datei aus.")})
    title = forms.CharField(label=_("Titel"), max_length=200, required=False, help_text=_("Leer: der Dateiname."))

    def __init__(self, *args, user, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"] = _documentation_visibility(user, event)


class FormatForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    name_en = forms.CharField(label=_("Name (Englisch)"), max_length=100, required=False)
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FormatUpdateForm(FormatForm):
    is_active = forms.BooleanField(
        label=_("für neue Veranstaltungen wählbar"),
        required=False,
        help_text=_("Formate, die nicht mehr angeboten werden, bleiben an ihren Veranstaltungen stehen."),
    )
