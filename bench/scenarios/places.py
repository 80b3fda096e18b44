"""Places (Orte) at the size of a whole city's map: 10,000 places, their Berlin areas, the list, map and GeoJSON.

The issue: "Recomputing areas for 10,000 places takes under 10 seconds
(spatial index over the area polygons)" and "bench/ gets the public list, the
map and the GeoJSON (target: under 300 ms for the GeoJSON of 10,000 places,
with a constant query count)".

One unit of volume is one place. Positions are real points inside the real
outlines shipped in ``places/geodata`` (the migration loads them): 60 % in
Friedrichshain-Kreuzberg, where the AKS works, 35 % elsewhere in Berlin, 2 %
just outside (Potsdam, Falkensee, Schönefeld, …), 3 % without a position.
80 % public, 12 % team, 8 % administration-internal; owner and negotiations
never looser than the place (mostly "team"). Every place has one to three
uses; one in ten is rated against two to six of the six criteria.

The seed writes with ``bulk_create`` and bypasses ``gemeinwohl.places.actions``
(10,000 times ``place_create`` would take minutes and measure nothing this
benchmark is about). It builds rows as the actions would: position both or
neither, sensitive fields not looser than the place, a first status change
per place, and then the areas through the real ``actions.areas_recompute``.
The account comes from ``accounts.actions.user_create``.

Besides the pages measured through gunicorn (see ``requests``), ``in_process``
measures in this process: building the spatial index, ``actions.areas_recompute``
for every place (once after all stored areas were cleared, so every place
changes, and once more with nothing to change), and the selector behind the
list, map and GeoJSON, ``selectors.place_list``, for the public and the team.
"""

import datetime
import random
import statistics
import time

from bench.scenarios import Request, bench_account

DESCRIPTION = "Orte: 10.000 Orte mit ihren Berliner Gebieten, Neuberechnung der Gebiete, Liste, Karte und GeoJSON"
DEFAULT_VOLUME = 10_000
QUICK_VOLUME = 1_000
SEED_VERSION = 1

RANDOM_SEED = 20_261_125
OUTLINES = ("district__geometry", "ortsteil__geometry", "milieuschutz__geometry")
SELECTOR_RUNS = 7
RECOMPUTE_RUNS = 3

# Where the places are: share of the volume.
IN_FRIEDRICHSHAIN_KREUZBERG, ELSEWHERE_IN_BERLIN, OUTSIDE_BERLIN = 0.60, 0.35, 0.02  # the rest: no position
FRIEDRICHSHAIN_KREUZBERG = "02"

# fmt: off
OUTSIDE = [  # (name, latitude, longitude) just beyond the city limits
    ("Potsdam", 52.3906, 13.0645), ("Falkensee", 52.5600, 13.0920), ("Schönefeld", 52.3880, 13.5060),
    ("Teltow", 52.4020, 13.2700), ("Bernau", 52.6790, 13.5870), ("Erkner", 52.4200, 13.7520),
]
KIND_WEIGHTS = {"projekt": 40, "raum": 30, "grundstueck": 15, "freiflaeche": 15}
STATUS_WEIGHTS = {
    "idee": 15, "bedroht": 10, "verhandlung": 15, "gesichert": 20, "entwicklung": 15, "realisiert": 20, "verloren": 5,
}
OWNER_WEIGHTS = {
    "unbekannt": 25, "land": 15, "bezirk": 10, "lwu": 15, "genossenschaft": 10, "stiftung": 5, "syndikat": 5,
    "privat": 12, "kirche": 3,
}
USES = ["wohnen", "gewerbe", "kultur", "soziales", "bildung", "gruen", "gemeinschaft"]
NAMES = [
    "Kiezladen", "Gemeinschaftsgarten", "Nachbarschaftshaus", "Hausprojekt", "Kulturraum", "Werkstatt", "Kinderladen",
    "Stadtteilzentrum", "Repair-Café", "Genossenschaftshaus", "Jugendclub", "Atelierhaus", "Kiezkantine", "Spielplatz",
]
STREETS = [
    "Boxhagener Straße", "Simon-Dach-Straße", "Wühlischstraße", "Oranienstraße", "Wrangelstraße", "Skalitzer Straße",
    "Urbanstraße", "Gneisenaustraße", "Bergmannstraße", "Frankfurter Allee", "Rigaer Straße", "Mariannenstraße",
    "Reichenberger Straße", "Falckensteinstraße", "Yorckstraße", "Revaler Straße", "Warschauer Straße",
]
RATINGS = ["erfuellt", "erfuellt", "teilweise", "nicht"]
# fmt: on


