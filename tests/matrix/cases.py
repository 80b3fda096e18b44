"""Every URL the platform serves, how its arguments are filled from the demo, and who may open it.

Three reviewed tables:

- ``ACCESS``: the rule per URL name (or name prefix), derived from DESIGN.md's visibility rule and the
  apps' ``rules.py``: who is sent to log in, which roles the section is for, how an object is read.
- ``FILL``: how each URL's arguments are filled, with real objects at every level the model has.
- ``EXCLUDED``: the few URLs left out, each with its reason.

A URL in the resolver that none of the tables knows fails the matrix (``collect_patterns`` and
``build_cases``), so a new URL cannot slip out of it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.matrix.world import INTERNAL, LEVELS, MEMBERS, PUBLIC, TEAM, World

# --- roles ---------------------------------------------------------------------------------

EVERYONE = frozenset(
    {
        "anonymous",
        "registered",
        "registered_member",
        "bezirksamt",
        "bezirksamt_member",
        "team_external",
        "team_internal",
        "admin",
    }
)
SIGNED_IN = EVERYONE - {"anonymous"}
TEAM_ROLES = frozenset({"team_external", "team_internal", "admin"})  # accounts.rules.is_team_or_admin
BEZIRKSAMT = frozenset({"bezirksamt", "bezirksamt_member"})
LAND = TEAM_ROLES | BEZIRKSAMT  # landpolicy.rules.works_land
KEEPS_CASES = frozenset({"team_internal", "admin"})  # landpolicy.rules.keeps_cases
ADMIN = frozenset({"admin"})
# Roles that read administration-internal content (with the Bezirksamt members in their own committees,
# and the Bezirksamt staff responsible for a case, see ``reads_internal``).
INTERNAL_READERS = frozenset({"team_internal", "admin"})

# What a role reads where no committee widens it (DESIGN.md; accounts.models.ROLE_CLEARANCE).
GLOBAL = {
    "anonymous": PUBLIC,
    "registered": PUBLIC,
    "registered_member": PUBLIC,
    "bezirksamt": TEAM,
    "bezirksamt_member": TEAM,
    "team_external": TEAM,
    "team_internal": INTERNAL,
    "admin": INTERNAL,
}
# What a role reads of a committee's content: (as a member, otherwise). Bezirksamt staff are the
# administration staff of their own bodies; initiatives read the members' part of their own committees.
IN_COMMITTEE = {
    "anonymous": (PUBLIC, PUBLIC),
    "registered": (MEMBERS, PUBLIC),
    "registered_member": (MEMBERS, PUBLIC),
    "bezirksamt": (INTERNAL, PUBLIC),
    "bezirksamt_member": (INTERNAL, PUBLIC),
    "team_external": (TEAM, TEAM),
    "team_internal": (INTERNAL, INTERNAL),
    "admin": (INTERNAL, INTERNAL),
}


def committee_clearance(world: World, role: str, committee_id: int) -> int:
    as_member, otherwise = IN_COMMITTEE[role]
    return as_member if committee_id in world.committee_ids[role] else otherwise


def committee_of(obj) -> int:
    for path in ("committee_id", "meeting.committee_id", "agenda_item.meeting.committee_id"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
        if target is not None:
            return target
    return obj.pk  # a committee


# --- how an object is read -------------------------------------------------------------------


def reads_committee_content(world: World, role: str, obj) -> bool:
    return obj.visibility <= committee_clearance(world, role, committee_of(obj))


def reads_by_role(world: World, role: str, obj) -> bool:
    return obj.visibility <= GLOBAL[role]


def reads_event(world: World, role: str, obj) -> bool:
    obj = getattr(obj, "event", obj)  # files and registrations are read with their event
    if obj.committee_id:
        return reads_committee_content(world, role, obj)
    return reads_by_role(world, role, obj)


def reads_event_record(world: World, role: str, obj) -> bool:
    return reads_event(world, role, obj.event) and obj.visibility <= GLOBAL[role]


def reads_advice_case(world: World, role: str, case) -> bool:
    case = getattr(case, "case", case)  # activities and referrals are read with their case
    if role in TEAM_ROLES:
        return True
    return role in BEZIRKSAMT and case.shares.filter(user=world.users[role]).exists()


# What a role reads of an advice case it may open: Bezirksamt staff read a case shared with them in full,
# as administration staff of it (advice.models.case.CASE_CLEARANCE).
IN_ADVICE_CASE = GLOBAL | {"bezirksamt": INTERNAL, "bezirksamt_member": INTERNAL}


def reads_advice_record(world: World, role: str, record) -> bool:
    return reads_advice_case(world, role, record.case) and record.visibility <= IN_ADVICE_CASE[role]


def reads_status_document(world: World, role: str, document) -> bool:
    # Through the status link the requester gets what was shared with them, nothing else.
    return document.shared_with_requester or document.from_requester


def reads_preemption_case(world: World, role: str, case) -> bool:
    if role == "anonymous":
        return False
    responsible = case.responsibilities.filter(user=world.users[role]).exists()
    return case.visibility <= GLOBAL[role] or responsible


def reads_case_document(world: World, role: str, document) -> bool:
    # Documents, like seller, buyer and price, stay with administration staff (landpolicy.rules).
    case = document.case
    responsible = role != "anonymous" and case.responsibilities.filter(user=world.users[role]).exists()
    return reads_preemption_case(world, role, case) and (role in KEEPS_CASES or responsible)


def holds_a_place(world: World, role: str, registration) -> bool:
    # The registrant's calendar entry exists only while they hold a place (not on the waitlist).
    from gemeinwohl.events.models import RegistrationStatus

    return registration.status == RegistrationStatus.CONFIRMED


def reads_tender(world: World, role: str, tender) -> bool:
    if role == "anonymous":
        return tender.visibility <= PUBLIC
    return tender.visibility <= GLOBAL[role] or tender.jurors.filter(user=world.users[role]).exists()


def reads_bid(world: World, role: str, bid) -> bool:
    return reads_tender(world, role, getattr(bid, "tender", bid))


def reads_place(world: World, role: str, place) -> bool:
    from gemeinwohl.places.models.choices import Review

    accepted = place.review == Review.ACCEPTED or role in TEAM_ROLES
    return accepted and reads_by_role(world, role, place)


def reads_oparl(world: World, role: str, obj) -> bool:
    # OParl publishes the public part only, to everyone alike.
    return getattr(obj, "visibility", PUBLIC) <= PUBLIC


def reads_internal(world: World, role: str, case) -> bool:
    """Whether ``role`` may read the administration-internal content this URL case shows."""
    if role in INTERNAL_READERS:
        return True
    obj = case.obj
    if obj is None:
        return False
    if case.reads is reads_committee_content or case.reads is reads_event:
        # Bezirksamt staff in their own committees read its internal part.
        return role in BEZIRKSAMT and committee_of(obj) in world.committee_ids[role]
    if case.reads in (reads_advice_case, reads_advice_record):
        return IN_ADVICE_CASE[role] >= INTERNAL and reads_advice_case(world, role, obj)
    if case.reads in (reads_preemption_case, reads_case_document):
        target = getattr(obj, "case", obj)
        return role != "anonymous" and target.responsibilities.filter(user=world.users[role]).exists()
    return False


# --- the rule per URL ------------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """Who gets what from one URL.

    ``login``: anonymous readers are sent to log in (``anonymous`` status) instead of being answered.
    ``roles``: the section's roles, regardless of the object (others get ``denied``).
    ``reads``: how a role reads the URL's object (a hidden object answers 404).
    ``ok``: what a role that may open it gets (200, or 405 where the URL only takes POST, 302 for redirects).
    """

    login: bool = False
    roles: frozenset = EVERYONE
    reads: Callable | None = None
    ok: frozenset = frozenset({200})
    anonymous: int = 302
    denied: frozenset = frozenset({403})
    may: Callable | None = None  # an object permission beyond reading (403 where it fails)
    ok_signed_in: frozenset | None = None  # where signed-in readers get something else (the login page)


PUBLIC_PAGE = Access()
SIGNED_IN_PAGE = Access(login=True, roles=SIGNED_IN)


def team(reads=None, **kwargs) -> Access:
    return Access(login=True, roles=TEAM_ROLES, reads=reads, **kwargs)


def land(reads=None, **kwargs) -> Access:
    return Access(login=True, roles=LAND, reads=reads, **kwargs)


def post_only(access: Access) -> Access:
    """A URL that only takes POST: a GET is refused with 405, whether before or after the permission check."""
    return Access(
        login=access.login,
        roles=access.roles,
        reads=access.reads,
        ok=frozenset({405}),
        anonymous=access.anonymous,
        denied=access.denied | {405},
        may=access.may,
    )


def changes_preemption_case(world: World, role: str, obj) -> bool:
    case = getattr(obj, "case", obj)
    return role in KEEPS_CASES or case.responsibilities.filter(user=world.users[role]).exists()


def scores_tender(world: World, role: str, bid) -> bool:
    return bid.tender.jurors.filter(user=world.users[role]).exists()


ADMIN_SITE = Access(login=True, roles=ADMIN, denied=frozenset({302}))
API_PUBLIC = Access(reads=None)  # committees' endpoints: public content without signing in
API_SIGNED_IN = Access(login=True, roles=SIGNED_IN, anonymous=401)
API_DIRECTORY = Access(login=True, roles=TEAM_ROLES, anonymous=401)

C = reads_committee_content
ACCESS: dict[str, Access] = {
    # core
    "core:home": PUBLIC_PAGE,
    "core:dashboard": SIGNED_IN_PAGE,
    "core:page": PUBLIC_PAGE,
    "core:page_edit": Access(login=True, roles=ADMIN),
    # accounts
    "accounts:login": Access(ok_signed_in=frozenset({302})),  # signed in: on to the dashboard
    "accounts:logout": Access(ok=frozenset({405})),
    "accounts:password_reset": PUBLIC_PAGE,
    "accounts:password_reset_done": PUBLIC_PAGE,
    "accounts:password_reset_complete": PUBLIC_PAGE,
    "accounts:password_change": SIGNED_IN_PAGE,
    "accounts:profile": SIGNED_IN_PAGE,
    # The second factor: the matrix's sessions are verified already (team, Bezirksamt, administrators) or
    # need none (registered), so verifying sends them on, set-up opens only without a factor yet, and
    # switching off is for registered users who have one (none here).
    "accounts:second_factor_verify": Access(login=True, roles=SIGNED_IN, ok=frozenset({302})),
    "accounts:second_factor_setup": Access(login=True, roles=SIGNED_IN, ok=frozenset({200, 302})),
    "accounts:recovery_codes": SIGNED_IN_PAGE,
    "accounts:recovery_codes_renew": Access(login=True, roles=SIGNED_IN, ok=frozenset({200, 302})),
    "accounts:second_factor_switch_off": Access(login=True, roles=SIGNED_IN, ok=frozenset({302})),
    "set_language": Access(ok=frozenset({302})),  # Django's set_language: a GET goes back
    # directory: the team's tool (directory.rules.uses_directory)
    "directory:index": Access(ok=frozenset({302})),  # a plain redirect to the person list
    "directory:person_list": team(),
    "directory:organisation_list": team(),
    "directory:person_export": team(),
    "directory:organisation_export": team(),
    "directory:person_create": team(),
    "directory:organisation_create": team(),
    "directory:import": team(),
    "directory:import_template": team(),
    "directory:person_": team(reads_by_role),
    "directory:organisation_": team(reads_by_role),
    # committees: public pages, read within the committee (committees.rules)
    "committees:committee_list": PUBLIC_PAGE,
    "committees:committee_detail": Access(reads=C),
    "committees:committee_feed": Access(reads=reads_oparl),  # the public calendar, whoever fetches it
    "committees:members": team(C),  # seats are managed here (committees.manage_members)
    "committees:meeting_detail": Access(reads=C),
    "committees:meeting_ics": Access(reads=C),
    "committees:agenda_pdf": Access(reads=C),
    "committees:minutes_pdf": Access(reads=C),
    "committees:document_download": Access(reads=C),
    "committees:minutes_history": Access(reads=C),
    "committees:rsvp": Access(reads=None),  # a secret link: whoever holds it answers for the invitee
    "committees:personal_feed": PUBLIC_PAGE,  # a secret link: reads as its owner
    "committees:feed_renew": post_only(SIGNED_IN_PAGE),
    "committees:committee_create": team(),
    "committees:": team(C),  # every other committees page is the team's, on an object it must read
    # advice: the requester's secret link, the team's cases (advice.rules)
    "advice:request": PUBLIC_PAGE,
    "advice:request_sent": Access(ok=frozenset({302})),  # without a request just sent: back to the form
    "advice:status": PUBLIC_PAGE,
    "advice:status_document": Access(reads=reads_status_document),
    "advice:case_list": Access(login=True, roles=TEAM_ROLES | BEZIRKSAMT),
    "advice:figures": Access(login=True, roles=TEAM_ROLES | BEZIRKSAMT),
    "advice:figures_export": Access(login=True, roles=TEAM_ROLES | BEZIRKSAMT),
    "advice:case_detail": Access(login=True, roles=TEAM_ROLES | BEZIRKSAMT, reads=reads_advice_case),
    "advice:note_add": Access(login=True, roles=TEAM_ROLES | BEZIRKSAMT, reads=reads_advice_case),
    "advice:document_download": Access(login=True, roles=TEAM_ROLES | BEZIRKSAMT, reads=reads_advice_record),
    "advice:": team(reads_advice_case),
    # events (events.rules)
    "events:calendar": PUBLIC_PAGE,
    "events:calendar_month": PUBLIC_PAGE,
    "events:archive": PUBLIC_PAGE,
    "events:feed": PUBLIC_PAGE,
    "events:event_detail": Access(reads=reads_event),
    "events:event_ics": Access(reads=reads_event),
    "events:register": Access(reads=reads_event),
    "events:registered": Access(ok=frozenset({302})),  # without a registration just sent: back to the event
    "events:photo": Access(reads=reads_event_record),
    "events:file": Access(reads=reads_event_record),
    "events:registration": PUBLIC_PAGE,  # a secret link
    "events:registration_ics": Access(reads=holds_a_place),
    "events:figures": Access(login=True, roles=TEAM_ROLES | BEZIRKSAMT),
    "events:figures_export": Access(login=True, roles=TEAM_ROLES | BEZIRKSAMT),
    "events:manage": team(),
    "events:event_create": team(),
    "events:formats": team(),
    "events:format_update": team(),
    "events:": team(reads_event),
    # places (places.rules)
    "places:place_list": PUBLIC_PAGE,
    "places:map": PUBLIC_PAGE,
    "places:places_geojson": PUBLIC_PAGE,
    "places:areas_geojson": PUBLIC_PAGE,
    "places:propose": PUBLIC_PAGE,
    "places:proposed": Access(ok=frozenset({302})),  # without a proposal just sent: back to the form
    "places:place_detail": Access(reads=reads_place),
    "places:place_create": team(),
    "places:proposals": team(),
    "places:": team(reads_place),
    # land policy (landpolicy.rules)
    "landpolicy:public_figures": PUBLIC_PAGE,
    "landpolicy:figures_publish": Access(login=True, roles=KEEPS_CASES),
    "landpolicy:case_create": Access(login=True, roles=KEEPS_CASES | BEZIRKSAMT),
    "landpolicy:case_detail": land(reads_preemption_case),
    "landpolicy:case_document": land(reads_case_document),
    "landpolicy:case_update": land(reads_preemption_case, may=changes_preemption_case),
    "landpolicy:step_create": land(reads_preemption_case, may=changes_preemption_case),
    "landpolicy:document_upload": land(reads_preemption_case, may=changes_preemption_case),
    "landpolicy:agreement_create": land(reads_preemption_case, may=changes_preemption_case),
    "landpolicy:bid_score": land(reads_bid, may=scores_tender),
    "landpolicy:tender_": land(reads_tender),
    "landpolicy:bid_": land(reads_bid),
    "landpolicy:lease_": land(reads_by_role),
    "landpolicy:property_": land(reads_by_role),
    "landpolicy:": land(),
    # OParl: the public part, to everyone alike
    "oparl:": Access(reads=reads_oparl),
    # API (api/endpoints.py: committees readable without signing in, the directory for the team)
    "api:token_create": SIGNED_IN_PAGE,
    "api:token_revoke": post_only(SIGNED_IN_PAGE),
    "api:openapi-json": PUBLIC_PAGE,
    "api:openapi-view": PUBLIC_PAGE,
    "api:api-root": Access(ok=frozenset({404})),  # ninja's root has no operation: the API's 404
    "api:not_found": Access(ok=frozenset({404})),
    "api:me": API_SIGNED_IN,
    "api:places_geojson": PUBLIC_PAGE,
    "api:list_persons": API_DIRECTORY,
    "api:list_organisations": API_DIRECTORY,
    "api:get_person": Access(login=True, roles=TEAM_ROLES, anonymous=401, reads=reads_by_role),
    "api:get_organisation": Access(login=True, roles=TEAM_ROLES, anonymous=401, reads=reads_by_role),
    "api:list_": API_PUBLIC,
    "api:list_memberships": Access(reads=C),
    "api:list_committee_meetings": Access(reads=C),
    # Endpoints that only change (POST): a GET is refused before anything else.
    "api:cancel_meeting": Access(ok=frozenset({405})),
    "api:mark_meeting_held": Access(ok=frozenset({405})),
    "api:create_agenda_item": Access(ok=frozenset({405})),
    "api:create_task": Access(ok=frozenset({405})),
    "api:get_": Access(reads=C),
    # Django's admin site: administrators only; the rest is sent to the admin's login page.
    "admin:": ADMIN_SITE,
}


# URLs that only take POST (forms posted from other pages): a GET answers 405. The matrix sends GET only.
POST_ONLY = {
    *(
        f"advice:{name}"
        for name in (
            "activity_add",
            "activity_complete",
            "case_assign",
            "case_links",
            "case_share",
            "case_transition",
            "case_type",
            "document_add",
            "note_add",
            "referral_add",
            "referral_outcome",
            "status_link_renew",
        )
    ),
    *(
        f"committees:{name}"
        for name in (
            "agenda_item_move",
            "agenda_item_remove",
            "meeting_cancel",
            "meeting_held",
            "meeting_invite",
            "membership_end",
            "minutes_approve",
            "task_status",
        )
    ),
    *(
        f"directory:{kind}_{verb}"
        for kind in ("person", "organisation")
        for verb in ("archive", "restore", "note", "consent")
        if (kind, verb) != ("organisation", "consent")
    ),
    *(
        f"events:{name}"
        for name in (
            "attendance",
            "attendance_close",
            "file_add",
            "file_remove",
            "photo_add",
            "registration_cancel",
            "walk_in",
        )
    ),
    "landpolicy:document_upload",
    "landpolicy:step_create",
    "places:proposal_review",
}


def access_for(name: str) -> Access:
    """The exact name's entry, else the longest prefix entry (keys ending in ":" or "_"); POST-only URLs 405."""
    access = _access_entry(name)
    return post_only(access) if name in POST_ONLY else access


