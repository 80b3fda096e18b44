"""The public registration form, built from what the event asks (the team's forms are in ``team_forms``).

The form shapes and types what people type; the action
(``actions.registration_register``) decides whether it is enough and says
why not, so the messages here are the action's own words.
"""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.spam import HoneypotMixin
from gemeinwohl.directory.models import Sector
from gemeinwohl.events.actions import ANSWER_MAX, NAME_MAX, RegistrationInput
from gemeinwohl.events.models import Ask, Event, QuestionKind

YES_NO = [("ja", _("Ja")), ("nein", _("Nein"))]
QUESTION_PREFIX = "question_"


def _asked(field: forms.Field, ask: str, *, missing: str) -> forms.Field | None:
    """``field`` as the event asks for it: not at all, voluntarily (label says so) or as a required detail."""
    if ask == Ask.NO:
        return None
    field.required = ask == Ask.REQUIRED
    field.error_messages["required"] = missing
    if not field.required:
        field.label = _("%(label)s (freiwillig)") % {"label": field.label}
    return field


class RegistrationForm(HoneypotMixin, forms.Form):
    """Register for ``event`` without an account: name, e-mail, what the event asks, photo consent."""

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX,
        error_messages={"required": _("Bitte geben Sie Ihren Namen an.")},
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        help_text=_("Hierhin schicken wir die Bestätigung und den Link, unter dem Sie sich wieder abmelden können."),
        error_messages={
            "required": _("Bitte geben Sie eine gültige E-Mail-Adresse an, etwa name@beispiel.de."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, etwa name@beispiel.de."),
        },
    )
    photo_consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass Fotos, auf denen ich zu sehen bin, für die Dokumentation verwendet werden."
        ),
        help_text=_("Freiwillig. Ohne Ihr Einverständnis achten wir darauf, Sie nicht zu fotografieren."),
        required=False,
    )

    def __init__(self, *args, event: Event, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.questions = list(event.questions.all() if questions is None else questions)
        extra = {
            "organisation": _asked(
                forms.CharField(label=_("Organisation"), max_length=200),
                event.ask_organisation,
                missing=_("Bitte geben Sie Ihre Organisation an."),
            ),
            "sector": _asked(
                forms.ChoiceField(
                    label=_("Aus welchem Bereich kommen Sie?"),
                    choices=[("", _("bitte wählen")), *Sector.choices],
                    error_messages={"invalid_choice": _("Bitte wählen Sie einen der angebotenen Bereiche.")},
                ),
                event.ask_sector,
                missing=_("Bitte wählen Sie aus, aus welchem Bereich Sie kommen."),
            ),
            "accessibility_needs": _asked(
                forms.CharField(
                    label=_("Was brauchen Sie, um gut teilnehmen zu können?"),
                    help_text=_("Zum Beispiel Gebärdensprachdolmetschung, Kinderbetreuung, stufenloser Zugang."),
                    max_length=ANSWER_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                ),
                event.ask_accessibility,
                missing=_("Bitte sagen Sie uns, was Sie für die Teilnahme brauchen (oder „nichts“)."),
            ),
        }
        # The standard details first, then the event's own questions, the consent last.
        consent = self.fields.pop("photo_consent")
        honeypot = self.fields.pop("homepage")
        for name, field in extra.items():
            if field is not None:
                self.fields[name] = field
        for question in self.questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = self._question_field(question)
        self.fields["photo_consent"] = consent
        self.fields["homepage"] = honeypot

    @staticmethod
    def _question_field(question) -> forms.Field:
        messages = {
            "required": _("Bitte beantworten Sie diese Frage."),
            "invalid_choice": _("Bitte wählen Sie eine der angebotenen Antworten."),
        }
        label = question.label if question.required else _("%(label)s (freiwillig)") % {"label": question.label}
        if question.kind == QuestionKind.YES_NO:
            return forms.ChoiceField(
                label=label,
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=question.required,
                error_messages=messages,
            )
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                label=label,
                choices=[(option, option) for option in question.option_list],
                widget=forms.RadioSelect,
                required=question.required,
                error_messages=messages,
            )
        return forms.CharField(
            label=label,
            max_length=ANSWER_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
            required=question.required,
            error_messages=messages,
        )

    @property
    def question_fields(self):
        return [self[f"{QUESTION_PREFIX}{question.pk}"] for question in self.questions]

    @property
    def detail_fields(self):
        return [
            self[name]
            for name in ("name", "email", "organisation", "sector", "accessibility_needs")
            if name in self.fields
        ]

    def to_input(self) -> RegistrationInput:
        data = self.cleaned_data
        return RegistrationInput(
            name=data["name"],
            email=data["email"],
            organisation=data.get("organisation", ""),
            sector=data.get("sector", ""),
            accessibility_needs=data.get("accessibility_needs", ""),
            photo_consent=bool(data.get("photo_consent")),
            answers={question.pk: data.get(f"{QUESTION_PREFIX}{question.pk}") or "" for question in self.questions},
            language=(get_language() or "de")[:2],
        )
