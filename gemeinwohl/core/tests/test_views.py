"""The public pages, the text pages and their editing, the Übersicht, the language switch and the error pages."""

import re

import pytest
from django.test import Client

from gemeinwohl.core.actions import page_update
from gemeinwohl.core.models import Page
from gemeinwohl.core.tests.pages import field_error, h1, main, text

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "registered", "bezirksamt", "team_external", "team_internal", "admin"]
NOT_ADMIN = ["registered", "bezirksamt", "team_external", "team_internal"]


# --- start page -----------------------------------------------------------


def test_public_start_page_explains_the_aks_in_german(client):
    response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in page
    assert h1(response) == "AKS Gemeinwohl"
    intro = text(main(response))
    assert "Arbeits- und Koordinierungsstruktur für gemeinwohlorientierte Stadtentwicklung" in intro
    assert "Schnittstelle für Politik, Verwaltung und stadtpolitische Initiativen in Friedrichshain-Kreuzberg" in intro
    assert "Was die AKS Gemeinwohl tut" in intro


def test_start_page_links_impressum_datenschutz_and_login(client):
    page = client.get("/").content.decode()

    assert '<a href="/seiten/impressum/">Impressum</a>' in page
    assert '<a href="/seiten/datenschutz/">Datenschutz</a>' in page
    assert '<a href="/seiten/barrierefreiheit/">Barrierefreiheit</a>' in page
    assert 'href="/konto/anmelden/"' in page


def test_start_page_offers_english(client):
    page = client.get("/").content.decode()

    form = re.search(r'<form method="post" action="/sprache/".*?</form>', page, re.S)
    assert form
    assert re.search(r'<button type="submit" name="language" value="en" lang="en"[^>]*>\s*English\s*</button>', form[0])


def test_start_page_shows_what_an_admin_wrote(client, users):
    # given an administrator rewrote the start text
    start = Page.objects.get(slug="start")
    page_update(page=start, by=users["admin"], title="Willkommen", body="Neuer **Einleitungstext**.")

    # then the public sees it
    response = client.get("/")
    assert h1(response) == "Willkommen"
    assert "Neuer <strong>Einleitungstext</strong>." in main(response)


# --- language switch ------------------------------------------------------


def switch_to_english(client: Client, next_url: str = "/"):
    return client.post("/sprache/", {"language": "en", "next": next_url}, follow=True)


def test_language_switch_to_english(client):
    # given the German start page
    assert '<html lang="de">' in client.get("/").content.decode()

    # when the reader chooses English
    response = switch_to_english(client)

    # then they are back on the page, now in English, with a way back to German
    # TODO: assert a string of the interface itself once the English catalogue (gemeinwohl/locale/en) exists.
    page = response.content.decode()
    assert response.redirect_chain == [("/", 302)]
    assert '<html lang="en">' in page
    assert h1(response) == "AKS Gemeinwohl"
    assert "links district politics, the district administration and urban initiatives" in text(main(response))
    assert re.search(r'value="de" lang="de"[^>]*>\s*Deutsch\s*</button>', page)
    # and it stays English on the next page
    assert '<html lang="en">' in client.get("/seiten/barrierefreiheit/").content.decode()


def test_language_switch_back_to_german(client):
    switch_to_english(client)

    response = client.post("/sprache/", {"language": "de", "next": "/"}, follow=True)

    assert '<html lang="de">' in response.content.decode()
    assert "Schnittstelle für Politik" in text(main(response))


def test_language_switch_stays_on_the_page(client):
    response = switch_to_english(client, "/seiten/impressum/")

    assert response.redirect_chain == [("/seiten/impressum/", 302)]


def test_browser_language_does_not_switch_to_english(client):
    # given a browser set to English, as many German speakers' are
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    # then the platform still speaks German until the reader chooses English
    assert '<html lang="de">' in response.content.decode()
    assert response["Content-Language"] == "de"


def test_chosen_language_is_announced_and_cached_per_cookie(client):
    switch_to_english(client)

    response = client.get("/")

    assert response["Content-Language"] == "en"
    assert "Cookie" in response["Vary"]


def test_language_switch_ignores_unknown_languages(client):
    client.post("/sprache/", {"language": "xx", "next": "/"})

    assert '<html lang="de">' in client.get("/").content.decode()