def _access_entry(name: str) -> Access:
    if name in ACCESS:
        return ACCESS[name]
    prefixes = [key for key in ACCESS if key[-1] in ":_" and name.startswith(key)]
    if not prefixes:
        raise KeyError(name)
    return ACCESS[max(prefixes, key=len)]


# --- the URL cases ---------------------------------------------------------------------------


@dataclass
class UrlCase:
    name: str
    url: str
    label: str
    access: Access
    obj: object = None
    owner: str | None = None  # a secret link reads as this role
    headers: dict = field(default_factory=dict)

    @property
    def reads(self):
        return self.access.reads


def expected(case: UrlCase, role: str, world: World) -> frozenset:
    """The statuses ``role`` may get from ``case``, from the rule alone."""
    access = case.access
    if role == "anonymous" and access.login:
        return frozenset({access.anonymous})
    hidden = case.obj is not None and access.reads is not None and not access.reads(world, role, case.obj)
    if role not in access.roles:
        # No section for this role: refused whatever the object (a 404 for a hidden one reveals nothing either).
        return access.denied | ({404} if hidden else set())
    if hidden:
        # A POST-only URL may refuse the GET before it looks for the object: 405 reveals nothing either.
        return frozenset({404} | ({405} if access.ok == {405} else set()))
    if access.may is not None and not access.may(world, role, case.obj):
        return access.denied
    if access.ok_signed_in is not None and role != "anonymous":
        return access.ok_signed_in
    return access.ok


