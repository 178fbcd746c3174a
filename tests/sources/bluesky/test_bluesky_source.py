"""The bluesky connector end to end: recorded XRPC answers through BlueskySource.collect (author
feeds and search with a login), its failures, and runs into a real store."""

from __future__ import annotations

import json
import time
from pathlib import Path
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
    SourceConfigError,
    SourceGone,
    TransientFetchError,
)
from voxpop.sources.bluesky.source import BlueskySource
from voxpop.store.mentions import count_mentions, iter_mentions
from voxpop.store.sources import add_source, get_source, mask_secrets

FIXTURES = Path(__file__).resolve().parents[3] / "voxpop" / "sources" / "bluesky" / "fixtures"
SERVICE = "https://bsky.social"
FEED = "app.bsky.feed.getAuthorFeed"
SEARCH = "app.bsky.feed.searchPosts"
LOGIN = "com.atproto.server.createSession"
REFRESH = "com.atproto.server.refreshSession"
PASSWORD = "abcd-efgh-ijkl-mnop"
SEARCH_CONFIG = {"terms": ["nordbrew"], "handle": "nordbrew-listener.bsky.social", "app_password": PASSWORD}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def make(bluesky: Any, settings, **config: Any) -> BlueskySource:
    return BlueskySource(source_id=1, name="bluesky", config=config or {"actor": "nordbrew.bsky.social"},
                         settings=settings, client=bluesky.client)


def run(src: BlueskySource, cursor: dict | None = None) -> tuple[list[MentionDraft], list[Reject], dict]:
    batches: list[Batch] = list(src.collect(cursor or {}))
    mentions = [m for b in batches for m in b.mentions]
    rejects = [r for b in batches for r in b.rejects]
    last = next((b.cursor for b in reversed(batches) if b.cursor is not None), cursor)
    return mentions, rejects, last or {}


def params(request) -> dict[str, list[str]]:
    return parse_qs(urlsplit(str(request.url)).query)


def test_an_author_feed_becomes_mentions_oldest_first_with_reposts_collapsed(bluesky, bluesky_settings) -> None:
    bluesky.add(FEED, fixture("feed__author.json"))
    bluesky.add(FEED, fixture("feed__page2.json"), cursor="2025-03-03T08:00:02.000Z")
    mentions, rejects, cursor = run(make(bluesky, bluesky_settings))
    assert rejects == []
    assert [m.text[:20] for m in mentions] == ["Weekend roast: Kenya", "A bag of Nordbrew Et", "Min beställning från",
                                               "Vores nye kaffe er u"]
    first = mentions[-1]
    assert first.external_id == "at://did:plc:nordbrew7x2k4q3vumzyd5ta/app.bsky.feed.post/3l3qo2vutsw2b"
    assert first.url == "https://bsky.app/profile/nordbrew.bsky.social/post/3l3qo2vutsw2b"
    assert (first.author, first.author_name, first.lang) == ("nordbrew.bsky.social", "Nordbrew ☕", "da")
    assert (first.likes, first.shares, first.replies) == (31, 5, 2)
    # the shortened link shows in full; tags and mentions from the facets
    assert "https://nordbrew.example/blog/ny-kaffe-fra-etiopien" in first.text
    assert first.links == ("https://nordbrew.example/blog/ny-kaffe-fra-etiopien",)
    assert first.hashtags == ("nordbrew",) and first.handles == ("erik.bsky.social",)
    repost = mentions[2]  # the original post, by its own author, with its own counts
    assert (repost.author, repost.likes, repost.lang) == ("erik.bsky.social", 4, "sv")
    assert repost.links == ("https://nordbrew.example/shop",)
    assert json.loads(repost.raw)["uri"] == repost.external_id
    assert cursor == {"feed": "actor:nordbrew.bsky.social", "newest": "2025-03-04T09:30:01.123000+00:00"}
    assert [params(r)["actor"] for r in bluesky.requests] == [["nordbrew.bsky.social"]] * 2


