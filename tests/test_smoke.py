def test_home_and_quiz_list(client):
    assert client.get("/").status_code == 200
    assert "Everything" in client.get("/quizzes").text
