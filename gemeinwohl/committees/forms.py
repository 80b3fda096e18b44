from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.committees.actions import (
    AgendaItemInput,
    CommitteeInput,
    DecisionInput,
    MeetingInput,
    TaskInput,
    check_due_date,
    check_meeting_place,
)
from gemeinwohl.committees.models import (
    AgendaItem,
    AgendaItemKind,
    AttendanceStatus,
    Committee,
    CommitteeKind,
    DecisionResult,
    MembershipRole,
)
from gemeinwohl.committees.selectors import assignable_people
from gemeinwohl.core.forms import DATE_INPUT
from gemeinwohl.core.visibility import Visibility, selectable_levels
from gemeinwohl.directory.models import Organisation, Person, Sector

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def visibility_field(user, *, floor: int, scope=None, initial=None) -> forms.TypedChoiceField:
    """The levels ``user`` may give here: not looser than ``floor``, not above their clearance in ``scope``."""
    return forms.TypedChoiceField(
        label=_("Sichtbarkeit"),
        choices=selectable_levels(user, floor=floor, scope=scope),
        coerce=int,
        initial=initial if initial is not None else floor,
        help_text=_("Wer das sehen darf. Nie offener als das, wozu es gehört."),
    )


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Kurzname"), max_length=40, help_text=_("Für Beschlussnummern, z. B. SR"))
    slug = forms.SlugField(label=_("Kürzel für Adressen"), max_length=60, help_text=_("z. B. steuerungsrunde"))
    kind = forms.ChoiceField(label=_("Art"), choices=CommitteeKind.choices)
    organisers = forms.ModelMultipleChoiceField(
        label=_("organisiert von"), queryset=Organisation.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    purpose = forms.CharField(label=_("Zweck"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    rhythm = forms.CharField(label=_("Rhythmus"), max_length=120, required=False)

    def __init__(self, *args, user, committee: Committee | None = None, **kwargs):
        if committee is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": committee.name,
                    "short_name": committee.short_name,
                    "slug": committee.slug,
                    "kind": committee.kind,
                    "organisers": list(committee.organisers.all()),
                    "purpose": committee.purpose,
                    "rhythm": committee.rhythm,
                    "visibility": committee.visibility,
                },
            )
        super().__init__(*args, **kwargs)
        self.committee = committee
        self.fields["organisers"].queryset = Organisation.objects.visible_to(user).active()
        self.fields["visibility"] = visibility_field(user, floor=Visibility.PUBLIC, scope=committee)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        others = Committee.objects.filter(slug=slug)
        if self.committee is not None:
            others = others.exclude(pk=self.committee.pk)
        if others.exists():
            raise forms.ValidationError(_("Dieses Kürzel ist schon vergeben."))
        return slug

    def to_input(self) -> CommitteeInput:
        data = self.cleaned_data
        return CommitteeInput(
            name=data["name"],
            short_name=data["short_name"],
            slug=data["slug"],
            kind=data["kind"],
            visibility=data["visibility"],
            purpose=data["purpose"],
            rhythm=data["rhythm"],
            organisers=list(data["organisers"]),
        )


class MembershipForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(label=_("Rolle"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    sector = forms.ChoiceField(label=_("vertritt den Sektor"), choices=Sector.choices)
    start_date = forms.DateField(label=_("seit"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, user, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(user).active().order_by("family_name", "given_name")
        self.fields["start_date"].initial = timezone.localdate()
        self.fields["visibility"] = visibility_field(
            user, floor=committee.visibility, scope=committee, initial=max(committee.visibility, Visibility.MEMBERS)
        )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, required=False, help_text=_("Leer: Name des Gremiums"))
    start = forms.DateTimeField(
        label=_("Beginn"), widget=DATETIME_INPUT, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    end = forms.DateTimeField(
        label=_("Ende"), widget=DATETIME_INPUT, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    room = forms.CharField(label=_("Raum"), max_length=200, required=False)
    address = forms.CharField(label=_("Anschrift"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online-Zugang"), required=False, assume_scheme="https")

    def __init__(self, *args, user, committee: Committee, meeting=None, **kwargs):
        if meeting is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": meeting.title,
                    "start": timezone.localtime(meeting.start),
                    "end": timezone.localtime(meeting.end),
                    "room": meeting.room,
                    "address": meeting.address,
                    "online_url": meeting.online_url,
                    "visibility": meeting.visibility,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["visibility"] = visibility_field(user, floor=committee.visibility, scope=committee)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Das Ende muss nach dem Beginn liegen."))
        try:
            check_meeting_place(room=data.get("room"), address=data.get("address"), online_url=data.get("online_url"))
        except ValidationError as error:
            self.add_error(None, error)
        return data

    def to_input(self) -> MeetingInput:
        data = self.cleaned_data
        return MeetingInput(
            start=data["start"],
            end=data["end"],
            visibility=data["visibility"],
            title=data["title"],
            room=data["room"],
            address=data["address"],
            online_url=data["online_url"],
        )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    kind = forms.ChoiceField(label=_("Art"), choices=AgendaItemKind.choices, initial=AgendaItemKind.DISCUSSION)
    presenter = forms.CharField(label=_("Berichterstattung"), max_length=200, required=False)
    description = forms.CharField(label=_("Erläuterung"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, user, meeting, item: AgendaItem | None = None, **kwargs):
        if item is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": item.title,
                    "kind": item.kind,
                    "presenter": item.presenter,
                    "description": item.description,
                    "visibility": item.visibility,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["visibility"] = visibility_field(user, floor=meeting.visibility, scope=meeting.committee)

    def to_input(self) -> AgendaItemInput:
        data = self.cleaned_data
        return AgendaItemInput(
            title=data["title"],
            visibility=data["visibility"],
            description=data["description"],
            kind=data["kind"],
            presenter=data["presenter"],
        )


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Datei"), help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG oder JPEG"))
    title = forms.CharField(label=_("Titel"), max_length=200, required=False, help_text=_("Leer: Dateiname"))
    agenda_item = forms.ModelChoiceField(
        label=_("zu Tagesordnungspunkt"), queryset=AgendaItem.objects.none(), required=False,
        empty_label=_("zur Sitzung allgemein"),
    )  # fmt: skip

    def __init__(self, *args, user, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.visible_to(user).filter(meeting=meeting)
        self.fields["visibility"] = visibility_field(user, floor=meeting.visibility, scope=meeting.committee)


class AttendanceForm(forms.Form):
    """One choice per member: anwesend, entschuldigt, abwesend (or not recorded)."""

    def __init__(self, *args, people, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=person.full_name,
                choices=[("", _("nicht erfasst")), *AttendanceStatus.choices],
                required=False,
                initial=current.get(person.pk, ""),
                widget=forms.RadioSelect,
            )

    def statuses(self) -> dict:
        return {
            person: self.cleaned_data[f"person_{person.pk}"]
            for person in self.people
            if self.cleaned_data.get(f"person_{person.pk}")
        }


class MinutesEntryForm(forms.Form):
    text = forms.CharField(
        label=_("Protokoll"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=20000
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CorrectionForm(MinutesEntryForm):
    reason = forms.CharField(label=_("Grund der Korrektur"), max_length=300)


class DecisionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(label=_("Tagesordnungspunkt"), queryset=AgendaItem.objects.none())
    text = forms.CharField(label=_("Beschlusstext"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    result = forms.ChoiceField(label=_("Ergebnis"), choices=DecisionResult.choices)
    votes_yes = forms.IntegerField(label=_("Ja-Stimmen"), min_value=0, max_value=10000, required=False)
    votes_no = forms.IntegerField(label=_("Nein-Stimmen"), min_value=0, max_value=10000, required=False)
    votes_abstain = forms.IntegerField(label=_("Enthaltungen"), min_value=0, max_value=10000, required=False)

    def __init__(self, *args, user, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.visible_to(user).filter(meeting=meeting)
        self.fields["visibility"] = visibility_field(user, floor=meeting.visibility, scope=meeting.committee)

    def clean(self):
        data = super().clean()
        votes = [data.get("votes_yes"), data.get("votes_no"), data.get("votes_abstain")]
        if any(v is not None for v in votes) and any(v is None for v in votes):
            raise forms.ValidationError(_("Bitte alle drei Stimmenzahlen angeben oder keine."))
        item = data.get("agenda_item")
        if item is not None and data.get("visibility") is not None and data["visibility"] < item.visibility:
            self.add_error("visibility", _("Der Beschluss darf nicht offener sein als sein Tagesordnungspunkt."))
        return data

    def to_input(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput(
            text=data["text"],
            result=data["result"],
            visibility=data["visibility"],
            votes_yes=data["votes_yes"],
            votes_no=data["votes_no"],
            votes_abstain=data["votes_abstain"],
        )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Aufgabe"), max_length=300)
    assignee = forms.ModelChoiceField(label=_("zuständig"), queryset=Person.objects.none(), required=False)
    due_date = forms.DateField(label=_("fällig am"), widget=DATE_INPUT, required=False)
    agenda_item = forms.ModelChoiceField(
        label=_("aus Tagesordnungspunkt"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, user, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["assignee"].queryset = assignable_people(meeting=meeting, fetched_by=user)
        self.fields["agenda_item"].queryset = AgendaItem.objects.visible_to(user).filter(meeting=meeting)
        self.fields["visibility"] = visibility_field(user, floor=meeting.visibility, scope=meeting.committee)

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        try:
            check_due_date(due)
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["due_date"]) from None
        return due

    def to_input(self) -> TaskInput:
        data = self.cleaned_data
        return TaskInput(
            title=data["title"],
            visibility=data["visibility"],
            assignee=data["assignee"],
            due_date=data["due_date"],
            agenda_item=data["agenda_item"],
            meeting=self.meeting,
        )