def test_a_rerun_reads_only_until_the_stored_time(bluesky, bluesky_settings) -> None:
    bluesky.add(FEED, fixture("feed__author.json"))
    bluesky.add(FEED, fixture("feed__page2.json"), cursor="2025-03-03T08:00:02.000Z")
    src = make(bluesky, bluesky_settings, actor="nordbrew.bsky.social", lookback_s=0)
    mentions, _, cursor = run(src, {"feed": "actor:nordbrew.bsky.social", "newest": "2025-03-04T07:15:00+00:00"})
    assert [m.author for m in mentions] == ["erik.bsky.social", "nordbrew.bsky.social"]  # the repost's time is kept
    assert len(bluesky.calls(FEED)) == 1  # the first page reached the stored time: no second page
    assert cursor["newest"] == "2025-03-04T09:30:01.123000+00:00"


def test_an_empty_feed_yields_nothing(bluesky, bluesky_settings) -> None:
    bluesky.add(FEED, fixture("feed__empty.json"))
    assert run(make(bluesky, bluesky_settings)) == ([], [], {})


def test_malformed_posts_are_rejected_field_by_field(bluesky, bluesky_settings) -> None:
    bluesky.add(FEED, fixture("feed__malformed.json"))
    mentions, rejects, _ = run(make(bluesky, bluesky_settings))
    assert [m.text for m in mentions] == ["Weekend roast: Kenya AA is back in stock."]
    reasons = sorted(r.reason for r in rejects)
    assert len(rejects) == 6
    assert any("createdAt" in r for r in reasons)
    assert any("text is missing" in r for r in reasons)
    assert any("author.handle is missing" in r for r in reasons)
    assert any("not a post object" in r for r in reasons)
    assert any("likeCount" in r for r in reasons)
    assert any("absurd" in r for r in reasons)


def test_not_json_is_a_bad_payload(bluesky, bluesky_settings) -> None:
    bluesky.add(FEED, b"<html>maintenance</html>")
    with pytest.raises(BadPayload):
        run(make(bluesky, bluesky_settings))


def test_rate_limited_says_when_it_resets(bluesky, bluesky_settings) -> None:
    reset = str(int(time.time()) + 120)
    bluesky.add(FEED, fixture("error__rate_limited.json"), status=429,
                headers={"ratelimit-limit": "3000", "ratelimit-remaining": "0", "ratelimit-reset": reset})
    with pytest.raises(RateLimited) as caught:
        run(make(bluesky, bluesky_settings))
    assert 100 < (caught.value.retry_after or 0) <= 120
    assert "3000 requests" in str(caught.value)


def test_an_unknown_actor_is_gone_and_a_server_error_is_transient(bluesky, bluesky_settings, recorded) -> None:
    bluesky.add(FEED, fixture("error__actor_not_found.json"), status=400)
    with pytest.raises(SourceGone, match="does not know the account nordbrew.bsky.social"):
        run(make(bluesky, bluesky_settings))
    other = recorded()
    other.add(FEED, fixture("error__internal.json"), status=502)
    with pytest.raises(TransientFetchError):
        run(make(other, bluesky_settings))


def test_search_logs_in_pages_and_keeps_a_time_per_term(bluesky, bluesky_settings) -> None:
    bluesky.add(LOGIN, fixture("session__create.json"))
    bluesky.add(SEARCH, fixture("search__posts.json"))
    bluesky.add(SEARCH, fixture("search__page2.json"), cursor="1")
    mentions, rejects, cursor = run(make(bluesky, bluesky_settings, **SEARCH_CONFIG))
    assert rejects == []
    assert [m.author for m in mentions] == ["erik.bsky.social", "nordbrew.bsky.social", "anna.hansen.dk"]
    assert cursor == {"feed": "search", "terms": {"nordbrew": "2025-03-05T11:02:01+00:00"}}
    login = bluesky.calls(LOGIN)[0]
    assert json.loads(login.content) == {"identifier": "nordbrew-listener.bsky.social", "password": PASSWORD}
    searches = bluesky.calls(SEARCH)
    assert all(r.headers["authorization"] == "Bearer eyJhbGciOiJIUzI1NiJ9.access-one.sig" for r in searches)
    assert params(searches[0])["q"] == ["nordbrew"] and params(searches[0])["sort"] == ["latest"]
    # the next poll asks only for posts since the stored time (less the lookback), without logging in again
    other = make(bluesky, bluesky_settings, **SEARCH_CONFIG)
    bluesky.add(SEARCH, fixture("search__empty.json"))
    run(other, cursor)
    assert params(bluesky.calls(SEARCH)[-1])["since"] == ["2025-03-05T10:57:01Z"]
    assert len(bluesky.calls(LOGIN)) == 1


