from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.directory import actions, exports, imports, selectors
from gemeinwohl.directory.forms import (
    ConsentForm,
    EntryFilterForm,
    ImportForm,
    NoteForm,
    OrganisationContactFormSet,
    OrganisationForm,
    PersonAffiliationFormSet,
    PersonContactFormSet,
    PersonForm,
)
from gemeinwohl.directory.models import Organisation, Person
from gemeinwohl.directory.table_format import COLUMNS


class DirectoryMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """The address book is the team's: others are sent to log in or refused."""

    permission_required = "directory.view_directory"


LIST_SELECTORS = {"personen": selectors.person_list, "organisationen": selectors.organisation_list}
GET_SELECTORS = {Person: selectors.person_get, Organisation: selectors.organisation_get}


def _filters(form: EntryFilterForm) -> selectors.EntryFilter:
    data = form.cleaned_data
    return selectors.EntryFilter(
        search=data.get("q") or "",
        sector=data.get("sector") or "",
        topic=data["topic"].pk if data.get("topic") else None,
        legal_form=data.get("legal_form") or "",
        archived=data.get("status") == "archiv",
        order=data.get("order") or "name",
    )


class EntryListView(DirectoryMixin, TemplateView):
    """People or organisations with search, filters and pages; HTMX asks for the results only."""

    kind = "personen"

    def get_template_names(self):
        if self.request.headers.get("HX-Request") and self.request.headers.get("HX-Target") == "results":
            return ["directory/_results.html"]
        return ["directory/entry_list.html"]

    def get(self, request, *args, **kwargs):
        form = EntryFilterForm(request.GET)
        context = self.get_context_data(form=form, kind=self.kind)
        if not form.is_valid():
            context["page"] = None
            return self.render_to_response(context, status=400)
        entries = LIST_SELECTORS[self.kind](fetched_by=request.user, filters=_filters(form))
        context["page"] = Paginator(entries, settings.DIRECTORY_PAGE_SIZE).get_page(request.GET.get("seite"))
        context["filtered"] = any(form.cleaned_data.get(name) for name in ("q", "sector", "topic", "legal_form"))
        response = self.render_to_response(context)
        # The same address answers a whole page or, to HTMX, only the results.
        patch_vary_headers(response, ("HX-Request", "HX-Target"))
        return response


class PersonListView(EntryListView):
    kind = "personen"


class OrganisationListView(EntryListView):
    kind = "organisationen"


