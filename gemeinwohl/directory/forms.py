from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.visibility import Visibility, selectable_levels
from gemeinwohl.directory.inputs import AffiliationInput, ContactInput, OrganisationInput, PersonInput
from gemeinwohl.directory.models import (
    Affiliation,
    ConsentMethod,
    ConsentText,
    ContactDetail,
    LegalForm,
    Organisation,
    Person,
    Sector,
    Topic,
)


class VisibilityFormMixin:
    """Offer only the levels the editing reader may give (never above their own clearance)."""

    def limit_visibility(self, user, field="visibility", floor=Visibility.PUBLIC):
        self.fields[field] = forms.TypedChoiceField(
            label=_("Sichtbarkeit"),
            choices=selectable_levels(user, floor=floor),
            coerce=int,
            initial=self.fields[field].initial if field in self.fields else Visibility.TEAM,
            help_text=_("Wer diesen Eintrag sehen darf."),
        )


class TopicsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Topic.objects.all(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Themen"),
            **kwargs,
        )


class PersonForm(VisibilityFormMixin, forms.ModelForm):
    topics = TopicsField()

    class Meta:
        model = Person
        fields = ["title", "given_name", "family_name", "pronouns", "topics", "visibility"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_visibility(user)
        self.fields["given_name"].widget.attrs["autocomplete"] = "off"

    def to_input(self) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(
            family_name=data["family_name"],
            given_name=data["given_name"],
            title=data["title"],
            pronouns=data["pronouns"],
            visibility=data["visibility"],
            topics=list(data["topics"]),
        )


class OrganisationForm(VisibilityFormMixin, forms.ModelForm):
    topics = TopicsField()

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "sector", "legal_form", "parent", "description", "topics", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, organisation_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_visibility(user)
        parent = self.fields["parent"]
        parent.queryset = Organisation.objects.visible_to(user).active()
        if self.instance.pk:
            parent.queryset = parent.queryset.exclude(pk=self.instance.pk)
        parent.choices = [("", "—")] + [c for c in organisation_choices if c[0] != self.instance.pk]

    def to_input(self) -> OrganisationInput:
        data = self.cleaned_data
        return OrganisationInput(
            name=data["name"],
            sector=data["sector"],
            short_name=data["short_name"],
            legal_form=data["legal_form"],
            parent=data["parent"],
            description=data["description"],
            visibility=data["visibility"],
            topics=list(data["topics"]),
        )


class ContactForm(VisibilityFormMixin, forms.ModelForm):
    class Meta:
        model = ContactDetail
        fields = ["kind", "context", "value", "visibility"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_visibility(user)


class AffiliationForm(VisibilityFormMixin, forms.ModelForm):
    class Meta:
        model = Affiliation
        fields = ["organisation", "kind", "function", "start_date", "end_date", "visibility"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, organisation_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_visibility(user)
        organisation = self.fields["organisation"]
        organisation.queryset = Organisation.objects.visible_to(user)
        # One list of choices for every row, built once per page.
        organisation.choices = [("", "—"), *organisation_choices]


class BaseChildFormSet(BaseInlineFormSet):
    """An inline formset whose rows turn into action inputs instead of saving themselves."""

    picks_organisations = False  # whether its rows choose an organisation from the address book

    def __init__(self, *args, user, extra_form_kwargs=None, **kwargs):
        self.user = user
        self.extra_form_kwargs = extra_form_kwargs or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "user": self.user, **self.extra_form_kwargs}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            **self.get_form_kwargs(None),
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form

    def changed_forms(self):
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            yield form, self._should_delete_form(form)


class ContactFormSet(BaseChildFormSet):
    def to_inputs(self) -> list[ContactInput]:
        return [
            ContactInput(id=form.instance.pk, delete=True, kind="", value="")
            if delete
            else ContactInput(
                id=form.instance.pk,
                kind=form.cleaned_data["kind"],
                value=form.cleaned_data["value"],
                context=form.cleaned_data["context"],
                visibility=form.cleaned_data["visibility"],
            )
            for form, delete in self.changed_forms()
        ]


class AffiliationFormSet(BaseChildFormSet):
    picks_organisations = True

    def to_inputs(self) -> list[AffiliationInput]:
        inputs = []
        for form, delete in self.changed_forms():
            if delete:
                inputs.append(
                    AffiliationInput(id=form.instance.pk, delete=True, organisation=form.instance.organisation)
                )
                continue
            data = form.cleaned_data
            inputs.append(
                AffiliationInput(
                    id=form.instance.pk,
                    organisation=data["organisation"],
                    kind=data["kind"],
                    function=data["function"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    visibility=data["visibility"],
                )
            )
        return inputs


PersonContactFormSet = inlineformset_factory(
    Person, ContactDetail, form=ContactForm, formset=ContactFormSet, fk_name="person", extra=2
)
OrganisationContactFormSet = inlineformset_factory(
    Organisation, ContactDetail, form=ContactForm, formset=ContactFormSet, fk_name="organisation", extra=2
)
PersonAffiliationFormSet = inlineformset_factory(
    Person, Affiliation, form=AffiliationForm, formset=AffiliationFormSet, extra=1
)


class NoteForm(VisibilityFormMixin, forms.Form):
    text = forms.CharField(label=_("Notiz"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    visibility = forms.TypedChoiceField(label=_("Sichtbarkeit"), coerce=int)

    def __init__(self, *args, user, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_visibility(user, floor=max(entry.visibility, Visibility.TEAM))
        self.fields["visibility"].initial = max(entry.visibility, Visibility.TEAM)


class ConsentForm(forms.Form):
    consent_text = forms.ModelChoiceField(label=_("Einwilligungstext"), queryset=ConsentText.objects.all())
    granted = forms.TypedChoiceField(
        label=_("Erteilt oder widerrufen"),
        choices=[("1", _("erteilt")), ("0", _("widerrufen"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    given_on = forms.DateField(label=_("am"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    method = forms.ChoiceField(label=_("Wie"), choices=ConsentMethod.choices)
    note = forms.CharField(label=_("Bemerkung"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError(_("Das Datum darf nicht in der Zukunft liegen."))
        return given_on


class EntryFilterForm(forms.Form):
    """The search and filters above a list of people or organisations."""

    q = forms.CharField(label=_("Suche"), required=False, max_length=100)
    sector = forms.ChoiceField(label=_("Sektor"), required=False, choices=[("", _("alle Sektoren")), *Sector.choices])
    legal_form = forms.ChoiceField(
        label=_("Rechtsform/Art"), required=False, choices=[("", _("alle")), *LegalForm.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Thema"), required=False, queryset=Topic.objects.all(), empty_label=_("alle Themen")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("aktuell")), ("archiv", _("archiviert"))]
    )
    order = forms.ChoiceField(
        label=_("Sortierung"), required=False, choices=[("name", _("Name")), ("geaendert", _("zuletzt geändert"))]
    )


class ImportForm(forms.Form):
    KIND_CHOICES = [("personen", _("Personen")), ("organisationen", _("Organisationen"))]

    kind = forms.ChoiceField(label=_("Was wird importiert?"), choices=KIND_CHOICES, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_("Kodierung UTF-8 oder Windows-1252 (Excel), getrennt durch Semikolon oder Komma."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(label=_("Nur prüfen, nichts speichern"), required=False, label_suffix="")


# --- choosing an entry of the address book in another app's form (places, tenders, contracts) -------------------


def entry_choices(user) -> list:
    """The address-book entries ``user`` may see, as one select: organisations, then people (two queries).

    Values are "o<pk>" and "p<pk>"; ``entry_from_choice`` turns one back into its entry.
    """
    organisations = Organisation.objects.visible_to(user).active().order_by("name", "pk").only("pk", "name")
    people = Person.objects.visible_to(user).active().order_by("family_name", "given_name", "pk")
    return [
        ("", _("– bitte wählen –")),
        (_("Organisationen"), [(f"o{entry.pk}", str(entry)) for entry in organisations]),
        (_("Personen"), [(f"p{entry.pk}", str(entry)) for entry in people]),
    ]


def entry_from_choice(value: str) -> tuple[Organisation | None, Person | None]:
    """The (organisation, person) an ``entry_choices`` value names, (None, None) for anything else.

    A look-up by key only: the action that receives the entry checks that its author may see it.
    """
    if not value or value[0] not in "op" or not value[1:].isdigit():
        return None, None
    model = Organisation if value[0] == "o" else Person
    entry = model.objects.filter(pk=int(value[1:])).first()
    return (entry, None) if value[0] == "o" else (None, entry)
