"""Sentiment corrections and spam marking from the mentions explorer and the API, on SQLite and
PostgreSQL: editors only, CSRF on the forms, the mention changes at once, the marking is kept for
the steps to learn from, and spam leaves the dashboard's counts unless asked for."""

from __future__ import annotations

import re

from web_helpers import Web, draft, seed_mentions

from voxpop.store.corrections import list_corrections, list_spam_markings
from voxpop.store.dashboard import count_by_column, daily_volume


def _seed(web: Web) -> list[int]:
    from voxpop.match.stage import backfill_query
    from voxpop.store.queries import add_query

    seed_mentions(web.store, [draft(1, "Acme kettles are lovely", hours_ago=2),
                              draft(2, "acme kettle deal, click here to win", hours_ago=3),
                              draft(3, "acme support answered fast", hours_ago=4)])
    with web.store.write() as conn:
        query = add_query(conn, name="acme", text="acme")
    backfill_query(web.store, query)
    with web.store.read() as conn:
        return [int(r[0]) for r in conn.exec_driver_sql("SELECT id FROM mentions ORDER BY id")]


def test_an_editor_corrects_a_sentiment_through_the_api_and_a_viewer_cannot(web: Web) -> None:
    ids = _seed(web)
    web.add_user("eddie", "editor")
    web.add_user("vera", "viewer")
    editor, viewer = web.token_client("eddie"), web.token_client("vera")
    refused = viewer.post(f"/api/v1/mentions/{ids[0]}/sentiment", json={"label": "negative"})
    assert refused.status_code == 403
    done = editor.post(f"/api/v1/mentions/{ids[0]}/sentiment", json={"label": "negative"})
    assert done.status_code == 200, done.text
    assert done.json()["sentiment"] == "negative"
    assert editor.get(f"/api/v1/mentions/{ids[0]}").json()["sentiment"] == "negative"
    with web.store.read() as conn:
        kept = list_corrections(conn)
    assert [(c.mention_id, c.label, c.corrected_by) for c in kept] == [(ids[0], "negative", "eddie")]
    assert editor.post(f"/api/v1/mentions/{ids[0]}/sentiment", json={"label": "angry"}).status_code == 422
    missing = editor.post("/api/v1/mentions/999999/sentiment", json={"label": "positive"})
    assert missing.status_code == 404 and "error" in missing.json()


def test_marking_spam_is_kept_and_leaves_the_dashboard_counts(web: Web) -> None:
    ids = _seed(web)
    web.add_user("eddie", "editor")
    editor = web.token_client("eddie")

    def counted(include_spam: bool = False) -> int:
        with web.store.read() as conn:
            by_lang = count_by_column(conn, "lang", include_spam=include_spam)
            volume = daily_volume(conn, query_ids=[1], include_spam=include_spam)
        assert sum(n for _, n in by_lang) == sum(volume[1].values())
        return sum(n for _, n in by_lang)

    before = counted()
    marked = editor.post(f"/api/v1/mentions/{ids[1]}/spam", json={"spam": True})
    assert marked.status_code == 200 and marked.json()["spam"] is True
    assert counted() == before - 1
    assert counted(include_spam=True) == before
    with web.store.read() as conn:
        markings = list_spam_markings(conn)
    assert [(m.mention_id, m.is_spam, m.marked_by, m.author) for m in markings] == [(ids[1], True, "eddie", "writer2")]
    unmarked = editor.post(f"/api/v1/mentions/{ids[1]}/spam", json={"spam": False})
    assert unmarked.json()["spam"] is False and counted() == before
    with web.store.read() as conn:
        assert [m.is_spam for m in list_spam_markings(conn)] == [False]  # the latest marking replaces the first


def test_the_explorer_forms_correct_and_mark_with_the_csrf_token(web: Web) -> None:
    ids = _seed(web)
    web.add_user("eddie", "editor")
    client, csrf = web.session_client("eddie")
    page = client.get("/mentions", params={"q": "acme"}).text
    assert f'action="/mentions/{ids[0]}/sentiment"' in page and "Mark as spam" in page
    forged = client.post(f"/mentions/{ids[0]}/sentiment", data={"label": "negative"}, follow_redirects=False)
    assert forged.status_code == 403
    done = client.post(f"/mentions/{ids[0]}/sentiment", follow_redirects=False,
                       data={"label": "negative", "csrf_token": csrf, "next": "/mentions?q=acme"})
    assert done.status_code == 303 and done.headers["location"] == "/mentions?q=acme"
    away = client.post(f"/mentions/{ids[0]}/spam", follow_redirects=False,
                       data={"spam": "true", "csrf_token": csrf, "next": "https://evil.example/"})
    assert away.status_code == 303 and away.headers["location"] == "/"  # never an open redirect
    page = client.get("/mentions", params={"q": "acme"}).text
    article = re.search(rf'action="/mentions/{ids[0]}/sentiment".*?</article>', page, re.S)
    assert article is not None and "Not spam" in article.group(0)
    assert '<span class="sentiment sentiment-negative">negative</span>' in page


def test_a_viewer_sees_labels_but_no_correction_forms(web: Web) -> None:
    _seed(web)
    web.add_user("vera", "viewer")
    client, csrf = web.session_client("vera")
    page = client.get("/mentions").text
    assert 'class="sentiment' in page and "Mark as spam" not in page
    refused = client.post("/mentions/1/spam", data={"spam": "true", "csrf_token": csrf}, follow_redirects=False)
    assert refused.status_code == 403
