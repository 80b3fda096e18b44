import pytest

pytestmark = pytest.mark.django_db


def test_german_is_spoken_whatever_the_browser_asks_for(client):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "de"
    assert '<html lang="de">' in response.content.decode()


def test_the_language_switch_is_remembered(client):
    response = client.post("/sprache/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    assert "Cookie" in response["Vary"]


def test_an_unknown_language_cookie_falls_back_to_german(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get("/")["Content-Language"] == "de"
