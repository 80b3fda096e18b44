"""``manage.py load_demo``: the demo platform of the README, loadable any number of times."""

import base64
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeinwohl.accounts.models import Role, User
from gemeinwohl.advice.models import Case
from gemeinwohl.committees.models import Committee, Meeting
from gemeinwohl.core.tests.pages import h1
from gemeinwohl.directory.models import Organisation, Person, Sector
from gemeinwohl.events.models import Event
from gemeinwohl.landpolicy.models import GroundLease, PreEmptionCase, Property, Tender
from gemeinwohl.places.models import Place, Review

pytestmark = pytest.mark.django_db

README_ACCOUNTS = {
    "admin@gemeinwohl.example": Role.ADMIN,
    "intern@gemeinwohl.example": Role.TEAM_INTERNAL,
    "extern@gemeinwohl.example": Role.TEAM_EXTERNAL,
    "bezirksamt@gemeinwohl.example": Role.BEZIRKSAMT,
    "initiative@gemeinwohl.example": Role.REGISTERED,
}
SEED_ORGANISATIONS = [
    "Gemeinwohlorientierte Stadtentwicklung e.V.",
    "Bezirksamt Friedrichshain-Kreuzberg",
    "Stadtentwicklungsamt",
    "Amt für Soziales",
    "Straßen- und Grünflächenamt",
    "Sozialraumorientierte Planungskoordination",
    "LokalBau Plattform",
]
TRAEGERVEREIN = "Gemeinwohlorientierte Stadtentwicklung e.V."


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows per model of the accounts, core and address-book apps."""
    return {
        model._meta.label: model._default_manager.count()
        for app in ("accounts", "core", "directory")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module (it takes seconds) and rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def test_load_demo_twice_adds_nothing_the_second_time(demo):
    # given the demo data loaded once
    first = row_counts()

    # when it is loaded again
    output = load_demo()

    # then it succeeds, says so, and no table gained a row
    assert "Demo-Daten bereit" in output
    assert row_counts() == first
    assert first["accounts.User"] > 0 and first["directory.Organisation"] > 0 and first["directory.Person"] > 0


def test_load_demo_reports_what_is_there(demo):
    assert demo.strip() == (
        f"Demo-Daten bereit: {User.objects.count()} Konten, {Organisation.objects.count()} Organisationen, "
        f"{Person.objects.count()} Personen, {Committee.objects.count()} Gremien, "
        f"{Meeting.objects.filter(deleted_at__isnull=True).count()} Sitzungen, {Case.objects.count()} Beratungsfälle, "
        f"{Event.objects.count()} Veranstaltungen, {Place.objects.filter(review=Review.ACCEPTED).count()} Orte, "
        f"{Property.objects.count()} Grundstücke, {PreEmptionCase.objects.count()} Vorkaufsfälle, "
        f"{Tender.objects.count()} Konzeptverfahren, {GroundLease.objects.count()} Erbbaurechte."
    )


def test_one_readme_account_per_role(demo):
    readme = User.objects.filter(email__in=README_ACCOUNTS)

    assert {user.email: user.role for user in readme} == README_ACCOUNTS
    assert sorted(user.role for user in readme) == sorted(Role.values)


@pytest.mark.parametrize("email", README_ACCOUNTS)
def test_every_readme_account_logs_in_with_the_demo_password(demo, email):
    client = Client()

    response = client.post("/konto/anmelden/", {"username": email, "password": settings.DEMO_PASSWORD}, follow=True)
    if README_ACCOUNTS[email] != Role.REGISTERED:
        # and the code of the README's demo secret, as an authenticator app or oathtool computes it
        assert h1(response) == "Bestätigungscode"
        code = f"{totp(base64.b32decode(settings.DEMO_TOTP_SECRET)):06d}"
        response = client.post(response.redirect_chain[-1][0], {"code": code}, follow=True)

    assert response.redirect_chain == [("/uebersicht/", 302)]
    assert h1(response) == "Übersicht"
    assert "_auth_user_id" in client.session


def test_the_demo_secret_is_the_readmes_and_loading_again_keeps_one_device(demo):
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert f"oathtool --totp -b {settings.DEMO_TOTP_SECRET}" in readme

    call_command("load_demo", stdout=StringIO())

    for user in User.objects.filter(email__endswith="@gemeinwohl.example"):
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        if user.role_requires_second_factor:
            assert devices.count() == 1, user.email
            assert base64.b32encode(devices.get().bin_key).decode() == settings.DEMO_TOTP_SECRET
        else:
            assert not devices.exists(), user.email


def test_only_the_demo_admin_is_a_superuser(demo):
    assert list(User.objects.filter(is_superuser=True).values_list("email", flat=True)) == ["admin@gemeinwohl.example"]


def test_aks_team_of_five(demo):
    team = User.objects.filter(role__in=[Role.TEAM_INTERNAL, Role.TEAM_EXTERNAL], is_active=True)

    assert team.filter(role=Role.TEAM_INTERNAL).count() == 2
    assert team.filter(role=Role.TEAM_EXTERNAL).count() == 3
    # each of them is in the address book, the external three at the Trägerverein
    people = Person.objects.filter(account__in=team)
    assert people.count() == 5
    assert set(
        people.filter(affiliations__organisation__name=TRAEGERVEREIN).values_list("account__role", flat=True)
    ) == {Role.TEAM_EXTERNAL}
    assert people.filter(affiliations__organisation__name=TRAEGERVEREIN).count() == 3


def test_address_book_has_the_seeds_structure(demo):
    names = set(Organisation.objects.values_list("name", flat=True))

    assert set(SEED_ORGANISATIONS) <= names
    offices = Organisation.objects.filter(parent__name="Bezirksamt Friedrichshain-Kreuzberg")
    assert {"Stadtentwicklungsamt", "Amt für Soziales", "Straßen- und Grünflächenamt"} <= set(
        offices.values_list("name", flat=True)
    )


def test_address_book_has_at_least_twelve_initiatives_and_common_good_enterprises(demo):
    initiatives = Organisation.objects.filter(sector__in=[Sector.CIVIL_SOCIETY, Sector.COMMON_GOOD_ECONOMY]).exclude(
        name=TRAEGERVEREIN
    )

    assert initiatives.count() >= 12
    assert initiatives.filter(sector=Sector.CIVIL_SOCIETY).exists()
    assert initiatives.filter(sector=Sector.COMMON_GOOD_ECONOMY).exists()
