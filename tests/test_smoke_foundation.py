def test_login_and_start_page(client, helpers):
    house = helpers.house()
    helpers.login(client, "mette")
    page = client.get("/").get_data(as_text=True)
    assert "Mine beboere" in page
    assert "Karin S." in page
    assert "Sara L." not in page
    assert client.get(f"/beboere/{house['sara']}").status_code == 404
    assert client.get(f"/beboere/{house['karin']}").status_code == 200