def test_an_expired_token_is_refreshed_once(bluesky, bluesky_settings) -> None:
    bluesky.add(LOGIN, fixture("session__create.json"))
    bluesky.add(REFRESH, fixture("session__refresh.json"))
    bluesky.add(SEARCH, fixture("error__expired_token.json"), status=400)
    bluesky.add(SEARCH, fixture("search__page2.json"))
    mentions, _, _ = run(make(bluesky, bluesky_settings, **SEARCH_CONFIG))
    assert len(mentions) == 1
    assert bluesky.calls(REFRESH)[0].headers["authorization"] == "Bearer eyJhbGciOiJIUzI1NiJ9.refresh-one.sig"
    assert bluesky.calls(SEARCH)[-1].headers["authorization"] == "Bearer eyJhbGciOiJIUzI1NiJ9.access-two.sig"


def test_a_wrong_app_password_needs_a_person_and_is_never_shown(bluesky, bluesky_settings) -> None:
    bluesky.add(LOGIN, fixture("error__auth_failed.json"), status=401)
    with pytest.raises(AuthExpired) as caught:
        run(make(bluesky, bluesky_settings, **SEARCH_CONFIG))
    assert "app password" in str(caught.value) and PASSWORD not in str(caught.value)
    assert PASSWORD not in repr(BlueskySource.validate_config(SEARCH_CONFIG) and make(bluesky, bluesky_settings,
                                                                                      **SEARCH_CONFIG).config)


def test_config_is_checked_and_the_password_masked() -> None:
    cls = registry.load("bluesky")
    assert cls is BlueskySource
    with pytest.raises(SourceConfigError, match="exactly one of actor"):
        cls.validate_config({})
    with pytest.raises(SourceConfigError, match="needs a login"):
        cls.validate_config({"terms": "nordbrew"})
    with pytest.raises(SourceConfigError, match="not a Bluesky handle"):
        cls.validate_config({"actor": "not a handle"})
    with pytest.raises(SourceConfigError, match="https"):
        cls.validate_config({"actor": "a.bsky.social", "appview": "http://example.com"})
    config = cls.validate_config(SEARCH_CONFIG)
    assert config["app_password"] == PASSWORD  # stored with the source …
    assert mask_secrets(config)["app_password"] == "***"  # … and masked when shown


def test_a_run_stores_the_feed_and_a_rerun_adds_nothing(store, bluesky, bluesky_settings, monkeypatch) -> None:
    bluesky.add(FEED, fixture("feed__author.json"))
    bluesky.add(FEED, fixture("feed__page2.json"), cursor="2025-03-03T08:00:02.000Z")
    with store.write() as conn:
        row = add_source(conn, name="nordbrew-bsky", kind="bluesky",
                         config=BlueskySource.validate_config({"actor": "nordbrew.bsky.social"}))
    original = BlueskySource.__init__

    def with_client(self, **kwargs):
        original(self, **{**kwargs, "settings": bluesky_settings, "client": bluesky.client})

    monkeypatch.setattr(BlueskySource, "__init__", with_client)
    report = run_source(store, row)
    assert report.error is None and report.counts.inserted == 4
    with store.read() as conn:
        cursor = get_source(conn, source_id=row.id).cursor
        stored = {m.external_id: m for m in iter_mentions(conn)}
    assert cursor["newest"] == "2025-03-04T09:30:01.123000+00:00"
    assert stored["at://did:plc:erikssonq6l3wgnq5mvt3dzc/app.bsky.feed.post/3l3pte3p2e325"].channel == "bluesky"
    with store.read() as conn:
        row = get_source(conn, source_id=row.id)
    again = run_source(store, row)
    assert again.counts.inserted == 0
    with store.read() as conn:
        assert count_mentions(conn) == 4


def test_the_login_host_is_the_configured_service(bluesky, bluesky_settings) -> None:
    bluesky.add(LOGIN, fixture("session__create.json"))
    bluesky.add(SEARCH, fixture("search__empty.json"))
    run(make(bluesky, bluesky_settings, **SEARCH_CONFIG))
    assert all(str(r.url).startswith(SERVICE) for r in bluesky.requests)
