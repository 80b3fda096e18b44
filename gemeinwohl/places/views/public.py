"""The public side of places: list and table, map, GeoJSON, place pages, "Ort vorschlagen".

Every surface reads through ``selectors.place_list`` / ``place_get`` for the
reader at hand, so the map, the table and the GeoJSON always show the same
places (the team sees what its clearance allows, proposals included); a
hidden place answers 404 like a missing one. The filters are a plain GET
form: everything works without JavaScript, the map is an addition.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.spam import rate_limited
from gemeinwohl.core.views import InvalidFormStatusMixin
from gemeinwohl.places import actions, geojson, selectors
from gemeinwohl.places.forms import PlaceFilterForm, ProposalForm
from gemeinwohl.places.models import AreaKind, Rating, Review, reviews_places

PLACES_PER_PAGE = 50
PROPOSED_SESSION_KEY = "places_proposed"
# The layers the map offers, in the order of its layer control.
MAP_AREA_KINDS = [AreaKind.DISTRICT, AreaKind.ORTSTEIL, AreaKind.MILIEUSCHUTZ]


def filter_form(request) -> PlaceFilterForm:
    return PlaceFilterForm(request.GET, areas=selectors.filter_areas(), criteria=selectors.active_criteria())


AREA_ATTRIBUTION = "Geodaten: Geoportal Berlin / ALKIS, dl-de/zero-2.0; LOR: CC BY 4.0 open-data-product"


def map_config(*, places: str = "") -> dict:
    """What the map script needs: the places' GeoJSON (if any), the area layers, the tile server (if any)."""
    return {
        "places": places,
        "areas": [
            {
                "kind": kind.value,
                "label": str(kind.label),
                "url": reverse("places:areas_geojson", kwargs={"kind": kind.value}),
                "shown": kind == AreaKind.DISTRICT,
            }
            for kind in MAP_AREA_KINDS
        ],
        "tiles": settings.PLACES_TILE_URL,
        "attribution": settings.PLACES_TILE_ATTRIBUTION,
        # The area layers' sources, as their licences ask (places/geodata/README.md).
        "area_attribution": AREA_ATTRIBUTION,
        "labels": {
            "places": _("Orte"),
            "open": _("Zur Seite des Ortes"),
            "district": _("Bezirk"),
            "ortsteil": _("Ortsteil"),
            "milieuschutz": _("Milieuschutzgebiet"),
            "loading": _("Die Karte wird geladen …"),
            "failed": _("Die Kartendaten konnten nicht geladen werden. Die Tabelle unten zeigt alle Orte."),
            "shown": _("Orte auf der Karte:"),
            "zoom_in": _("Vergrößern"),
            "zoom_out": _("Verkleinern"),
        },
    }


class _PlacesMixin:
    """The filter form, the filtered places a page at a time, and what the map script needs."""

    def places_context(self) -> dict:
        request = self.request
        form = filter_form(request)
        places = selectors.place_list(fetched_by=request.user, filters=form.to_filter())
        page = Paginator(places, PLACES_PER_PAGE).get_page(request.GET.get("seite"))
        query = request.GET.copy()
        query.pop("seite", None)
        return {
            "form": form,
            "page": page,
            "places": page.object_list,
            "query_string": query.urlencode(),
            "can_add": request.user.has_perm("places.add_place"),
            "can_review": request.user.has_perm("places.review_place"),
        }


class PlaceListView(_PlacesMixin, TemplateView):
    """ "Orte": the places as a table, filtered; the way to every place without the map."""

    template_name = "places/place_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.places_context(), **kwargs)


class MapView(_PlacesMixin, TemplateView):
    """The map of the places, with the same filters and the same table below it."""

    template_name = "places/map.html"

    def get_context_data(self, **kwargs):
        context = self.places_context()
        query = context["query_string"]
        context["map_config"] = map_config(places=reverse("places:places_geojson") + (f"?{query}" if query else ""))
        return super().get_context_data(**context, **kwargs)


# --- GeoJSON ----------------------------------------------------------------------------------


@require_GET
def places_geojson(request):
    """The places the reader may see, filtered like the list, as an RFC 7946 FeatureCollection."""
    form = filter_form(request)
    if not form.is_valid():
        response = HttpResponse(
            geojson.dumps({"detail": _("Ungültiger Filter."), "errors": form.errors.get_json_data()}),
            content_type="application/json",
            status=400,
        )
        return response
    text = geojson.places_geojson_text(reader=request.user, filters=form.to_filter())
    response = HttpResponse(text, content_type=geojson.MEDIA_TYPE)
    # What a signed-in reader sees is theirs alone.
    patch_cache_control(response, private=True, no_cache=True)
    response["Vary"] = "Cookie"
    return response