# Fill functions: world -> [(label, kwargs, object)].
Fill = Callable[[World], list]


def per_level(kind: str, key: str = "pk", attr: str = "pk") -> Fill:
    def fill(world: World):
        return [
            (f"{kind} {_level_name(level)}", {key: getattr(obj, attr)}, obj)
            for level, obj in world.samples[kind].items()
            if obj is not None
        ]

    return fill


def _level_name(level) -> str:
    names = {PUBLIC: "öffentlich", MEMBERS: "Mitglieder", TEAM: "Team", INTERNAL: "verwaltungsintern"}
    return names.get(level, str(level))


def constant(**kwargs) -> Fill:
    return lambda world: [(" ".join(str(v) for v in kwargs.values()), kwargs, None)]


def each(key: str, values) -> Fill:
    return lambda world: [(str(v), {key: v}, None) for v in values]


def meeting_item(world: World):
    return [
        (f"Punkt {_level_name(level)}", {"pk": item.meeting_id, "item": item.pk}, item)
        for level, item in world.samples["agenda_item"].items()
        if item is not None
    ]


def membership(world: World):
    return [
        (f"Mitgliedschaft {_level_name(level)}", {"slug": m.committee.slug, "pk": m.pk}, m)
        for level, m in world.samples["membership"].items()
    ]