def _points_inside(geometries: list, count: int, rng: random.Random) -> list[tuple[float, float]]:
    """``count`` random (latitude, longitude) inside one of ``geometries``, rounded as a geocoder gives them (~1 m)."""
    import shapely

    # One test per outline, not their union: the official outlines are not all valid, and GEOS refuses to union them.
    shapely.prepare(geometries)
    min_lon, min_lat, max_lon, max_lat = shapely.total_bounds(geometries)
    points = []
    while len(points) < count:
        longitude, latitude = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
        if any(shapely.contains_xy(geometry, longitude, latitude) for geometry in geometries):
            points.append((round(latitude, 5), round(longitude, 5)))
    return points


def _positions(volume: int, rng: random.Random) -> list[tuple[float, float] | None]:
    from shapely.geometry import shape

    from gemeinwohl.places.models import Area, AreaKind

    districts = {area.key: shape(area.geometry) for area in Area.objects.filter(kind=AreaKind.DISTRICT)}
    home = districts.pop(FRIEDRICHSHAIN_KREUZBERG)
    in_home = round(volume * IN_FRIEDRICHSHAIN_KREUZBERG)
    elsewhere = round(volume * ELSEWHERE_IN_BERLIN)
    outside = round(volume * OUTSIDE_BERLIN)
    positions: list = _points_inside([home], in_home, rng)
    positions += _points_inside(list(districts.values()), elsewhere, rng)
    for _ in range(outside):
        _name, latitude, longitude = rng.choice(OUTSIDE)
        positions.append(
            (round(latitude + rng.uniform(-0.01, 0.01), 5), round(longitude + rng.uniform(-0.01, 0.01), 5))
        )
    positions += [None] * (volume - len(positions))
    rng.shuffle(positions)
    return positions


def seed(volume: int) -> dict:
    from gemeinwohl.accounts.models import Role
    from gemeinwohl.places import actions
    from gemeinwohl.places.models import Assessment, Criterion, Place, PlaceUse, StatusChange

    rng = random.Random(RANDOM_SEED)
    team = bench_account(role=Role.TEAM_INTERNAL)
    bench_account(role=Role.TEAM_EXTERNAL)
    today = datetime.date.today()
    places = []
    for number, position in enumerate(_positions(volume, rng), start=1):
        visibility = rng.choices([0, 20, 30], [80, 12, 8])[0]
        latitude, longitude = position or (None, None)
        places.append(
            Place(
                kind=rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0],
                name=f"{rng.choice(NAMES)} {rng.choice(STREETS).split()[0]} {number}",
                address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}, 10{rng.randint(115, 999)} Berlin"
                if position
                else "",
                latitude=latitude,
                longitude=longitude,
                description="Ein Ort für die Nachbarschaft: gemeinwohlorientiert genutzt, selbstverwaltet, offen.",
                visibility=visibility,
                status=rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0],
                status_since=today - datetime.timedelta(days=rng.randint(0, 3650)),
                owner_type=rng.choices(list(OWNER_WEIGHTS), list(OWNER_WEIGHTS.values()))[0],
                owner_visibility=max(visibility, rng.choice([0, 20, 20, 30])),
                negotiations="Gespräche mit der Eigentümerin laufen." if rng.random() < 0.3 else "",
                negotiations_visibility=max(visibility, 20),
                created_by=team,
            )
        )
    places = Place.objects.bulk_create(places, batch_size=2000)
    StatusChange.objects.bulk_create(
        [StatusChange(place=place, status=place.status, on_date=place.status_since, by=team) for place in places],
        batch_size=5000,
    )
    uses = [
        PlaceUse(place=place, use=use)
        for place in places
        for use in rng.sample(USES, rng.choices([1, 2, 3], [50, 35, 15])[0])
    ]
    PlaceUse.objects.bulk_create(uses, batch_size=5000)
    criteria = list(Criterion.objects.all())
    assessments = [
        Assessment(place=place, criterion=criterion, rating=rng.choice(RATINGS))
        for place in places
        if rng.random() < 0.1
        for criterion in rng.sample(criteria, rng.randint(2, len(criteria)))
    ]
    Assessment.objects.bulk_create(assessments, batch_size=5000)
    actions.areas_recompute()
    return {
        "places": len(places),
        "with_position": sum(place.latitude is not None for place in places),
        "public": sum(place.visibility == 0 for place in places),
        "uses": len(uses),
        "assessments": len(assessments),
        "outside_berlin": Place.objects.filter(outside_berlin=True).count(),
        "in_friedrichshain_kreuzberg": Place.objects.filter(district__key=FRIEDRICHSHAIN_KREUZBERG).count(),
        "in_milieuschutz_area": Place.objects.filter(milieuschutz__isnull=False).count(),
    }


