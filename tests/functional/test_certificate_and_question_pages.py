"""The certificate, the public check of its code and the question form, read and posted as a browser does,
through the same services as the JSON API."""

from typing import Any
from urllib.parse import urlencode

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.held_events import held_event

HOST = "localhost:8000"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FORM = "application/x-www-form-urlencoded"


def page(client: Any, path: str, language: str = "en") -> Any:
    return client.http.get(path, headers={"Accept": BROWSER, "Accept-Language": language, "Host": HOST})


def certified(client: Any, stack: Any) -> tuple[Any, str]:
    held = held_event(names=("Ana",))
    for session in ("day-1", "day-2", "day-3"):
        marks = {"how": "roster", "codes": [held.codes["Ana"]]}
        response = post_json(
            client, f"/events/{held.id}/sessions/{session}/attendance", marks, signed_in(stack, "staff")
        )
        assert response.status_code == 200, response.body
    roster = body_of(client.http.get(f"/events/{held.id}/attendance", headers=signed_in(stack, "staff")))
    return held, roster["rows"][0]["certificate_code"]


def test_the_certificate_prints_the_name_event_dates_credits_and_code_and_the_check_says_valid(client, stack):
    held, code = certified(client, stack)

    shown = page(client, f"/certificates/{code}").body.decode()
    checked = page(client, f"/certificates/verify?code={code.lower()}").body.decode()
    in_spanish = page(client, f"/certificates/verify?code={code}", "es").body.decode()
    unknown = page(client, "/certificates/verify?code=AAAA-BBBB-CCCC").body.decode()

    for html in (shown, checked):
        assert "Ana Participant" in html and "School Improvement Virtual Convening" in html
        assert "1.3 CEU" in html and "10 SEMI" in html and code in html
        assert "January 25, 2027" in html and "January 27, 2027" in html
        assert "ana@school.example" not in html and held.codes["Ana"] not in html
    assert "<title>Certificate of completion" in shown
    assert "Valid: this certificate was issued by" in checked
    assert "Válido: este certificado fue emitido por" in in_spanish and "25 de enero de 2027" in in_spanish
    assert "Not valid: no certificate has this code" in unknown and "Ana" not in unknown
    assert page(client, "/certificates/AAAA-BBBB-CCCC").status_code == 404


def test_a_question_sent_from_the_form_reaches_the_queue_and_an_empty_one_says_what_to_fix(client, stack):
    held = held_event()
    path = f"/events/{held.id}/ask"
    headers = {"Content-Type": FORM, "Accept": BROWSER, "Host": HOST}

    form = page(client, path)
    empty = client.http.post(
        path, headers=headers, body=urlencode({"name": "", "email": "x", "question": ""})
    )
    sent = client.http.post(
        path,
        headers=headers,
        body=urlencode({"name": "Pat", "email": "pat@school.example", "question": "Recorded?"}),
    )
    confirmed = page(client, sent.headers["Location"].removeprefix(f"http://{HOST}"))
    waiting = body_of(client.http.get("/queues/questions", headers=signed_in(stack, "staff")))

    assert form.status_code == 200 and "Ask a question about School Improvement" in form.body.decode()
    assert empty.status_code == 422
    shown = empty.body.decode()
    assert "<title>Error:" in shown
    assert 'href="#name">Enter your name' in shown and 'href="#question">Enter your question' in shown
    assert sent.status_code == 303
    assert "Your question was sent" in confirmed.body.decode()
    assert [item["body"] for item in waiting["items"]] == ["Recorded?"]
    assert "Haga una pregunta" in page(client, path, "es").body.decode()
    assert page(client, f"/events/{held_event(status='draft').id}/ask").status_code == 404


def test_the_event_page_lists_its_recordings_and_links_to_the_question_form(client, stack):
    held = held_event()
    recording = {"title": "Day two: coaching", "url": "https://video.example.org/day-2"}
    posted = post_json(
        client, f"/events/{held.id}/sessions/day-2/recordings", recording, signed_in(stack, "staff")
    )

    html = page(client, f"/events/{held.id}").body.decode()

    assert posted.status_code == 201
    assert '<a href="https://video.example.org/day-2">Day two: coaching</a>' in html
    assert "Session 2" in html
    assert f'href="/events/{held.id}/ask"' in html
