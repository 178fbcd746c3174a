"""The mastodon connector end to end: recorded timelines through MastodonSource.collect, failures
from a real server on 127.0.0.1, and runs into a real store."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from voxpop.ingest.runner import run_source
from voxpop.records import MentionDraft, Reject
from voxpop.sources import registry
from voxpop.sources.base import (
    AuthExpired,
    BadPayload,
    Batch,
    RateLimited,
    SourceGone,
    TransientFetchError,
)
from voxpop.sources.mastodon.source import MastodonSource
from voxpop.store import Store
from voxpop.store.mentions import count_mentions, get_raw, history, iter_mentions
from voxpop.store.sources import add_source, get_source, save_cursor

TAG = "/api/v1/timelines/tag/nordbrew"
FIRST = TAG + "?limit=40"
TOKEN = "s3cr3t-t0ken-do-not-show"


def load(fixture_bytes, name: str) -> Any:
    return json.loads(fixture_bytes("mastodon", name))


def run(src: MastodonSource, cursor: dict | None = None) -> tuple[list[MentionDraft], list[Reject], dict]:
    """Collect once: the mentions and rejects of all batches, and the last cursor (else the old one)."""
    batches: list[Batch] = list(src.collect(cursor or {}))
    mentions = [m for b in batches for m in b.mentions]
    rejects = [r for b in batches for r in b.rejects]
    last = next((b.cursor for b in reversed(batches) if b.cursor is not None), cursor)
    return mentions, rejects, last or {}


@pytest.fixture
def timeline(instance, make_source, fixture_bytes):
    """Serve fixture ``name`` as the first page of the configured timeline and collect it once."""

    def serve_and_collect(name: str, target: str = FIRST, **config: Any):
        instance.add(target, fixture_bytes("mastodon", name))
        return run(make_source(**({"hashtag": "nordbrew"} if not config else config)))

    return serve_and_collect


def query(target: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(target).query)


def statuses(template: dict[str, Any], first_id: int, count: int) -> list[dict[str, Any]]:
    """``count`` statuses made from ``template``, newest first, ids from ``first_id`` upwards."""
    made = []
    for n in range(count):
        status = copy.deepcopy(template)
        status["id"] = str(first_id + n * 65536)
        status["uri"] = f"https://mastodon.social/users/nordbrew/statuses/{status['id']}"
        status["url"] = f"https://mastodon.social/@nordbrew/{status['id']}"
        made.append(status)
    return made[::-1]


def link(**rels: str) -> dict[str, str]:
    return {"Link": ", ".join(f'<https://mastodon.social{url}>; rel="{rel}"' for rel, url in rels.items())}


# --- each recorded timeline, one line each ----------------------------------------------------


def test_hashtag_timeline_statuses_become_mentions(timeline, instance):
    mentions, rejects, cursor = timeline("timeline__hashtag.json")
    assert rejects == []
    review, recall, sour = mentions  # oldest first
    assert sour.external_id == "https://chaos.social/users/kaffekalle/statuses/112043320880000000"
    assert sour.url == "https://chaos.social/@kaffekalle/112043320880000000"
    assert sour.text == (
        "Har ni också märkt att @nordbrew havremjölk surnar före bäst-före-datum?\n"
        "Tredje kartongen i rad. #nordbrew #havremjölk"
    )
    assert (sour.author, sour.author_name, sour.author_followers) == ("kaffekalle@chaos.social", "Kaffe-Kalle ☕", 210)
    assert (sour.lang, sour.likes, sour.shares, sour.replies) == ("sv", 4, 1, 2)
    assert sour.hashtags == ("nordbrew", "havremjölk") and sour.handles == ("nordbrew@mastodon.social",)
    assert sour.published_at == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)
    assert (sour.channel, sour.title) == ("mastodon", None)
    # a local account gets the server's name; the long link reads whole, its spans joined
    assert recall.author == "nordbrew@mastodon.social"
    assert recall.text == (
        "We are recalling 40,000 cartons of barista oat milk. Details and refunds: "
        "https://nordbrew.example/news/recall-2024\n\n#nordbrew #recall"
    )
    assert recall.links == ("https://nordbrew.example/news/recall-2024",)  # text and card, once
    assert review.text.endswith("Anmeldelse: https://kaffeblog.example.dk/2024/03/nordbrew-barista-test")
    assert review.published_at == datetime(2024, 3, 5, 10, 3, 10, 502000, tzinfo=UTC)  # created, not edited
    assert json.loads(sour.raw)["id"] == "112043320934404242"
    assert cursor == {"feed": "https://mastodon.social tag:nordbrew", "newest_id": "112043320934404242"}
    assert instance.targets() == [FIRST]
    assert "authorization" not in instance.requests[0].headers


def test_empty_timeline_yields_nothing(timeline, instance):
    mentions, rejects, cursor = timeline("timeline__empty.json")
    assert (mentions, rejects, cursor) == ([], [], {})
    assert instance.targets() == [FIRST]


def test_boosts_are_collapsed_onto_the_original_and_stored_once(instance, make_source, fixture_bytes):
    instance.add("/api/v1/accounts/lookup?acct=nordbrew", fixture_bytes("mastodon", "account__lookup.json"))
    mentions, rejects, cursor = timeline_of_account(instance, make_source, fixture_bytes)
    assert rejects == []
    assert [m.external_id for m in mentions] == [
        "https://mastodon.social/users/nordbrew/statuses/112042917953540242",  # and its self-boost
        "https://mastodon.social/users/nordbrew/statuses/112043619719647378",
        "https://fosstodon.org/users/oatlover/statuses/112043447500000000",  # boosted by nordbrew
    ]
    boosted = mentions[2]
    assert boosted.author == "oatlover@fosstodon.org"
    assert boosted.text == "Shout-out to @nordbrew for the quick refund 👏"
    assert boosted.published_at == datetime(2024, 3, 5, 14, 2, 12, 333000, tzinfo=UTC)  # the original's time
    assert json.loads(boosted.raw)["id"] == "112043447571779730"  # the original status, not the boost
    assert cursor["newest_id"] == "112043714150404242"  # the boost's place in the timeline
    assert cursor["account_id"] == "109301936947204242"


def timeline_of_account(instance, make_source, fixture_bytes):
    instance.add("/api/v1/accounts/109301936947204242/statuses?limit=40",
                 fixture_bytes("mastodon", "timeline__with_boost_and_cw.json"))
    return run(make_source(account="nordbrew"))


def test_content_warning_is_kept_before_the_text(instance, make_source, fixture_bytes):
    instance.add("/api/v1/accounts/lookup?acct=nordbrew", fixture_bytes("mastodon", "account__lookup.json"))
    mentions, _, _ = timeline_of_account(instance, make_source, fixture_bytes)
    warned = next(m for m in mentions if m.external_id.endswith("112043619719647378"))
    assert warned.text == (
        "Food safety: recall update\n\n"
        "Batch numbers 2403-A to 2403-F are affected.\nDo not drink them; return them for a full refund."
    )


def test_followers_only_statuses_are_not_collected(instance, make_source, fixture_bytes):
    instance.add("/api/v1/accounts/lookup?acct=nordbrew", fixture_bytes("mastodon", "account__lookup.json"))
    mentions, rejects, _ = timeline_of_account(instance, make_source, fixture_bytes)
    assert not any("press statement" in m.text for m in mentions) and rejects == []


def test_malformed_statuses_are_rejected_and_the_rest_lands(timeline):
    mentions, rejects, cursor = timeline("timeline__malformed.json")
    assert [m.text for m in mentions] == ["Nordbrew oat milk is back in stock at the Coop on Nørrebrogade."]
    assert [(r.location, r.reason) for r in rejects] == [
        ("https://mastodon.social#112042023321604242", "favourites_count: Input should be greater than or equal to 0"),
        ("https://mastodon.social#entry-7", "id is missing"),
        ("https://mastodon.social#entry-6", "timeline entry is not a status object"),
        ("https://mastodon.social#112042101964804242", "account.acct is missing"),
        ("https://mastodon.social#112042141286404242",
         "created_at: 'yesterday' is not an ISO 8601, RFC 2822 or Unix date"),
        ("https://mastodon.social#112042180608004242", "created_at: Input should be a valid string"),
        ("https://mastodon.social#112042219929604242", "content is missing"),
    ]
    assert rejects[3].excerpt == "Nordbrew who?"
    assert cursor["newest_id"] == "112042239590404242"  # past the rejected ones: they are not re-read


def test_page2_is_read_after_the_first(timeline, instance, make_source, fixture_bytes):
    _, _, cursor = timeline("timeline__hashtag.json")
    instance.add(TAG + "?limit=40&min_id=112043320934404242", fixture_bytes("mastodon", "timeline__page2.json"))
    mentions, _, _ = run(make_source(hashtag="nordbrew"), cursor)
    assert [m.text for m in mentions] == [
        "Fresh batches are on their way to the shops. #nordbrew",
        "Update: @nordbrew replaced all three cartons. Good service. #nordbrew",
    ]


# --- the cursor and pagination ----------------------------------------------------------------


def test_cursor_moves_and_the_next_poll_asks_only_for_newer_statuses(instance, make_source, fixture_bytes):
    instance.add(FIRST, fixture_bytes("mastodon", "timeline__hashtag.json"))
    src = make_source(hashtag="#nordbrew")
    _, _, cursor = run(src)
    assert cursor["newest_id"] == "112043320934404242"

    instance.add(TAG + "?limit=40&min_id=112043320934404242", fixture_bytes("mastodon", "timeline__page2.json"))
    mentions, _, cursor = run(src, cursor)
    assert len(mentions) == 2 and cursor["newest_id"] == "112043991400452242"
    assert query(instance.targets()[1]) == {"limit": ["40"], "min_id": ["112043320934404242"]}

    instance.add(TAG + "?limit=40&min_id=112043991400452242", b"[]")
    mentions, _, same = run(src, cursor)
    assert mentions == [] and same == cursor
    assert query(instance.targets()[2]) == {"limit": ["40"], "min_id": ["112043991400452242"]}


def test_newer_pages_are_followed_by_prev_link_up_to_max_pages(instance, make_source, fixture_bytes):
    template = load(fixture_bytes, "timeline__page2.json")[1]
    start = 112043910758404242
    pages = [statuses(template, start + k * 40 * 65536, 40) for k in range(3)]
    cursors = [pages[0][-1]["id"], *(page[0]["id"] for page in pages)]  # min_id asked for each page
    for k, page in enumerate(pages):
        newer = TAG + f"?limit=40&min_id={cursors[k + 1]}"
        instance.add(TAG + f"?limit=40&min_id={cursors[k]}", page, headers=link(prev=newer))
    instance.add(TAG + f"?limit=40&min_id={cursors[3]}", b"[]")
    src = make_source(hashtag="nordbrew", max_pages=2)
    batches = list(src.collect({"feed": "https://mastodon.social tag:nordbrew", "newest_id": cursors[0]}))
    assert len(instance.requests) == 2
    assert [len(b.mentions) for b in batches] == [40, 40]
    assert [b.cursor["newest_id"] for b in batches] == [cursors[1], cursors[2]]  # each page's newest
    assert [m.external_id for m in batches[0].mentions] == [s["uri"] for s in reversed(pages[0])]  # oldest first
    # what max_pages left is read by the next poll, from where the last batch ended
    batches = list(src.collect(batches[-1].cursor))
    assert [len(b.mentions) for b in batches] == [40]
    assert [query(t)["min_id"] for t in instance.targets()[2:]] == [[cursors[2]], [cursors[3]]]


def test_first_poll_reads_older_pages_by_next_link_and_yields_them_oldest_first(instance, make_source, fixture_bytes):
    template = load(fixture_bytes, "timeline__page2.json")[1]
    latest = statuses(template, 112043910758404242, 40)
    older = load(fixture_bytes, "timeline__hashtag.json")
    instance.add(FIRST, latest, headers=link(next=TAG + f"?limit=40&max_id={latest[-1]['id']}",
                                             prev=TAG + f"?limit=40&min_id={latest[0]['id']}"))
    instance.add(TAG + f"?limit=40&max_id={latest[-1]['id']}", older)
    batches = list(make_source(hashtag="nordbrew").collect({}))
    assert [len(b.mentions) for b in batches] == [3, 40]
    assert [b.cursor["newest_id"] for b in batches] == ["112043320934404242", latest[0]["id"]]


def test_first_poll_keeps_the_latest_page_when_an_older_one_fails(instance, make_source, fixture_bytes):
    template = load(fixture_bytes, "timeline__page2.json")[1]
    latest = statuses(template, 112043910758404242, 40)
    older = TAG + f"?limit=40&max_id={latest[-1]['id']}"
    instance.add(FIRST, latest, headers=link(next=older))
    instance.add(older, fixture_bytes("mastodon", "error__rate_limited.json"), status=429)
    collected = make_source(hashtag="nordbrew").collect({})
    first = next(collected)
    assert len(first.mentions) == 40 and first.cursor["newest_id"] == latest[0]["id"]
    with pytest.raises(RateLimited):
        next(collected)


def test_first_poll_stops_at_max_pages(instance, make_source, fixture_bytes):
    template = load(fixture_bytes, "timeline__page2.json")[1]
    latest = statuses(template, 112043910758404242, 40)
    instance.add(FIRST, latest, headers=link(next=TAG + f"?limit=40&max_id={latest[-1]['id']}"))
    mentions, _, _ = run(make_source(hashtag="nordbrew", max_pages=1))
    assert len(mentions) == 40 and instance.targets() == [FIRST]


def test_links_to_another_server_are_not_followed(instance, make_source, fixture_bytes):
    template = load(fixture_bytes, "timeline__page2.json")[1]
    page = statuses(template, 112043910758404242, 40)
    instance.add(FIRST, page, headers={"Link": f'<https://evil.example{TAG}?max_id=1>; rel="next"'})
    mentions, _, _ = run(make_source(hashtag="nordbrew", token=TOKEN))
    assert len(mentions) == 40 and instance.targets() == [FIRST]


def test_local_timeline_asks_for_local_statuses(timeline, instance):
    mentions, _, _ = timeline("timeline__hashtag.json", target="/api/v1/timelines/public?limit=40&local=true",
                              timeline="local")
    assert len(mentions) == 3 and instance.targets() == ["/api/v1/timelines/public?limit=40&local=true"]


def test_public_timeline_asks_for_all_statuses(timeline, instance):
    mentions, _, cursor = timeline("timeline__hashtag.json", target="/api/v1/timelines/public?limit=40",
                                   timeline="public")
    assert len(mentions) == 3 and cursor["feed"] == "https://mastodon.social timeline:public"


def test_account_is_looked_up_once_and_its_id_kept(instance, make_source, fixture_bytes):
    instance.add("/api/v1/accounts/lookup?acct=nordbrew", fixture_bytes("mastodon", "account__lookup.json"))
    _, _, cursor = timeline_of_account(instance, make_source, fixture_bytes)
    instance.add("/api/v1/accounts/109301936947204242/statuses?limit=40&min_id=112043714150404242", [])
    run(make_source(account="@nordbrew"), cursor)
    assert instance.targets() == [
        "/api/v1/accounts/lookup?acct=nordbrew",
        "/api/v1/accounts/109301936947204242/statuses?limit=40",
        "/api/v1/accounts/109301936947204242/statuses?limit=40&min_id=112043714150404242",
    ]


def test_unknown_account_is_gone_with_a_hint(instance, make_source):
    with pytest.raises(SourceGone, match="does not know the account nobody@nowhere.example"):
        run(make_source(account="nobody@nowhere.example"))


def test_cursor_of_another_feed_is_not_reused(instance, make_source):
    old = {"feed": "https://mastodon.social tag:oatmilk", "newest_id": "112043991400452242"}
    instance.add(FIRST, b"[]")
    run(make_source(hashtag="nordbrew"), old)
    assert instance.targets() == [FIRST]  # no min_id from the other hashtag


@pytest.mark.parametrize("body", [b'{"error": "Record not found"}', b"<html><body>Maintenance</body></html>", b""])
def test_answer_that_is_not_a_list_of_statuses_is_bad_payload(instance, make_source, body):
    instance.add(FIRST, body)
    with pytest.raises(BadPayload, match="not a list of statuses|did not answer with JSON"):
        run(make_source(hashtag="nordbrew"))


# --- failures, over real HTTP ----------------------------------------------------------------


@pytest.fixture
def live(server, fetch_settings):
    """A MastodonSource for ``server`` (a real HTTP server on 127.0.0.1)."""

    def make(**config: Any) -> MastodonSource:
        return MastodonSource(source_id=1, name="live", config={"instance": server.base_url, **config},
                              settings=fetch_settings)

    return make


def test_rate_limited_waits_until_the_reset_mastodon_names(server, live, fixture_bytes):
    reset = (datetime.now(UTC) + timedelta(seconds=120)).isoformat(timespec="microseconds").replace("+00:00", "Z")
    server.add(TAG, status=429, body=fixture_bytes("mastodon", "error__rate_limited.json"),
               content_type="application/json",
               headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset})
    with pytest.raises(RateLimited) as caught:
        run(live(hashtag="nordbrew", token=TOKEN))
    assert 100 < caught.value.retry_after <= 120
    assert "resets in" in str(caught.value) and TOKEN not in str(caught.value)


def test_rate_limited_with_retry_after_keeps_it(server, live):
    server.add(TAG, status=429, headers={"Retry-After": "30"})
    with pytest.raises(RateLimited) as caught:
        run(live(hashtag="nordbrew"))
    assert caught.value.retry_after == 30


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (401, AuthExpired, "access token was refused"),
        (403, AuthExpired, "access token was refused"),
        (404, SourceGone, "not there any more"),
        (410, SourceGone, "not there any more"),
        (500, TransientFetchError, "HTTP 500"),
        (503, TransientFetchError, "HTTP 503"),
    ],
)
def test_http_failures_raise_the_failure_mode_without_the_token(server, live, fixture_bytes, status, error, words):
    body = fixture_bytes("mastodon", "error__unauthorized.json" if status in (401, 403) else "error__not_found.json")
    server.add(TAG, status=status, body=body, content_type="application/json")
    with pytest.raises(error, match=words) as caught:
        run(live(hashtag="nordbrew", token=TOKEN))
    assert TOKEN not in str(caught.value) and TOKEN not in repr(caught.value)


def test_401_without_a_token_says_to_create_one(server, live, fixture_bytes):
    server.add("/api/v1/timelines/public", status=401, body=fixture_bytes("mastodon", "error__unauthorized.json"))
    with pytest.raises(AuthExpired, match="create an access token with the read:statuses and read:accounts scopes"):
        run(live(timeline="public"))


def test_token_is_sent_as_bearer_to_the_instance_only(server, live, fixture_bytes):
    server.add(TAG, body=fixture_bytes("mastodon", "timeline__hashtag.json"), content_type="application/json")
    mentions, _, _ = run(live(hashtag="nordbrew", token=TOKEN))
    assert len(mentions) == 3
    assert server.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    # a redirect to another origin (localhost is not 127.0.0.1 by name) is followed without it
    server.redirect(TAG, f"http://localhost:{server.port}/elsewhere")
    server.add("/elsewhere", body=b"[]", content_type="application/json")
    run(live(hashtag="nordbrew", token=TOKEN))
    assert [r.path for r in server.requests[1:]] == [FIRST, "/elsewhere"]
    assert server.requests[1].headers["authorization"] == f"Bearer {TOKEN}"
    assert "authorization" not in server.requests[2].headers


def test_token_is_never_shown_by_the_source_or_its_config(live):
    src = live(hashtag="nordbrew", token=TOKEN)
    assert TOKEN not in repr(src.config) and TOKEN not in str(src.config)
    assert MastodonSource.validate_config({"instance": "https://mastodon.social", "hashtag": "x",
                                           "token": TOKEN})["token"] == TOKEN  # kept, to be stored


# --- into the store ---------------------------------------------------------------------------


@pytest.fixture
def registered(monkeypatch):
    """The mastodon kind in the registry (a no-op once voxpop/sources/registry.py lists it)."""
    monkeypatch.setitem(registry.DEFAULT_SOURCES, "mastodon", "voxpop.sources.mastodon.source:MastodonSource")
    registry.available.cache_clear()
    yield
    registry.available.cache_clear()


def test_runs_into_the_store_and_a_second_run_adds_nothing(store: Store, server, fixture_bytes, registered):
    server.add(FIRST, body=fixture_bytes("mastodon", "timeline__hashtag.json"), content_type="application/json")
    server.add(TAG + "?limit=40&min_id=112043320934404242", body=b"[]", content_type="application/json")
    config = {"instance": server.base_url, "hashtag": "nordbrew", "token": TOKEN}
    with store.write() as conn:
        row = add_source(conn, name="nordbrew-tag", kind="mastodon", config=MastodonSource.validate_config(config))
    first = run_source(store, row)
    assert (first.counts.inserted, first.rejected, first.error, first.state) == (3, 0, None, "ok")
    second = run_source(store, row)
    assert (second.counts.inserted, second.counts.updated, second.error) == (0, 0, None)
    assert server.requests[-1].path == TAG + "?limit=40&min_id=112043320934404242"
    with store.read() as conn:
        assert count_mentions(conn) == 3
        stored = {m.external_id: m for m in iter_mentions(conn)}
        sour = stored["https://chaos.social/users/kaffekalle/statuses/112043320880000000"]
        assert sour.author == "kaffekalle@chaos.social" and sour.channel == "mastodon"
        assert json.loads(get_raw(conn, mention_id=sour.id))["content"].startswith("<p>Har ni")
        assert get_source(conn, source_id=row.id).cursor["newest_id"] == "112043320934404242"
        assert TOKEN not in json.dumps(get_source(conn, source_id=row.id).public())


def test_an_edit_seen_again_is_a_new_version(store: Store, server, fixture_bytes, registered):
    statuses_ = load(fixture_bytes, "timeline__hashtag.json")
    server.add(FIRST, body=json.dumps(statuses_).encode(), content_type="application/json")
    with store.write() as conn:
        row = add_source(conn, name="tag", kind="mastodon", config={"instance": server.base_url, "hashtag": "nordbrew"})
    run_source(store, row)
    statuses_[0]["content"] = "<p>Nordbrew replaced the cartons. Thanks!</p>"
    statuses_[0]["edited_at"] = "2024-03-05T13:45:00.000Z"
    with store.write() as conn:  # read from the start again, as a new source would
        save_cursor(conn, source_id=row.id, cursor={}, collected=0)
    server.add(FIRST, body=json.dumps(statuses_).encode(), content_type="application/json")
    report = run_source(store, row)
    assert report.counts.updated >= 1
    with store.read() as conn:
        sour = next(m for m in iter_mentions(conn) if m.external_id.endswith("112043320880000000"))
        assert sour.text == "Nordbrew replaced the cartons. Thanks!" and sour.version == 2
        assert history(conn, mention_id=sour.id)[0]["text"].startswith("Har ni också")


@pytest.mark.skipif("mastodon" not in registry.DEFAULT_SOURCES, reason="registry line not added yet")
def test_registry_loads_the_mastodon_source():
    assert registry.load("mastodon") is MastodonSource
