from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gemeinwohl.advice.actions import ActivityInput, LinksInput, ReferralInput, RequestInput, check_request_dates
from gemeinwohl.advice.models import ActivityKind, CaseType, ConsentText, ReferralOutcome, State, Topic
from gemeinwohl.advice.selectors import assignable_users, shareable_users
from gemeinwohl.core.forms import DATE_INPUT
from gemeinwohl.core.spam import HoneypotMixin
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Organisation, Person, Sector

# Free texts: the same limit as the actions check (settings.ADVICE_TEXT_MAX_CHARS).
TEXT_MAX = settings.ADVICE_TEXT_MAX_CHARS

# The requester chooses among these; "Sonstige" covers everyone else.
REQUESTER_SECTORS = [
    (Sector.CIVIL_SOCIETY, _("Initiative, Hausgemeinschaft oder Verein")),
    (Sector.COMMON_GOOD_ECONOMY, _("Gemeinwohlorientiertes Unternehmen, Genossenschaft, Stiftung")),
    (Sector.POLITICS, _("Politik")),
    (Sector.ADMINISTRATION, _("Verwaltung")),
    (Sector.OTHER, _("Sonstige")),
]


class RequestForm(HoneypotMixin, forms.Form):
    """ "Beratung anfragen": what an initiative tells us, with the consent to process it."""

    group_name = forms.CharField(label=_("Initiative oder Gruppe"), max_length=200)
    sector = forms.ChoiceField(label=_("Sie sind"), choices=REQUESTER_SECTORS, initial=Sector.CIVIL_SOCIETY)
    contact_name = forms.CharField(label=_("Ansprechperson"), max_length=150)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        help_text=_("An diese Adresse schicken wir die Bestätigung und Ihren persönlichen Statuslink."),
        error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org.")},
    )
    phone = forms.CharField(label=_("Telefon (freiwillig)"), max_length=40, required=False)
    topics = forms.MultipleChoiceField(
        label=_("Themen"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Mehrere Antworten möglich."),
        error_messages={"required": _("Bitte wählen Sie mindestens ein Thema.")},
    )
    address = forms.CharField(
        label=_("Betroffene Adresse (freiwillig)"),
        max_length=200,
        required=False,
        help_text=_("z. B. Musterstraße 1, 10997 Berlin"),
    )
    sale_notified_on = forms.DateField(
        label=_("Verkauf dem Bezirk mitgeteilt am (falls bekannt)"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Ab diesem Tag läuft die dreimonatige Frist für das Vorkaufsrecht des Bezirks."),
    )
    deadline = forms.DateField(label=_("Eine Frist, die ansteht (falls vorhanden)"), widget=DATE_INPUT, required=False)
    deadline_note = forms.CharField(
        label=_("Was ist das für eine Frist?"),
        max_length=200,
        required=False,
        help_text=_("z. B. Kündigung der Räume, Bewerbungsschluss im Konzeptverfahren"),
    )
    description = forms.CharField(
        label=_("Ihr Anliegen"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_MAX,
        help_text=_("Was ist passiert, was brauchen Sie, wer ist beteiligt?"),
    )
    consent = forms.BooleanField(
        label=_("Ich stimme der Verarbeitung meiner Angaben zu."),
        error_messages={"required": _("Ohne Ihre Einwilligung können wir Ihre Anfrage nicht bearbeiten.")},
    )
    consent_version = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = ConsentText.objects.current()
        if self.consent_text is not None:
            self.fields["consent_version"].initial = self.consent_text.version

    def clean(self):
        cleaned = super().clean()
        try:
            check_request_dates(
                sale_notified_on=cleaned.get("sale_notified_on"),
                deadline=cleaned.get("deadline"),
                today=timezone.localdate(),
            )
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return cleaned

    def to_input(self) -> RequestInput:
        data = self.cleaned_data
        return RequestInput(
            group_name=data["group_name"],
            contact_name=data["contact_name"],
            email=data["email"],
            phone=data["phone"],
            sector=data["sector"],
            topics=data["topics"],
            address=data["address"],
            sale_notified_on=data["sale_notified_on"],
            deadline=data["deadline"],
            deadline_note=data["deadline_note"],
            description=data["description"],
            consent_version=data["consent_version"] if data["consent"] else "",
            language=(get_language() or "de")[:2],
        )


class RequesterAddForm(forms.Form):
    """What the requester adds through the status link: more information and/or a document."""

    text = forms.CharField(
        label=_("Ergänzung"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=TEXT_MAX
    )
    file = forms.FileField(
        label=_("Dokument (freiwillig)"), required=False, help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG oder JPEG")
    )


# --- the team's forms on a case ------------------------------------------------------------


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("zuständig"), queryset=None, required=False, empty_label=_("noch niemand")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users()


class CaseTypeForm(forms.Form):
    case_type = forms.ModelChoiceField(label=_("Falltyp"), queryset=CaseType.objects.none(), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_type"].queryset = CaseType.objects.active()


class TransitionForm(forms.Form):
    state = forms.ChoiceField(label=_("neuer Stand"), choices=State.choices)


class AudienceForm(forms.Form):
    """A form whose ``audience`` says who reads the record: the requester too, the team, or the administration."""

    shared_label = _("auch die Anfragenden (über ihren Statuslink)")

    def __init__(self, *args, user, case, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("team", _("das Team (und freigegebene Bezirksamts-Mitarbeitende)"))]
        if user.has_perm("advice.change_case", case):
            choices.insert(0, ("shared", self.shared_label))
        if (case.clearance_for(user) or Visibility.TEAM) >= Visibility.INTERNAL:
            choices.append(("internal", _("nur verwaltungsintern")))
        self.fields["audience"].choices = choices
        self.fields["audience"].initial = "team"

    def level(self) -> tuple[int, bool]:
        """The visibility level and whether the requester shares it."""
        audience = self.cleaned_data["audience"]
        return (Visibility.INTERNAL if audience == "internal" else Visibility.TEAM), audience == "shared"


class NoteForm(AudienceForm):
    text = forms.CharField(label=_("Notiz"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX)
    audience = forms.ChoiceField(label=_("Wer sieht die Notiz?"))


class DocumentForm(AudienceForm):
    file = forms.FileField(label=_("Datei"), help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG oder JPEG"))
    audience = forms.ChoiceField(label=_("Wer sieht das Dokument?"))


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Was"), max_length=200)
    done_on = forms.DateField(label=_("erledigt am"), widget=DATE_INPUT, required=False)
    due_date = forms.DateField(
        label=_("oder: fällig am"), widget=DATE_INPUT, required=False, help_text=_("für eine Wiedervorlage")
    )
    minutes = forms.IntegerField(label=_("Zeitaufwand (Minuten)"), min_value=0, max_value=24 * 60, required=False)
    note = forms.CharField(
        label=_("Notiz"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=TEXT_MAX
    )

    def to_input(self) -> ActivityInput:
        data = self.cleaned_data
        return ActivityInput(
            kind=data["kind"],
            title=data["title"],
            done_on=data["done_on"],
            due_date=data["due_date"],
            minutes=data["minutes"],
            note=data["note"],
        )


class CompleteForm(forms.Form):
    done_on = forms.DateField(label=_("erledigt am"), widget=DATE_INPUT)
    minutes = forms.IntegerField(label=_("Zeitaufwand (Minuten)"), min_value=0, max_value=24 * 60, required=False)
    note = forms.CharField(
        label=_("Notiz"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=TEXT_MAX
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class ReferralForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("an Organisation"), queryset=Organisation.objects.none())
    contact_person = forms.ModelChoiceField(
        label=_("Ansprechperson dort (freiwillig)"), queryset=Person.objects.none(), required=False
    )
    referred_on = forms.DateField(label=_("weitervermittelt am"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Anlass"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=TEXT_MAX
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).active().order_by("name")
        self.fields["contact_person"].queryset = (
            Person.objects.visible_to(user).active().order_by("family_name", "given_name")
        )
        self.fields["referred_on"].initial = timezone.localdate()

    def to_input(self) -> ReferralInput:
        data = self.cleaned_data
        return ReferralInput(
            organisation=data["organisation"],
            contact_person=data["contact_person"],
            referred_on=data["referred_on"],
            reason=data["reason"],
        )


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Ergebnis"), choices=ReferralOutcome.choices)
    outcome_note = forms.CharField(label=_("Notiz zum Ergebnis"), max_length=2000, required=False)


class ShareForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Mitarbeitende des Bezirksamts"), queryset=None)
    remove = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = shareable_users()


class LinksForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("beteiligte Personen"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("beteiligte Organisationen"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.visible_to(user).active().order_by("family_name", "given_name")
        self.fields["organisations"].queryset = Organisation.objects.visible_to(user).active().order_by("name")

    def to_input(self) -> LinksInput:
        return LinksInput(
            people=list(self.cleaned_data["people"]), organisations=list(self.cleaned_data["organisations"])
        )