def requests(volume: int) -> list[Request]:
    """The public list, map and GeoJSON; the views are built by another helper and may answer 404 before the merge."""
    from gemeinwohl.accounts.models import Role

    team = bench_account(role=Role.TEAM_EXTERNAL).email
    return [
        Request("list-anonymous", "/orte/"),
        Request("list-team", "/orte/", team),
        Request("map-anonymous", "/orte/karte/"),
        Request("geojson-anonymous", "/orte/orte.geojson"),
        Request("geojson-team", "/orte/orte.geojson", team),
    ]


# --- measured in process ------------------------------------------------------------------------


def _timed(function, runs: int = SELECTOR_RUNS, before=None) -> dict:
    """Run ``function`` once to warm up, then ``runs`` times (each after ``before``, untimed): median, slowest, queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before:
        before()
    function()
    times = []
    for _ in range(runs):
        if before:
            before()
        began = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - began) * 1000)
    if before:
        before()
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return {
        "result": result,
        "queries": len(captured.captured_queries),
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "runs": runs,
    }


def _recompute() -> dict:
    from gemeinwohl.places import actions, geo
    from gemeinwohl.places.models import Place

    def clear_areas():
        # As after new geodata in which every area changed: every place gets new areas.
        Place.objects.update(district=None, ortsteil=None, prognoseraum=None, milieuschutz=None, outside_berlin=False)

    def build_index():
        geo._cache["version"] = None  # as in a new process
        return len(geo.current_index())

    index = _timed(build_index, runs=RECOMPUTE_RUNS)
    everything = _timed(lambda: actions.areas_recompute(), runs=RECOMPUTE_RUNS, before=clear_areas)
    nothing = _timed(lambda: actions.areas_recompute(), runs=RECOMPUTE_RUNS)
    lookups = Place.objects.on_map().values_list("latitude", "longitude")
    latitudes, longitudes = zip(*lookups, strict=True)
    bulk = _timed(lambda: len(geo.areas_at_many(latitudes=latitudes, longitudes=longitudes)), runs=RECOMPUTE_RUNS)
    return {
        "index_build": index,
        "areas_recompute-all-changed": everything,
        "areas_recompute-nothing-changed": nothing,
        "areas_at_many-lookup-only": bulk,
        "places": Place.objects.count(),
    }


def _selectors() -> dict:
    from django.contrib.auth.models import AnonymousUser

    from gemeinwohl.accounts.models import Role
    from gemeinwohl.places import selectors

    team = bench_account(role=Role.TEAM_EXTERNAL)

    def place_list(reader, defer_outlines=False, **filters):
        def run():
            places = selectors.place_list(fetched_by=reader, filters=selectors.PlaceFilter(**filters))
            if defer_outlines:
                places = places.defer(*OUTLINES)
            rows = list(places)
            # What the list and the GeoJSON show of each place: its uses and areas (prefetched, joined).
            shown = [(place.uses.all(), place.district, place.ortsteil, place.milieuschutz) for place in rows]
            return len(shown)

        return run

    return {
        # As the selector stands: the joined areas carry their outlines (a megabyte of GeoJSON per district, parsed
        # for every row), so one run takes long; measured once after the warm-up.
        "place_list-anonymous": _timed(place_list(AnonymousUser()), runs=1),
        # Without the outlines: what the selector costs once it leaves them out.
        "place_list-anonymous-outlines-deferred": _timed(place_list(AnonymousUser(), defer_outlines=True)),
        "place_list-team-outlines-deferred": _timed(place_list(team, defer_outlines=True)),
        "place_list-anonymous-text-outlines-deferred": _timed(
            place_list(AnonymousUser(), defer_outlines=True, text="Kiezladen")
        ),
    }


def in_process(volume: int, log=print) -> dict:
    """Recomputing every place's areas, and the selector behind list, map and GeoJSON, measured here."""
    results = {"recompute": _recompute(), "selectors": _selectors()}
    for name, figures in results["recompute"].items():
        if isinstance(figures, dict):
            log(
                f"  {name}: {figures['result']:,} → {figures['queries']} queries, "
                f"median {figures['median_ms']} ms, max {figures['max_ms']} ms"
            )
    for name, figures in results["selectors"].items():
        log(
            f"  {name}: {figures['result']:,} rows, {figures['queries']} queries, "
            f"median {figures['median_ms']} ms, max {figures['max_ms']} ms"
        )
    return results
