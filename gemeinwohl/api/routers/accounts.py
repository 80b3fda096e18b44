"""The account the request acts for."""

from ninja import Router, Schema

from gemeinwohl.api.auth import SIGNED_IN, reader_of
from gemeinwohl.api.errors import errors
from gemeinwohl.api.schemas.common import Ref


class MeOut(Schema):
    id: int
    email: str
    name: str
    role: str
    role_label: str
    language: str
    is_team: bool
    person: Ref | None

    @staticmethod
    def resolve_role_label(obj):
        return str(obj.get_role_display())

    @staticmethod
    def resolve_person(obj):
        person = getattr(obj, "person", None)
        return {"id": person.pk, "name": person.full_name} if person else None


router = Router(tags=["Konto"], auth=SIGNED_IN)


@router.get("/me", response={200: MeOut, **errors(401)})
def me(request):
    """Ihr Konto: Name, Rolle, Sprache und Ihr Eintrag im Adressbuch (falls vorhanden)."""
    return reader_of(request)
