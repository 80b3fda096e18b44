from gemeinwohl.places.models.area import Area
from gemeinwohl.places.models.choices import ActorRole, AreaKind, OwnerType, PlaceKind, Rating, Review, Status, Use
from gemeinwohl.places.models.place import (
    Assessment,
    Criterion,
    Place,
    PlaceActor,
    PlaceUse,
    StatusChange,
    reviews_places,
)

__all__ = [
    "ActorRole",
    "Area",
    "AreaKind",
    "Assessment",
    "Criterion",
    "OwnerType",
    "Place",
    "PlaceActor",
    "PlaceKind",
    "PlaceUse",
    "Rating",
    "Review",
    "Status",
    "StatusChange",
    "Use",
    "reviews_places",
]
