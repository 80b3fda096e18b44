"""The one NinjaAPI instance: /api/v1/, its OpenAPI description and its browsable docs."""

import json

from ninja import NinjaAPI, Swagger
from ninja.parser import Parser

from gemeinwohl.api import errors, places
from gemeinwohl.api.routers import accounts, committees, directory

DESCRIPTION = """
Lese- und Schreibzugriff auf die Arbeitsplattform der AKS Gemeinwohl.

**Anmeldung.** Mit einem persönlichen API-Schlüssel, den Sie auf Ihrer Profilseite anlegen und widerrufen:
`Authorization: Bearer gw_…`. Im Browser gilt auch die Anmeldung der Plattform; ändernde Anfragen brauchen
dann das CSRF-Token im Kopf `X-CSRFToken`. Öffentliche Gremieninhalte lassen sich ohne Anmeldung lesen.

**Sichtbarkeit.** Sie sehen genau das, was Sie auch auf den Seiten der Plattform sehen
(`oeffentlich` < `mitglieder` < `team` < `verwaltungsintern`). Was Sie nicht sehen dürfen, gibt es für Sie
nicht: Die Antwort ist 404 wie bei etwas, das es nicht gibt. Das Adressbuch ist dem AKS-Team vorbehalten.

**Listen** sind seitenweise: `limit` (höchstens 200) und `offset`; `count` nennt die Länge der ganzen Liste.

**Fehler** haben immer dieselbe Form:
`{"detail": "Eingabe ungültig.", "errors": [{"field": "end", "message": "Das Ende muss nach dem Beginn liegen."}]}`.
`field` nennt das Feld (verschachtelt mit Punkten, z. B. `contacts.0.value`) oder ist `null`.
400: kein gültiges JSON-Objekt; 401: nicht angemeldet oder Schlüssel ungültig; 403: keine Berechtigung;
404: nicht vorhanden oder nicht sichtbar; 413: Anfrage zu groß; 422: Eingabe ungültig (nichts wurde gespeichert).
""".strip()


class ObjectParser(Parser):
    """Request bodies are JSON objects; anything else is refused as unparsable (400)."""

    def parse_body(self, request):
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return data


class AccessibleSwagger(Swagger):
    """ninja's bundled Swagger UI (no CDN) in a page with a language, landmarks and WCAG AA colours.

    Deep links are off: they put a link inside each operation's toggle button (nested interactive controls).
    The online validator is off: its badge would be fetched from validator.swagger.io.
    """

    template = "api/swagger.html"


class GemeinwohlApi(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        # Short, stable ids (list_meetings, create_person): every view function's name is unique in this API.
        return operation.view_func.__name__


api = GemeinwohlApi(
    title="Gemeinwohl API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    parser=ObjectParser(),
    docs=AccessibleSwagger(settings={"deepLinking": False, "defaultModelsExpandDepth": 0, "validatorUrl": None}),
)
errors.install(api)
api.add_decorator(errors.limit_body_size, mode="view")
api.add_router("/", accounts.router)
api.add_router("/", committees.router)
api.add_router("/", directory.router)
api.add_router("/", places.router)
