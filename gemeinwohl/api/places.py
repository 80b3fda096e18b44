"""Places as GeoJSON (RFC 7946), for anyone as far as they may see them.

The same builder as the map's own endpoint (``places.geojson``), the same
filters and the same scoping by the reader: a place or an owner the reader
may not see is not in the answer.
"""

from typing import Literal

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from gemeinwohl.api.auth import ANYONE, ANYONE_SECURITY, reader_of
from gemeinwohl.api.errors import errors
from gemeinwohl.api.schemas.common import Id, SearchText
from gemeinwohl.places import geojson
from gemeinwohl.places.models import PlaceKind, Status, Use
from gemeinwohl.places.selectors import PlaceFilter

router = Router(tags=["Orte"])

KindName = Literal[tuple(PlaceKind.values)]
StatusName = Literal[tuple(Status.values)]
UseName = Literal[tuple(Use.values)]


class PlaceFilterParams(Schema):
    kind: KindName | None = Field(None, description="Art des Ortes")
    status: StatusName | None = Field(None, description="Stand")
    use: UseName | None = Field(None, description="Nutzung")
    criterion: Id | None = Field(None, description="Id eines Gemeinwohlkriteriums, das der Ort erfüllt")
    district: Id | None = Field(None, description="Id eines Bezirks (Gebiet)")
    ortsteil: Id | None = Field(None, description="Id eines Ortsteils (Gebiet)")
    milieuschutz: Id | None = Field(None, description="Id eines Milieuschutzgebiets (Gebiet)")
    q: SearchText = Field("", description="Suchwörter (Name oder Adresse)")


class PointOut(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(..., min_length=2, max_length=2, description="[Längengrad, Breitengrad] (WGS84)")


class PlacePropertiesOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    uses: list[str]
    use_labels: list[str]
    url: str
    criteria_met: int
    district: str | None
    ortsteil: str | None
    milieuschutz: str | None
    milieuschutz_key: str | None
    owner_type: str | None = Field(None, description="Nur, wo Sie das Eigentum sehen dürfen")
    owner_type_label: str | None = None


class PlaceFeatureOut(Schema):
    type: Literal["Feature"]
    id: int
    geometry: PointOut
    properties: PlacePropertiesOut


class PlacesGeoJsonOut(Schema):
    type: Literal["FeatureCollection"]
    features: list[PlaceFeatureOut]


GEOJSON_RESPONSE = {
    "responses": {
        200: {
            "description": "GeoJSON (RFC 7946)",
            "content": {geojson.MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/PlacesGeoJsonOut"}}},
        }
    },
}


@router.get(
    "/places.geojson",
    response={200: PlacesGeoJsonOut, **errors(401, 422)},
    auth=ANYONE,
    openapi_extra={**ANYONE_SECURITY, **GEOJSON_RESPONSE},
)
def places_geojson(request, filters: Query[PlaceFilterParams]):
    """Die Orte mit Lage, die Sie sehen dürfen, als GeoJSON-FeatureCollection (RFC 7946), gefiltert wie die Karte."""
    text = geojson.places_geojson_text(
        reader=reader_of(request),
        filters=PlaceFilter(
            kind=filters.kind or "",
            status=filters.status or "",
            use=filters.use or "",
            criterion=filters.criterion,
            district=filters.district,
            ortsteil=filters.ortsteil,
            milieuschutz=filters.milieuschutz,
            text=filters.q.strip(),
        ),
        absolute=request.build_absolute_uri,
        base=request.build_absolute_uri("/"),
    )
    # Built and serialised once (and kept until the data changes), without a second validation.
    return HttpResponse(text, content_type=geojson.MEDIA_TYPE)