def test_language_switch_does_not_redirect_elsewhere(client):
    response = client.post("/sprache/", {"language": "en", "next": "https://boese.example/"})

    assert response.status_code == 302
    assert not response.url.startswith("https://boese.example")


def test_english_reader_gets_the_german_text_marked_german_where_no_translation_exists(client):
    # given the Impressum has no English text yet
    switch_to_english(client)

    # when an English reader opens it
    response = client.get("/seiten/impressum/")

    # then they see the German text, marked as German for screen readers
    content = main(response)
    assert h1(response) == "Impressum"
    assert '<h1 lang="de">Impressum</h1>' in content
    assert re.search(r'<div lang="de">\s*<p><strong>Bitte ersetzen:</strong>', content)


def test_english_reader_gets_the_english_text_where_it_exists(client):
    switch_to_english(client)

    response = client.get("/seiten/barrierefreiheit/")

    assert h1(response) == "Accessibility statement"
    assert '<h1 lang="en">' in main(response)
    assert "If you find a barrier, please write to us" in text(main(response))


# --- text pages -----------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "title", "excerpt"),
    [
        ("impressum", "Impressum", "§ 5 DDG"),
        ("datenschutz", "Datenschutz", "nur technisch notwendige Cookies"),
        ("barrierefreiheit", "Erklärung zur Barrierefreiheit", "WCAG 2.1, Stufe AA"),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_text_pages_are_public(client_as, role, slug, title, excerpt):
    response = client_as(role).get(f"/seiten/{slug}/")

    assert response.status_code == 200
    assert h1(response) == title
    assert excerpt in text(main(response))


@pytest.mark.parametrize(("role", "offered"), [(role, role == "admin") for role in ROLES])
def test_only_admins_are_offered_to_edit_a_page(client_as, role, offered):
    page = client_as(role).get("/seiten/impressum/").content.decode()

    assert ("Seite bearbeiten" in page) is offered
    assert ('href="/seiten/impressum/bearbeiten/"' in page) is offered


def test_unknown_page_is_a_german_404(client):
    response = client.get("/seiten/gibt-es-nicht/")

    assert response.status_code == 404
    assert '<html lang="de">' in response.content.decode()
    assert h1(response) == "Seite nicht gefunden"
    assert "Diese Seite gibt es nicht, oder sie ist nicht für Sie freigegeben." in text(main(response))


def test_unknown_address_is_a_german_404(client):
    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert h1(response) == "Seite nicht gefunden"


# --- editing a page -------------------------------------------------------

EDIT_URL = "/seiten/impressum/bearbeiten/"
NEW_TEXTS = {"title": "Impressum", "body": "Träger: **Gemeinwohl e.V.**", "title_en": "", "body_en": ""}


def test_anonymous_editor_is_sent_to_login(client):
    for response in (client.get(EDIT_URL), client.post(EDIT_URL, NEW_TEXTS)):
        assert response.status_code == 302
        assert response.url == f"/konto/anmelden/?next={EDIT_URL}"
    assert "Gemeinwohl e.V." not in Page.objects.get(slug="impressum").body


@pytest.mark.parametrize("role", NOT_ADMIN)
def test_only_admins_edit_pages(client_as, role):
    # given a logged-in account that is not an administrator
    client = client_as(role)

    # when it opens the edit form or sends it
    shown, sent = client.get(EDIT_URL), client.post(EDIT_URL, NEW_TEXTS)

    # then both are refused with the German 403 page, and the page is unchanged
    for response in (shown, sent):
        assert response.status_code == 403
        assert h1(response) == "Kein Zugriff"
        assert "Für diesen Bereich fehlt Ihrem Konto die Berechtigung." in text(main(response))
    assert "Gemeinwohl e.V." not in Page.objects.get(slug="impressum").body


def test_admin_edits_the_impressum(client_as):
    # given an administrator on the edit form
    client = client_as("admin")
    form = client.get(EDIT_URL)
    assert form.status_code == 200
    assert h1(form) == "Impressum bearbeiten"

    # when they save a new text
    response = client.post(EDIT_URL, {**NEW_TEXTS, "title_en": "Legal notice", "body_en": "Provider: ..."}, follow=True)

    # then the public page shows it, and they are told it was saved
    assert response.redirect_chain == [("/seiten/impressum/", 302)]
    assert "Die Seite wurde gespeichert." in text(main(response))
    public = Client().get("/seiten/impressum/")
    assert "Träger: <strong>Gemeinwohl e.V.</strong>" in main(public)
    page = Page.objects.get(slug="impressum")
    assert (page.title_en, page.body_en) == ("Legal notice", "Provider: ...")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**NEW_TEXTS, "title": ""}, "title", "Dieses Feld ist zwingend erforderlich."),
        ({**NEW_TEXTS, "body": ""}, "body", "Dieses Feld ist zwingend erforderlich."),
        ({**NEW_TEXTS, "title": "Neu", "title_en": "x" * 201}, "title_en", "höchstens 200 Zeichen"),
    ],
)
def test_invalid_page_edit_saves_nothing(client_as, data, field, message):
    # given the Impressum as it is
    before = Page.objects.get(slug="impressum")

    # when an administrator sends an invalid form
    response = client_as("admin").post(EDIT_URL, data)

    # then the German message stands next to the field, with 422, and nothing is saved or shown as saved
    page = response.content.decode()
    assert response.status_code == 422
    assert message in field_error(page, field)
    assert "Bitte prüfen Sie Ihre Angaben" in page
    assert h1(response) == "Impressum bearbeiten"
    after = Page.objects.get(slug="impressum")
    assert (after.title, after.body, after.title_en, after.updated_at) == (
        before.title,
        before.body,
        before.title_en,
        before.updated_at,
    )


