"""The world the matrix runs in: the demo data, one account per role, and an object at every level.

The demo (``load_demo``) holds most levels already; where it lacks one, the set-up adds an object
through the apps' own actions. A few objects at level verwaltungsintern carry marker strings
(``MARKER``) so that a leak shows up unmistakably.
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from gemeinwohl.core.visibility import Visibility

PUBLIC, MEMBERS, TEAM, INTERNAL = Visibility.PUBLIC, Visibility.MEMBERS, Visibility.TEAM, Visibility.INTERNAL
LEVELS = (PUBLIC, MEMBERS, TEAM, INTERNAL)
MARKER = "Matrixgeheim"

# The roles down the matrix: (demo account e-mail or None for a fresh account, role, name of a fresh account).
# "registered" and "bezirksamt" belong to no committee; the "_member" ones sit in demo committees
# (Kim Nowak in Steuerungsrunde, Verein, Baustelle Gemeinwohl; Dr. Friedrich Lenz in Jour-Fixe and Regelrunde).
ROLE_ACCOUNTS = {
    "anonymous": None,
    "registered": ("rita.registriert@matrix.example", "registriert", "Rita Registriert"),
    "registered_member": ("initiative@gemeinwohl.example", None, None),
    "bezirksamt": ("bernd.amt@matrix.example", "bezirksamt", "Bernd Amtlich"),
    "bezirksamt_member": ("bezirksamt@gemeinwohl.example", None, None),
    "team_external": ("extern@gemeinwohl.example", None, None),
    "team_internal": ("intern@gemeinwohl.example", None, None),
    "admin": ("admin@gemeinwohl.example", None, None),
}
ROLES = list(ROLE_ACCOUNTS)


@dataclass
class World:
    users: dict  # role -> User (None for anonymous)
    committee_ids: dict  # role -> committees the role's account currently sits in
    samples: dict  # kind -> {level: object}
    extra: dict = field(default_factory=dict)  # secret links, tokens, helper objects
    internal_texts: list = field(default_factory=list)  # distinctive texts of administration-internal content
    mails: list = field(default_factory=list)  # e-mails sent during the set-up


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def pdf_bytes(text: str) -> bytes:
    """A tiny valid PDF (the uploads check the type by content)."""
    body = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def build() -> World:
    """Load the demo, add the missing levels and the markers; everything through the actions."""
    from gemeinwohl.accounts.actions import user_create
    from gemeinwohl.accounts.models import User

    call_command("load_demo", verbosity=0)
    users = {"anonymous": None}
    for role, spec in ROLE_ACCOUNTS.items():
        if spec is None:
            continue
        email, new_role, name = spec
        user = User.objects.filter(email=email).first()
        users[role] = user or user_create(email=email, name=name, role=new_role, password=settings.DEMO_PASSWORD)
    world = World(users=users, committee_ids={}, samples={})
    _committees(world)
    _directory(world)
    _advice(world)
    _events(world)
    _places(world)
    _landpolicy(world)
    _api_and_feeds(world)
    from gemeinwohl.oparl import index as oparl_index

    oparl_index.reindex()
    _committee_membership(world)
    world.internal_texts = internal_texts()
    return world


def _committee_membership(world: World) -> None:
    from gemeinwohl.committees.models import Membership

    today = timezone.localdate()
    for role, user in world.users.items():
        ids = set()
        if user is not None:
            ids = set(
                Membership.objects.current(today).filter(person__account=user).values_list("committee_id", flat=True)
            )
        world.committee_ids[role] = frozenset(ids)


def _first_per_level(queryset, level_field: str = "visibility") -> dict:
    samples = {}
    for level in LEVELS:
        obj = queryset.filter(**{level_field: level}).order_by("pk").first()
        if obj is not None:
            samples[level] = obj
    return samples


# --- committees ---------------------------------------------------------------------------


def _committees(world: World) -> None:
    from gemeinwohl.committees import actions
    from gemeinwohl.committees.actions import AgendaItemInput, TaskInput
    from gemeinwohl.committees.models import AgendaItem, Committee, Decision, Meeting, Membership, Task

    intern = world.users["team_internal"]
    now = timezone.now()
    committees = {c.slug: c for c in Committee.objects.all()}
    world.samples["committee"] = {
        PUBLIC: committees["steuerungsrunde"],
        MEMBERS: committees["verein"],
        TEAM: committees["jour-fixe"],
        INTERNAL: committees["regelrunde"],
    }
    # Per level: a held meeting with minutes, in the committee of that level.
    held = {}
    for level, committee in world.samples["committee"].items():
        held[level] = (
            Meeting.objects.filter(committee=committee, end__lt=now, minutes__approved_at__isnull=False)
            .exclude(state="abgesagt")
            .order_by("-start")
            .first()
        )
    world.samples["meeting"] = held
    # An upcoming public meeting of the Steuerungsrunde gets an administration-internal point (stricter than the
    # meeting): its invitation, agenda PDF, iCal and OParl must not show it to anyone below verwaltungsintern.
    upcoming = Meeting.objects.filter(committee=committees["steuerungsrunde"], start__gt=now).order_by("start").first()
    world.extra["upcoming_public_meeting"] = upcoming
    secret_item = actions.agenda_item_add(
        meeting=upcoming,
        data=AgendaItemInput(title=f"{MARKER} Personalangelegenheit im Bezirksamt", visibility=INTERNAL),
        by=intern,
    )
    actions.agenda_item_add(
        meeting=held[INTERNAL],
        data=AgendaItemInput(title=f"{MARKER} Haushaltssperre des Büros", visibility=INTERNAL),
        by=intern,
    )
    world.extra["secret_item_in_public_meeting"] = secret_item
    actions.task_create(
        committee=committees["regelrunde"],
        data=TaskInput(title=f"{MARKER} Vermerk an die Leitung", visibility=INTERNAL),
        by=intern,
    )
    # Documents at every level (the demo has none): on the public meeting, each level as strict as it says.
    documents = {}
    for level in LEVELS:
        meeting = held[PUBLIC] if level < INTERNAL else held[INTERNAL]
        title = f"{MARKER} Vermerk verwaltungsintern" if level == INTERNAL else f"Matrix-Anlage Stufe {int(level)}"
        documents[level] = actions.document_attach(
            meeting=meeting,
            upload=upload(f"anlage-{int(level)}.pdf", pdf_bytes(title)),
            title=title,
            visibility=level,
            by=intern,
        )
    world.samples["document"] = documents
    world.samples["agenda_item"] = {
        level: AgendaItem.objects.filter(meeting=held[level], visibility=level).order_by("pk").first()
        or AgendaItem.objects.filter(visibility=level, minutes_entry__isnull=False).order_by("pk").first()
        for level in LEVELS
    }
    world.samples["decision"] = _first_per_level(Decision.objects.all())
    world.samples["task"] = _first_per_level(Task.objects.all())
    world.samples["membership"] = _first_per_level(Membership.objects.all())
    # Invitations to the upcoming public meeting (with its internal point): the mails are checked per recipient.
    actions.invitations_send(meeting=upcoming, by=intern)
    world.extra["invitation"] = upcoming.invitations.order_by("pk").first()


# --- directory -----------------------------------------------------------------------------


def _directory(world: World) -> None:
    from gemeinwohl.directory import actions
    from gemeinwohl.directory.models import Organisation, Person

    world.samples["person"] = _first_per_level(Person.objects.all())
    world.samples["organisation"] = _first_per_level(Organisation.objects.all())
    intern = world.users["team_internal"]
    actions.note_add(
        entry=world.samples["person"][INTERNAL], text=f"{MARKER} Gesprächsnotiz", visibility=INTERNAL, by=intern
    )


# --- advice --------------------------------------------------------------------------------


def _advice(world: World) -> None:
    from gemeinwohl.advice import actions
    from gemeinwohl.advice.models import Activity, Case, Referral

    intern = world.users["team_internal"]
    shared = Case.objects.filter(shares__user=world.users["bezirksamt_member"]).order_by("pk").first()
    unshared = Case.objects.exclude(shares__isnull=False).filter(anonymised_at__isnull=True).order_by("pk").first()
    world.samples["advice_case"] = {"shared": shared, "unshared": unshared}
    actions.note_add(case=shared, by=intern, text=f"{MARKER} Einschätzung zur Förderfähigkeit", visibility=INTERNAL)
    documents = {}
    for level in (TEAM, INTERNAL):
        title = f"{MARKER} Beratungsvermerk" if level == INTERNAL else "Matrix-Beratungsnotiz"
        documents[level] = actions.document_add(
            case=shared, by=intern, upload=upload(f"beratung-{int(level)}.pdf", pdf_bytes(title)), visibility=level
        )
    documents["shared"] = actions.document_add(
        case=shared,
        by=intern,
        upload=upload("fuer-die-initiative.pdf", pdf_bytes("Matrix-Unterlage")),
        visibility=TEAM,
        shared=True,
    )
    world.samples["advice_document"] = documents
    world.extra["advice_status_token"] = actions.status_link_renew(case=shared, by=intern)
    world.samples["advice_activity"] = {"any": Activity.objects.order_by("pk").first()}
    world.samples["advice_referral"] = {"any": Referral.objects.order_by("pk").first()}


# --- events --------------------------------------------------------------------------------


def _events(world: World) -> None:
    from gemeinwohl.events import actions
    from gemeinwohl.events.actions import EventInput, RegistrationInput
    from gemeinwohl.events.models import Event

    intern = world.users["team_internal"]
    samples = _first_per_level(Event.objects.filter(committee__isnull=True))
    samples.update({k: v for k, v in _first_per_level(Event.objects.all()).items() if k not in samples})
    template = samples[PUBLIC]
    start = timezone.now() + datetime.timedelta(days=20)
    for level, title in ((TEAM, "Matrix-Teamklausur"), (INTERNAL, f"{MARKER} Klausur der Verwaltung")):
        if level not in samples:
            samples[level] = actions.event_create(
                data=EventInput(
                    title=title,
                    event_format=template.event_format,
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    summary=f"{MARKER} nur für die Verwaltung" if level == INTERNAL else "Nur für das Team",
                    venue_name="Rathaus Kreuzberg, Raum 2.03",
                    visibility=level,
                ),
                by=intern,
            )
    world.samples["event"] = samples
    files = {}
    for level in (PUBLIC, INTERNAL):
        event = samples[PUBLIC]
        title = f"{MARKER} Auswertung intern" if level == INTERNAL else "Matrix-Dokumentation"
        files[level] = actions.file_add(
            event=event,
            upload=upload(f"doku-{int(level)}.pdf", pdf_bytes(title)),
            title=title,
            visibility=level,
            by=intern,
        )
    world.samples["event_file"] = files
    upcoming = Event.objects.filter(visibility=PUBLIC, start__gt=timezone.now(), registration_enabled=True).first()
    registration = actions.registration_register(
        event=upcoming or samples[PUBLIC],
        data=RegistrationInput(name="Matrix Anmeldung", email="matrix.anmeldung@matrix.example"),
    )
    world.extra["registration"] = registration


# --- places --------------------------------------------------------------------------------


def _places(world: World) -> None:
    from gemeinwohl.places import actions
    from gemeinwohl.places.actions import PlaceInput
    from gemeinwohl.places.models import Place
    from gemeinwohl.places.models.choices import Review

    intern = world.users["team_internal"]
    samples = _first_per_level(Place.objects.filter(review=Review.ACCEPTED))
    samples[INTERNAL] = actions.place_create(
        data=PlaceInput(
            name=f"{MARKER} Liegenschaft in Prüfung",
            address="Yorckstraße 4, 10965 Berlin",
            latitude=52.4925,
            longitude=13.3876,
            description=f"{MARKER} Ankauf wird verwaltungsintern geprüft",
            visibility=INTERNAL,
            owner_visibility=INTERNAL,
            negotiations_visibility=INTERNAL,
            negotiations=f"{MARKER} Verhandlungsstand",
        ),
        by=intern,
    )
    # A public place whose owner and negotiations are administration-internal: the page shows the place only.
    public = samples[PUBLIC]
    actions.place_update(
        place=public,
        data=PlaceInput(
            **{
                name: getattr(public, name)
                for name in PlaceInput.__dataclass_fields__
                if name not in ("uses", "negotiations", "negotiations_visibility", "owner_note", "owner_visibility")
            },
            uses=list(public.uses.values_list("use", flat=True)),
            owner_note=f"{MARKER} Eigentümerin verhandelt vertraulich",
            owner_visibility=INTERNAL,
            negotiations=f"{MARKER} Kaufpreisvorstellung der Eigentümerin",
            negotiations_visibility=INTERNAL,
        ),
        by=intern,
    )
    world.samples["place"] = samples
    proposal = Place.objects.exclude(review=Review.ACCEPTED).order_by("pk").first()
    world.samples["proposal"] = {"any": proposal} if proposal else {}


# --- land policy ---------------------------------------------------------------------------


def _landpolicy(world: World) -> None:
    from gemeinwohl.landpolicy.actions import leases, preemption, tenders
    from gemeinwohl.landpolicy.models import GroundLease, PreEmptionCase, Property, Tender

    intern = world.users["team_internal"]
    today = timezone.localdate()
    properties = _first_per_level(Property.objects.all())
    world.samples["property"] = properties
    cases = _first_per_level(PreEmptionCase.objects.exclude(responsibilities__user=world.users["bezirksamt_member"]))
    cases["responsible"] = PreEmptionCase.objects.filter(
        responsibilities__user=world.users["bezirksamt_member"]
    ).first()
    # A case opened to the team: the external team reads it, but not seller, buyer or price.
    cases[TEAM] = preemption.case_create(
        data=preemption.CaseInput(
            plot=properties[TEAM],
            notified_on=today - datetime.timedelta(days=10),
            file_number="MX-2024-17",
            seller=f"{MARKER} Verkäuferin GmbH",
            buyer=f"{MARKER} Käufer Immobilien AG",
            price=Decimal("4711815.00"),
            visibility=TEAM,
            responsible=(intern,),
        ),
        by=intern,
    )
    preemption.document_add(
        case=cases[TEAM],
        title=f"{MARKER} Kaufvertrag",
        upload=upload("kaufvertrag.pdf", pdf_bytes("Kaufvertrag")),
        by=intern,
    )
    world.samples["preemption_case"] = cases
    world.samples["case_document"] = {
        level: case.documents.order_by("pk").first() for level, case in cases.items() if case.documents.exists()
    }
    tender_samples = _first_per_level(Tender.objects.all())
    tender_samples[INTERNAL] = tenders.tender_create(
        data=tenders.TenderInput(plot=properties[INTERNAL], title=f"{MARKER} Vergabe vertraulich", visibility=INTERNAL),
        by=intern,
    )
    world.samples["tender"] = tender_samples
    world.samples["bid"] = {
        level: tender.bids.order_by("pk").first() for level, tender in tender_samples.items() if tender.bids.exists()
    }
    lease_samples = _first_per_level(GroundLease.objects.all())
    template = lease_samples[TEAM]
    lease_samples[INTERNAL] = leases.lease_create(
        data=leases.LeaseInput(
            plot=properties[INTERNAL],
            starts_on=today - datetime.timedelta(days=400),
            term_years=99,
            rate_percent=Decimal("1.5"),
            land_value=Decimal("1234567"),
            holder_organisation=template.holder_organisation,
            holder_person=None if template.holder_organisation else template.holder_person,
            note=f"{MARKER} Heimfall wird geprüft",
            visibility=INTERNAL,
        ),
        by=intern,
    )
    world.samples["lease"] = lease_samples


def _api_and_feeds(world: World) -> None:
    from gemeinwohl.accounts.actions import feed_token_get

    world.extra["feed_keys"] = {
        role: feed_token_get(user=user).key for role, user in world.users.items() if user is not None
    }


# --- administration-internal texts -----------------------------------------------------------

# Fields whose text identifies an object; short or generic values are left out below.
TEXT_FIELDS = ("title", "name", "text", "note", "description", "purpose", "summary", "negotiations", "owner_note")
# Fields only administration staff read, whatever the object's level (landpolicy.rules).
INTERNAL_FIELDS = {"PreEmptionCase": ("seller", "buyer")}


def _texts(obj, names) -> list[str]:
    values = []
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, str) and len(value.strip()) >= 12:
            values.append(" ".join(value.split()))
    return values


def internal_texts() -> list[tuple[str, int | None]]:
    """Distinctive texts of administration-internal content, collected from the database.

    Every object at level verwaltungsintern gives its identifying texts, and so do its children that
    carry no level of their own (minutes entries of internal points); administration-only fields
    (pre-emption sellers and buyers) count whatever the level. A text that also occurs in content
    below verwaltungsintern is not distinctive (the same "Begrüßung" opens every meeting) and is left out.
    """
    from django.apps import apps

    from gemeinwohl.committees.models import MinutesEntry

    internal, elsewhere = {}, []  # text -> committee it belongs to (None: none)
    for model in apps.get_models():
        if not model.__module__.startswith("gemeinwohl."):
            continue
        levels = [f.name for f in model._meta.fields if f.name == "visibility"]
        names = [f.name for f in model._meta.fields if isinstance(f, (models.CharField, models.TextField))]
        names = [n for n in names if n in TEXT_FIELDS]
        for obj in model._base_manager.all():
            texts = _texts(obj, names)
            if levels and obj.visibility >= INTERNAL:
                internal.update(dict.fromkeys(texts, _committee_of(obj)))
            else:
                elsewhere.extend(texts)
            internal.update(dict.fromkeys(_texts(obj, INTERNAL_FIELDS.get(model.__name__, ())), None))
    for entry in MinutesEntry.objects.select_related("agenda_item__meeting"):
        texts = _texts(entry, ("text",))
        if entry.agenda_item.visibility >= INTERNAL:
            internal.update(dict.fromkeys(texts, entry.agenda_item.meeting.committee_id))
        else:
            elsewhere.extend(texts)
    haystack = "\n".join(elsewhere)
    # The first 40 characters: long texts wrap in PDFs and calendars, their start stays on one line.
    needles = {}
    for text, committee in internal.items():
        needles.setdefault(text[:40].strip(), committee)
    return sorted((n, c) for n, c in needles.items() if n not in haystack)


def _committee_of(obj) -> int | None:
    """The committee a piece of committee content belongs to (Bezirksamt members read its internal part)."""
    from gemeinwohl.committees.models import Committee

    if isinstance(obj, Committee):
        return obj.pk
    for path in ("committee_id", "meeting.committee_id", "agenda_item.meeting.committee_id"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
        if target is not None:
            return target
    return None