def advice_cases(world: World):
    return [(f"Fall {label}", {"pk": case.pk}, case) for label, case in world.samples["advice_case"].items()]


def advice_child(kind: str, key: str) -> Fill:
    def fill(world: World):
        return [
            (f"{kind} {_level_name(label)}", {"pk": obj.case_id, key: obj.pk}, obj)
            for label, obj in world.samples[kind].items()
            if obj is not None
        ]

    return fill


def advice_status(world: World):
    return [("Statuslink", {"token": world.extra["advice_status_token"]}, None)]


def advice_status_document(world: World):
    token = world.extra["advice_status_token"]
    return [
        (f"Unterlage {_level_name(label)}", {"token": token, "document": document.pk}, document)
        for label, document in world.samples["advice_document"].items()
    ]


def event_child(kind: str, key: str) -> Fill:
    def fill(world: World):
        return [
            (f"{kind} {_level_name(level)}", {"pk": obj.event_id, key: obj.pk}, obj)
            for level, obj in world.samples[kind].items()
        ]

    return fill


def event_registrations(world: World):
    registration = world.extra["registration"]
    return [("Anmeldung", {"pk": registration.event_id, "registration": registration.pk}, registration.event)]


def event_exports(world: World):
    return [
        (f"{_level_name(level)} {fmt}", {"pk": event.pk, "file_format": fmt}, event)
        for level, event in world.samples["event"].items()
        for fmt in ("csv", "xlsx")
    ]