def test_editing_an_unknown_page_is_404(client_as):
    response = client_as("admin").get("/seiten/gibt-es-nicht/bearbeiten/")

    assert response.status_code == 404
    assert h1(response) == "Seite nicht gefunden"


def test_script_saved_into_a_page_does_not_reach_readers(client_as):
    # given an administrator's account was used to save markup with script
    client_as("admin").post(
        EDIT_URL,
        {
            **NEW_TEXTS,
            "body": '<script>alert("x")</script>\n\n[Klick](javascript:alert(1))\n\n<img src=x onerror="alert(2)">',
        },
    )

    # when anyone reads the page
    content = main(Client().get("/seiten/impressum/")).lower()

    # then no script, handler or javascript: link is in it
    assert "<script" not in content
    assert "javascript:" not in content
    assert "onerror" not in content
    assert "Klick" in main(Client().get("/seiten/impressum/"))


# --- Übersicht ------------------------------------------------------------

COMMITTEE_PANELS = ["Nächste Sitzungen", "Meine Aufgaben"]
ADVICE_PANELS = ["Neue Beratungsanfragen", "Meine Wiedervorlagen"]
TEAM_PANELS = [
    *ADVICE_PANELS,
    "Vorkaufsfristen",
    "Nächste Sitzungen",
    "Nächste Veranstaltungen",
    "Meine Aufgaben",
    "Zuletzt geändert im Adressbuch",
    "Mein Profil",
    "Das AKS-Team",
]
PANELS = {
    "registered": [*COMMITTEE_PANELS, "Mein Profil"],
    "bezirksamt": ["Vorkaufsfristen", *COMMITTEE_PANELS, "Mein Profil", "Das AKS-Team"],
    "team_external": TEAM_PANELS,
    "team_internal": TEAM_PANELS,
    "admin": TEAM_PANELS,
}


@pytest.mark.parametrize("role", PANELS)
def test_uebersicht_panels_per_role(client_as, users, role):
    response = client_as(role).get("/uebersicht/")

    titles = [text(t) for t in re.findall(r'<h2 id="panel-[^"]+">(.*?)</h2>', response.content.decode())]
    assert response.status_code == 200
    assert h1(response) == "Übersicht"
    assert f"Willkommen, {users[role].get_short_name()}." in text(main(response))
    assert titles == PANELS[role]


def test_uebersicht_needs_login(client):
    response = client.get("/uebersicht/")

    assert response.status_code == 302
    assert response.url == "/konto/anmelden/?next=/uebersicht/"


@pytest.mark.django_db
def test_foreign_host_header_gets_400_not_a_server_error(client):
    client.raise_request_exception = False
    response = client.get("/", HTTP_HOST="angreifer.example")
    assert response.status_code == 400