@require_GET
def areas_geojson(request, kind: str):
    """The outlines of one kind of area (public geodata): cacheable, revalidated by ETag."""
    try:
        text, version = geojson.areas_geojson_text(kind)
    except ValueError:
        raise Http404 from None
    etag = f'"{kind}-{version}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(text, content_type=geojson.MEDIA_TYPE)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


# --- one place --------------------------------------------------------------------------------

RATING_ORDER = [Rating.MET, Rating.PARTLY, Rating.NOT_MET]


def criteria_summary(place) -> dict:
    """Each active criterion with the place's rating and note (or none: not assessed), and the counts."""
    assessments = {assessment.criterion_id: assessment for assessment in place.assessments.all()}
    rows = []
    counts = dict.fromkeys([*RATING_ORDER, ""], 0)
    for criterion in selectors.active_criteria():
        assessment = assessments.get(criterion.pk)
        rating = assessment.rating if assessment else ""
        counts[rating] += 1
        rows.append({"criterion": criterion, "assessment": assessment, "rating": rating})
    return {
        "rows": rows,
        "met": counts[Rating.MET],
        "partly": counts[Rating.PARTLY],
        "not_met": counts[Rating.NOT_MET],
        "not_assessed": counts[""],
    }


class PlaceDetailView(TemplateView):
    """A place: what and where it is, its areas, its history, who is involved and how it meets the criteria."""

    template_name = "places/place_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        place = selectors.place_get(pk=self.kwargs["pk"], fetched_by=user)
        can_change = user.has_perm("places.change_place", place)
        return super().get_context_data(
            place=place,
            uses=list(place.uses.all()),
            status_changes=list(place.status_changes.all()),
            actors=place.visible_actors,
            sees_owner=place.reader_sees_owner(user),
            sees_negotiations=place.reader_sees_negotiations(user),
            # Who recorded a change is the team's business.
            sees_who=reviews_places(user),
            criteria=criteria_summary(place),
            can_change=can_change,
            can_review=place.review == Review.PROPOSED and user.has_perm("places.review_place", place),
            tile_config=map_config(),
            **kwargs,
        )


# --- proposals --------------------------------------------------------------------------------


def _limited(request, *, increment: bool) -> bool:
    return rate_limited(request, group="places.proposal", rate=settings.PLACES_PROPOSAL_RATE, increment=increment)


class ProposeView(InvalidFormStatusMixin, TemplateView):
    """ "Ort vorschlagen" without an account; the proposal waits for the team's review."""

    template_name = "places/propose.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tile_config=map_config(), **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ProposalForm()))

    def refuse(self, form, message: str, status: int):
        response = self.render_to_response(self.get_context_data(form=form, refusal=message))
        response.status_code = status
        return response

    def post(self, request, *args, **kwargs):
        form = ProposalForm(request.POST)
        if form.is_spam:
            return self.refuse(
                form,
                _("Ihr Vorschlag wurde nicht gesendet, weil das Feld „Bitte leer lassen“ ausgefüllt war."),
                400,
            )
        if _limited(request, increment=False):
            return self.refuse(
                form,
                _(
                    "Von Ihrer Adresse sind in letzter Zeit schon viele Vorschläge gekommen. "
                    "Bitte versuchen Sie es in einer Stunde noch einmal oder schreiben Sie uns eine E-Mail."
                ),
                429,
            )
        if form.is_valid():
            try:
                place = actions.place_propose(data=form.to_input())
            except ValidationError as error:
                add_errors(form, error)
            else:
                _limited(request, increment=True)
                request.session[PROPOSED_SESSION_KEY] = {"name": place.name}
                return redirect("places:proposed")
        return self.form_invalid(form)


class ProposedView(TemplateView):
    """Thank you: the proposal is with the team."""

    template_name = "places/proposed.html"

    def get(self, request, *args, **kwargs):
        sent = request.session.pop(PROPOSED_SESSION_KEY, None)
        if not sent:
            return redirect("places:propose")
        response = self.render_to_response(self.get_context_data(name=sent.get("name", "")))
        response["Cache-Control"] = "private, no-store"
        return response
