"""One shape for every error the API answers, with German messages.

``{"detail": "…", "errors": [{"field": "start", "message": "…"}]}``: ``detail``
says what went wrong as a whole, ``errors`` lists the fields at fault (empty
where no field is). Nested fields are named with dots (``contacts.0.value``);
``field`` is null for a problem of the whole input.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class FieldError(Schema):
    field: str | None
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


def error_response(status: int, detail: str, errors: list[dict] | None = None) -> JsonResponse:
    response = JsonResponse({"detail": str(detail), "errors": errors or []}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def errors(*statuses: int) -> dict:
    """The documented error answers of an operation, for ninja's ``response=``."""
    return dict.fromkeys(statuses, ErrorOut)


# --- pydantic's findings, in German -------------------------------------------------


def _pydantic_message(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return _("Diese Angabe fehlt.")
    if kind == "extra_forbidden":
        return _("Dieses Feld gibt es nicht.")
    if kind in ("string_type", "string_unicode"):
        return _("Bitte einen Text angeben.")
    if kind == "string_too_long":
        return _("Höchstens %(count)s Zeichen.") % {"count": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Mindestens %(count)s Zeichen.") % {"count": ctx.get("min_length")}
    if kind == "string_pattern_mismatch":
        return _("Nur Kleinbuchstaben, Ziffern, Binde- und Unterstriche.")
    if kind.startswith("int_") or kind == "int_type":
        return _("Bitte eine ganze Zahl angeben.")
    if kind.startswith("bool"):
        return _("Bitte true oder false angeben.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Der Wert muss mindestens %(limit)s sein.") % {"limit": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Der Wert darf höchstens %(limit)s sein.") % {"limit": ctx.get("le", ctx.get("lt"))}
    if kind.startswith("datetime") or kind == "timezone_aware":
        return _("Bitte Datum und Uhrzeit mit Zeitzone angeben (ISO 8601, z. B. 2026-03-01T17:00:00+01:00).")
    if kind.startswith("date"):
        return _("Bitte ein Datum angeben (JJJJ-MM-TT).")
    if kind in ("literal_error", "enum"):
        # pydantic lists the values in English ("'a', 'b' or 'c'"); the list alone reads in every language.
        return _("Ungültiger Wert. Erlaubt: %(values)s") % {
            "values": str(ctx.get("expected", "")).replace(" or ", ", ")
        }
    if kind.startswith("url"):
        return _("Bitte eine vollständige Adresse angeben, die mit https:// beginnt.")
    if kind in ("list_type", "too_long", "too_short"):
        return _("Bitte eine Liste angeben.") if kind == "list_type" else _("Die Liste hat zu viele Einträge.")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("Bitte ein JSON-Objekt angeben.")
    if kind == "value_error":
        # Our own validators raise ValueError with a German message.
        return str(ctx.get("error", "")) or _("Ungültiger Wert.")
    return _("Ungültiger Wert.")


def _pydantic_field(location) -> str | None:
    # ninja prefixes the source ("body", "query", "path") and, for a body, the parameter's name.
    parts = [str(part) for part in location]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        source, parts = parts[0], parts[1:]
        if source == "body" and parts:
            parts = parts[1:]
    return ".".join(parts) or None


def from_ninja_validation(exc: NinjaValidationError) -> list[dict]:
    return [
        {"field": _pydantic_field(error.get("loc", ())), "message": _pydantic_message(error)} for error in exc.errors
    ]


def from_django_validation(exc: DjangoValidationError, rename: dict | None = None) -> list[dict]:
    rename = rename or {}
    if hasattr(exc, "error_dict"):
        return [
            {"field": None if field == "__all__" else rename.get(field, field), "message": message}
            for field, field_errors in exc.message_dict.items()
            for message in field_errors
        ]
    return [{"field": None, "message": message} for message in exc.messages]


# --- handlers ------------------------------------------------------------------------


def install(api) -> None:
    """Answer every expected failure with an ``ErrorOut``; whatever else fails stays a server error."""

    @api.exception_handler(NinjaValidationError)
    def invalid_parameters(request, exc):
        return error_response(422, _("Eingabe ungültig."), from_ninja_validation(exc))

    @api.exception_handler(DjangoValidationError)
    def invalid_input(request, exc):
        return error_response(422, _("Eingabe ungültig."), from_django_validation(exc))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        message = exc.message if exc.message != "Unauthorized" else ""
        return error_response(
            401, message or _("Bitte anmelden: mit einem API-Schlüssel (Authorization: Bearer …) oder im Browser.")
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400:
            # ninja's "Cannot parse request body" and our parser's refusals
            return error_response(400, _("Der Inhalt der Anfrage ist kein gültiges JSON-Objekt."))
        return error_response(exc.status_code, exc.message)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return error_response(403, _("Dazu fehlt Ihnen die Berechtigung."))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error_response(404, _("Nicht gefunden."))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return too_large()


def too_large() -> JsonResponse:
    return error_response(
        413,
        _("Die Anfrage ist zu groß; erlaubt sind höchstens %(limit)s Bytes.") % {"limit": settings.API_MAX_BODY_BYTES},
    )


def limit_body_size(run):
    """Refuse bodies above ``API_MAX_BODY_BYTES`` before anything reads or checks them (413)."""

    @wraps(run)
    def guarded(request, *args, **kwargs):
        limit = settings.API_MAX_BODY_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            return too_large()
        try:
            if len(request.body) > limit:
                return too_large()
        except RequestDataTooBig:
            return too_large()
        return run(request, *args, **kwargs)

    return guarded
