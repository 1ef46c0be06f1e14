"""WTForms' own messages follow the screen's language: Danish by default."""

from tests.conftest import csrf_from


def test_required_field_message_is_danish(client, helpers):
    helpers.house()
    helpers.login(client, "mette")
    token = csrf_from(client.get("/beboere/ny").get_data(as_text=True))
    page = client.post("/beboere/ny", data={"csrf_token": token, "display_name": ""})
    body = page.get_data(as_text=True)
    assert "Udfyld dette felt." in body
    assert "This field is required." not in body


def test_required_field_message_is_english_for_english_staff(client, helpers, db):
    helpers.house()
    db.execute("UPDATE staff SET language = 'en' WHERE username = 'mette'")
    helpers.login(client, "mette")
    token = csrf_from(client.get("/beboere/ny").get_data(as_text=True))
    body = client.post("/beboere/ny", data={"csrf_token": token}).get_data(as_text=True)
    assert "This field is required." in body