def registration_token(world: World):
    from gemeinwohl.events.tokens import registration_token as token_of

    registration = world.extra["registration"]
    return [("Anmeldelink", {"token": token_of(registration)}, registration)]


def rsvp(world: World):
    from gemeinwohl.committees.invitations import rsvp_token

    invitation = world.extra["invitation"]
    return [("Einladung", {"pk": invitation.meeting_id, "token": rsvp_token(invitation)}, None)]


def personal_feeds(world: World):
    return [(f"Kalender von {role}", {"key": key}, None, role) for role, key in world.extra["feed_keys"].items()]


def case_documents(world: World):
    return [
        (f"Vorkaufsunterlage {_level_name(label)}", {"pk": d.case_id, "document": d.pk}, d)
        for label, d in world.samples["case_document"].items()
    ]


def bids(world: World):
    return [
        (f"Gebot {_level_name(level)}", {"pk": bid.tender_id, "bid": bid.pk}, bid)
        for level, bid in world.samples["bid"].items()
    ]


def evaluated_tenders(world: World):
    # The evaluation exists once bids are scored: the demo's tenders (level Team); the internal one has none yet.
    return [
        (f"Auswertung {_level_name(level)}", {"pk": tender.pk}, tender)
        for level, tender in world.samples["tender"].items()
        if tender.bids.exists()
    ]