class ExportView(DirectoryMixin, View):
    """The current list, as filtered, as CSV or XLSX."""

    permission_required = "directory.export_entries"
    kind = "personen"

    def get(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        form = EntryFilterForm(request.GET)
        if not form.is_valid():
            return HttpResponse(_("Ungültiger Filter."), status=400, content_type="text/plain; charset=utf-8")
        entries = LIST_SELECTORS[self.kind](fetched_by=request.user, filters=_filters(form))
        rows = exports.ROWS_BY_KIND[self.kind](entries)
        filename = f"adressbuch-{self.kind}-{timezone.localdate():%Y-%m-%d}"
        header = exports.COLUMNS_BY_KIND[self.kind]
        # The file's words (sectors, relations, levels) are the import's German ones in any interface language.
        with translation.override("de"):
            if fmt == "xlsx":
                return exports.xlsx_response(filename, self.kind.capitalize(), header, rows)
            return exports.csv_response(filename, header, rows)


class PersonDetailView(DirectoryMixin, TemplateView):
    template_name = "directory/person_detail.html"

    def get_context_data(self, **kwargs):
        person = selectors.person_get(pk=self.kwargs["pk"], fetched_by=self.request.user)
        kwargs.setdefault("note_form", NoteForm(user=self.request.user, entry=person))
        kwargs.setdefault("consent_form", ConsentForm())
        return super().get_context_data(person=person, entry=person, **kwargs)


class OrganisationDetailView(DirectoryMixin, TemplateView):
    template_name = "directory/organisation_detail.html"

    def get_context_data(self, **kwargs):
        organisation = selectors.organisation_get(pk=self.kwargs["pk"], fetched_by=self.request.user)
        kwargs.setdefault("note_form", NoteForm(user=self.request.user, entry=organisation))
        return super().get_context_data(organisation=organisation, entry=organisation, **kwargs)


def _render_detail(view_class, request, pk, **forms):
    """A detail page again, with a rejected form showing its messages (422)."""
    view = view_class()
    view.setup(request, pk=pk)
    return view.render_to_response(view.get_context_data(**forms), status=422)


def _with_extra_row(data, prefix: str):
    """The submitted form data with one more empty row in the formset ``prefix``."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    rows = data.get(key, "0")
    data[key] = str(int(rows) + 1) if rows.isdigit() else rows  # a forged count fails the formset's own check
    return data


class EntryEditView(DirectoryMixin, TemplateView):
    """Create or change an entry with its contacts (and a person's affiliations) in one form.

    "Weitere Zeile" buttons add an empty row without saving, so the form works without JavaScript.
    """

    model = Person
    template_name = "directory/entry_form.html"
    formset_classes = {}

    def get_entry(self):
        if "pk" not in self.kwargs:
            if not self.request.user.has_perm(f"directory.add_{self.model.__name__.lower()}"):
                raise PermissionDenied
            return None
        entry = GET_SELECTORS[self.model](pk=self.kwargs["pk"], fetched_by=self.request.user)
        if not self.request.user.has_perm(f"directory.change_{entry.kind}", entry):
            raise PermissionDenied
        return entry

    def build(self, data=None):
        """The entry's form and its formsets, holding only rows the reader may see."""
        user = self.request.user
        choices = selectors.organisation_choices(fetched_by=user)
        form_kwargs = {"organisation_choices": choices} if self.model is Organisation else {}
        form = self.form_class(data, instance=self.entry, user=user, **form_kwargs)
        owner = {self.model.__name__.lower(): self.entry}
        formsets = {
            prefix: formset_class(
                data,
                instance=self.entry or self.model(),
                queryset=visible_rows(user).filter(**owner) if self.entry else visible_rows(user).none(),
                prefix=prefix,
                user=user,
                extra_form_kwargs={"organisation_choices": choices} if formset_class.picks_organisations else None,
            )
            for prefix, (formset_class, visible_rows) in self.formset_classes.items()
        }
        return form, formsets

    def get_context_data(self, **kwargs):
        formset_errors = []
        for formset in kwargs.get("formsets", {}).values():
            if formset.is_bound and not formset.is_valid():
                formset_errors.extend(formset.non_form_errors())
                for number, errors in enumerate(formset.errors, start=1):
                    for field, messages in errors.items():
                        label = formset.forms[number - 1].fields[field].label if field != "__all__" else ""
                        formset_errors.extend(
                            f"{label} ({number}): {message}" if label else message for message in messages
                        )
        return super().get_context_data(
            entry=self.entry, kind=self.model.__name__.lower(), formset_errors=formset_errors, **kwargs
        )

    def get(self, request, *args, **kwargs):
        self.entry = self.get_entry()
        form, formsets = self.build()
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def post(self, request, *args, **kwargs):
        self.entry = self.get_entry()
        data = request.POST
        for prefix in self.formset_classes:
            if f"add-{prefix}" in data:
                form, formsets = self.build(_with_extra_row(data, prefix))
                return self.render_to_response(self.get_context_data(form=form, formsets=formsets, added_row=prefix))
        form, formsets = self.build(data)
        if form.is_valid() and all(formset.is_valid() for formset in formsets.values()):
            try:
                entry = self.save(form, formsets)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("„%(entry)s“ wurde gespeichert.") % {"entry": entry})
                return redirect(entry)
        context = self.get_context_data(form=form, formsets=formsets)
        return self.render_to_response(context, status=422)


class PersonEditView(EntryEditView):
    model = Person
    form_class = PersonForm
    formset_classes = {
        "kontakte": (PersonContactFormSet, selectors.visible_contacts),
        "organisationen": (PersonAffiliationFormSet, selectors.visible_affiliations),
    }

    def save(self, form, formsets):
        arguments = {
            "by": self.request.user,
            "data": form.to_input(),
            "contacts": formsets["kontakte"].to_inputs(),
            "affiliations": formsets["organisationen"].to_inputs(),
        }
        if self.entry is None:
            return actions.person_create(**arguments)
        return actions.person_update(person=self.entry, **arguments)


class OrganisationEditView(EntryEditView):
    model = Organisation
    form_class = OrganisationForm
    formset_classes = {"kontakte": (OrganisationContactFormSet, selectors.visible_contacts)}

    def save(self, form, formsets):
        arguments = {"by": self.request.user, "data": form.to_input(), "contacts": formsets["kontakte"].to_inputs()}
        if self.entry is None:
            return actions.organisation_create(**arguments)
        return actions.organisation_update(organisation=self.entry, **arguments)


class EntryActionView(DirectoryMixin, View):
    """POST-only changes of state on an entry: archive, restore."""

    model = Person
    http_method_names = ["post"]

    def get_entry(self):
        return GET_SELECTORS[self.model](pk=self.kwargs["pk"], fetched_by=self.request.user)


class ArchiveView(EntryActionView):
    def post(self, request, pk):
        entry = self.get_entry()
        if not request.user.has_perm(f"directory.archive_{entry.kind}", entry):
            raise PermissionDenied
        actions.entry_archive(entry=entry, by=request.user)
        messages.success(request, _("„%(entry)s“ wurde archiviert.") % {"entry": entry})
        return redirect(entry)


class RestoreView(EntryActionView):
    def post(self, request, pk):
        entry = self.get_entry()
        if not request.user.has_perm(f"directory.restore_{entry.kind}", entry):
            raise PermissionDenied
        actions.entry_restore(entry=entry, by=request.user)
        messages.success(request, _("„%(entry)s“ ist wieder aktiv.") % {"entry": entry})
        return redirect(entry)


class NoteCreateView(EntryActionView):
    def post(self, request, pk):
        entry = self.get_entry()
        if not request.user.has_perm("directory.add_note", entry):
            raise PermissionDenied
        form = NoteForm(request.POST, user=request.user, entry=entry)
        if form.is_valid():
            try:
                actions.note_add(entry=entry, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Die Notiz wurde gespeichert."))
                return redirect(entry)
        detail = PersonDetailView if self.model is Person else OrganisationDetailView
        return _render_detail(detail, request, pk, note_form=form)


class ConsentCreateView(EntryActionView):
    model = Person

    def post(self, request, pk):
        person = self.get_entry()
        if not request.user.has_perm("directory.add_consentrecord", person):
            raise PermissionDenied
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                actions.consent_record(person=person, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Die Einwilligung wurde erfasst."))
                return redirect(person)
        return _render_detail(PersonDetailView, request, pk, consent_form=form)


class ImportView(DirectoryMixin, TemplateView):
    permission_required = "directory.import_entries"
    template_name = "directory/import.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ImportForm(initial={"kind": "organisationen"}))
        return super().get_context_data(
            columns=COLUMNS, max_megabytes=settings.DIRECTORY_IMPORT_MAX_BYTES / 1024 / 1024, **kwargs
        )

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        upload = form.cleaned_data["file"]
        if upload.size > settings.DIRECTORY_IMPORT_MAX_BYTES:
            form.add_error(
                "file",
                _("Die Datei ist zu groß (%(size)s MB). Erlaubt sind höchstens %(limit)s MB.")
                % {
                    "size": number_format(round(upload.size / 1024 / 1024, 1), 1),
                    "limit": number_format(round(settings.DIRECTORY_IMPORT_MAX_BYTES / 1024 / 1024, 1), 1),
                },
            )
            return self.render_to_response(self.get_context_data(form=form), status=413)
        if not upload.name.lower().endswith((".csv", ".txt")):
            form.add_error("file", _("Bitte eine CSV-Datei (.csv) hochladen."))
            return self.render_to_response(self.get_context_data(form=form), status=422)
        try:
            result = actions.directory_import(
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                by=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except imports.ImportRefused as refused:
            form.add_error("file", str(refused))
            return self.render_to_response(self.get_context_data(form=form), status=422)
        status = 200 if result.ok else 422
        return self.render_to_response(self.get_context_data(form=form, result=result), status=status)


class ImportTemplateView(DirectoryMixin, View):
    """An empty CSV file with the right columns, to fill in with a spreadsheet program."""

    permission_required = "directory.import_entries"

    def get(self, request, kind):
        if kind not in COLUMNS:
            raise Http404
        return exports.csv_response(f"vorlage-{kind}", COLUMNS[kind], [])