def pages(world: World):
    from gemeinwohl.core.models import Page

    return [(page.slug, {"slug": page.slug}, None) for page in Page.objects.order_by("slug")[:3]]


def month(world: World):
    today = timezone.localdate()
    return [("dieser Monat", {"year": today.year, "month": today.month}, None)]


def areas(world: World):
    from gemeinwohl.places.models import Area

    return [(kind, {"kind": kind}, None) for kind in sorted(set(Area.objects.values_list("kind", flat=True)))[:3]]


def oparl_bodies(world: World):
    from gemeinwohl.oparl.serializers import BODY_KEY

    return [("Körperschaft", {"body": BODY_KEY}, None)]


def oparl_lists(world: World):
    from gemeinwohl.oparl.serializers import BODY_KEY
    from gemeinwohl.oparl.views import BODY_LISTS

    return [(kind, {"body": BODY_KEY, "kind": kind}, None) for kind in BODY_LISTS.values()]


def oparl_objects(world: World):
    from gemeinwohl.oparl.kinds import KINDS

    result = []
    for name, kind in KINDS.items():
        has_level = any(f.name == "visibility" for f in kind.model._meta.fields)
        public = kind.model._base_manager.filter(kind.public()).order_by("pk").first()
        if public is not None:
            result.append((f"{name} öffentlich", {"kind": name, "pk": public.pk}, None))
        if has_level:
            for level in (MEMBERS, TEAM, INTERNAL):
                obj = kind.model._base_manager.filter(visibility=level).order_by("pk").first()
                if obj is not None:
                    result.append((f"{name} {_level_name(level)}", {"kind": name, "pk": obj.pk}, obj))
    return result


def oparl_meetings(world: World):
    return [(f"Sitzungen {_level_name(level)}", {"pk": c.pk}, c) for level, c in world.samples["committee"].items()]


def api_ids(kind: str) -> Fill:
    def fill(world: World):
        return [(f"{kind} {_level_name(level)}", {"id": obj.pk}, obj) for level, obj in world.samples[kind].items()]

    return fill


def admin_changes(world: World):
    return [("Konto", {"object_id": world.users["admin"].pk}, None)]


FILL: dict[str, Fill] = {
    "core:page": pages,
    "core:page_edit": pages,
    "directory:person_export": each("fmt", ("csv", "xlsx")),
    "directory:organisation_export": each("fmt", ("csv", "xlsx")),
    "directory:import_template": each("kind", ("personen", "organisationen")),
    "directory:person_": per_level("person"),
    "directory:organisation_": per_level("organisation"),
    "committees:membership_end": membership,
    "committees:committee_": per_level("committee", "slug", "slug"),
    "committees:members": per_level("committee", "slug", "slug"),
    "committees:meeting_create": per_level("committee", "slug", "slug"),
    "committees:committee_feed": per_level("committee", "slug", "slug"),
    "committees:agenda_item_": meeting_item,
    "committees:minutes_correct": meeting_item,
    "committees:minutes_history": meeting_item,
    "committees:document_download": per_level("document"),
    "committees:task_status": per_level("task"),
    "committees:rsvp": rsvp,
    "committees:personal_feed": personal_feeds,
    "committees:": per_level("meeting"),
    "advice:status": advice_status,
    "advice:status_link_renew": advice_cases,
    "advice:status_document": advice_status_document,
    "advice:figures_export": each("fmt", ("csv", "xlsx")),
    "advice:document_download": advice_child("advice_document", "document"),
    "advice:activity_complete": advice_child("advice_activity", "activity"),
    "advice:referral_outcome": advice_child("advice_referral", "referral"),
    "advice:": advice_cases,
    "events:calendar_month": month,
    "events:figures_export": each("file_format", ("csv", "xlsx")),
    "events:registrations": per_level("event"),
    "events:registrations_export": event_exports,
    "events:registration_cancel": event_registrations,
    "events:attendance": event_registrations,
    "events:registration": registration_token,
    "events:registration_ics": registration_token,
    "events:file": event_child("event_file", "file"),
    "events:file_remove": event_child("event_file", "file"),
    "events:format_update": lambda world: [
        ("Format", {"format_pk": world.samples["event"][PUBLIC].event_format_id}, None)
    ],
    "events:": per_level("event"),
    "places:areas_geojson": areas,
    "places:proposal_review": per_level("proposal"),
    "places:": per_level("place"),
    "landpolicy:property_": per_level("property"),
    "landpolicy:case_document": case_documents,
    "landpolicy:case_": per_level("preemption_case"),
    "landpolicy:step_create": per_level("preemption_case"),
    "landpolicy:document_upload": per_level("preemption_case"),
    "landpolicy:agreement_create": per_level("preemption_case"),
    "landpolicy:bid_score": bids,
    "landpolicy:bid_create": per_level("tender"),
    "landpolicy:tender_pdf": evaluated_tenders,
    "landpolicy:tender_xlsx": evaluated_tenders,
    "landpolicy:tender_": per_level("tender"),
    "landpolicy:lease_": per_level("lease"),
    "oparl:body": oparl_bodies,
    "oparl:list": oparl_lists,
    "oparl:object": oparl_objects,
    "oparl:organization_meetings": oparl_meetings,
    "api:token_revoke": lambda world: [("fremder Schlüssel", {"pk": 999999}, None)],
    "api:get_committee": api_ids("committee"),
    "api:update_committee": api_ids("committee"),
    "api:list_memberships": api_ids("committee"),
    "api:list_committee_meetings": api_ids("committee"),
    "api:create_meeting": api_ids("committee"),
    "api:get_meeting": api_ids("meeting"),
    "api:update_meeting": api_ids("meeting"),
    "api:cancel_meeting": api_ids("meeting"),
    "api:mark_meeting_held": api_ids("meeting"),
    "api:create_agenda_item": api_ids("meeting"),
    "api:create_task": api_ids("meeting"),
    "api:get_agenda_item": api_ids("agenda_item"),
    "api:update_agenda_item": api_ids("agenda_item"),
    "api:get_task": api_ids("task"),
    "api:set_task_status": api_ids("task"),
    "api:get_person": api_ids("person"),
    "api:update_person": api_ids("person"),
    "api:get_organisation": api_ids("organisation"),
    "api:update_organisation": api_ids("organisation"),
    "admin:accounts_user_change": admin_changes,
}

# Representative pages of Django's admin site; the rest of it is Django's own machinery.
ADMIN_PAGES = {
    "admin:index",
    "admin:accounts_user_changelist",
    "admin:accounts_user_change",
    "admin:landpolicy_obligation_changelist",
    "admin:advice_casetype_changelist",
    "admin:core_page_changelist",
}

# URLs left out of the matrix, each with its reason. Keys are names, or "pattern:" + route for unnamed ones.
EXCLUDED = {
    "accounts:password_reset_confirm": "a one-time token mailed to the account holder; Django's own view",
    "oparl:pattern:^(?P<rest>.*)$": "the catch-all 404 for unknown OParl paths (unknown paths are covered by api:not_found)",
    "admin:*": "Django's admin site beyond the representative pages in ADMIN_PAGES",
    # Same path and view as the GET endpoint listed first; the matrix only sends GET.
    "api:create_committee": "same path as api:list_committees (POST)",
    "api:update_committee": "same path as api:get_committee (PATCH)",
    "api:create_meeting": "same path as api:list_committee_meetings (POST)",
    "api:update_meeting": "same path as api:get_meeting (PATCH)",
    "api:update_agenda_item": "same path as api:get_agenda_item (PATCH)",
    "api:set_task_status": "same path as api:get_task (PATCH)",
    "api:create_person": "same path as api:list_persons (POST)",
    "api:update_person": "same path as api:get_person (PATCH)",
    "api:create_organisation": "same path as api:list_organisations (POST)",
    "api:update_organisation": "same path as api:get_organisation (PATCH)",
    "events:photo": "no demo event has photos (an image upload needs Pillow-made images); files cover the same view",
    "events:photo_remove": "as events:photo",
}


# Catch-all patterns: a path nothing else serves.
URL_OVERRIDE = {"api:not_found": "/api/v1/gibt-es-nicht"}


@dataclass(frozen=True)
class Pattern:
    name: str  # namespaced name, or "<namespace>:pattern:<route>" for unnamed ones
    route: str
    converters: tuple


def collect_patterns() -> list[Pattern]:
    """Every pattern of the URL configuration, with its namespaced name and its arguments."""
    found = []

    def walk(resolver, prefix: str, namespace: str | None):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry, route, inner)
            elif isinstance(entry, URLPattern):
                base = f"{namespace}:" if namespace else ""
                name = base + (entry.name if entry.name else f"pattern:{entry.pattern}")
                converters = tuple(sorted(getattr(entry.pattern, "converters", {})))
                regex_groups = tuple(sorted(entry.pattern.regex.groupindex))
                found.append(Pattern(name, route, converters or regex_groups))

    walk(get_resolver(), "", None)
    return found


def _lookup(table: dict, name: str):
    if name in table:
        return table[name]
    prefixes = [key for key in table if key[-1] in ":_" and name.startswith(key)]
    return table[max(prefixes, key=len)] if prefixes else None


def is_excluded(name: str) -> bool:
    if name in EXCLUDED:
        return True
    return name.startswith("admin:") and name not in ADMIN_PAGES


def build_cases(world: World) -> tuple[list[UrlCase], list[str], list[str]]:
    """(the URL cases, the excluded URL names, problems: patterns the tables cannot fill)."""
    cases, excluded, problems = [], [], []
    seen = set()
    for pattern in collect_patterns():
        if pattern.name in seen:
            continue
        seen.add(pattern.name)
        if is_excluded(pattern.name):
            excluded.append(pattern.name)
            continue
        try:
            access = access_for(pattern.name)
        except KeyError:
            problems.append(f"{pattern.name} ({pattern.route}): no rule in ACCESS")
            continue
        if not pattern.converters:
            rows = [("", {}, None)]
        else:
            fill = _lookup(FILL, pattern.name)
            if fill is None:
                problems.append(f"{pattern.name} ({pattern.route}): no way to fill {pattern.converters} in FILL")
                continue
            rows = fill(world)
            if not rows:
                problems.append(f"{pattern.name}: FILL gives no objects")
        for row in rows:
            label, kwargs, obj = row[:3]
            owner = row[3] if len(row) > 3 else None
            missing = set(pattern.converters) - set(kwargs)
            if missing:
                problems.append(f"{pattern.name}: FILL misses {sorted(missing)}")
                continue
            url = URL_OVERRIDE.get(pattern.name) or reverse(
                pattern.name, kwargs={k: kwargs[k] for k in pattern.converters}
            )
            cases.append(UrlCase(pattern.name, url, label, access, obj=obj, owner=owner))
    return cases, excluded, problems


def today() -> datetime.date:
    return timezone.localdate()


__all__ = ["LEVELS", "UrlCase", "build_cases", "expected", "reads_internal"]
