"""Bluesky search with ``terms: from_queries``: the searches come from the saved queries in a real store,
only posts a query could match are stored, and a new query's backfill goes through searchPosts with
``since`` and leaves the source's cursor alone (recorded XRPC answers through httpx.MockTransport)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from voxpop.sources.backfill import backfill_sources, search_backfill
from voxpop.sources.base import SourceConfigError
from voxpop.sources.bluesky.source import BlueskySource
from voxpop.store import Store
from voxpop.store.mentions import iter_mentions
from voxpop.store.queries import add_query, update_query
from voxpop.store.sources import SourceRow, add_source, get_source, save_cursor

FIXTURES = Path(__file__).resolve().parents[3] / "voxpop" / "sources" / "bluesky" / "fixtures"

SEARCH = "app.bsky.feed.searchPosts"
LOGIN = "com.atproto.server.createSession"
LOGIN_CONFIG = {"handle": "nordbrew-listener.bsky.social", "app_password": "abcd-efgh-ijkl-mnop"}
ANNA = "at://did:plc:annahansen4c7u2g5ahxjqtrz/app.bsky.feed.post/3l3rbb2x7fs2k"
BRAND = "at://did:plc:nordbrew7x2k4q3vumzyd5ta/app.bsky.feed.post/3l3qo2vutsw2b"
ERIK = "at://did:plc:erikssonq6l3wgnq5mvt3dzc/app.bsky.feed.post/3l3pte3p2e325"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def params(request: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(str(request.url)).query)


def make(bluesky: Any, settings: Any, store: Store, **config: Any) -> BlueskySource:
    return BlueskySource(source_id=1, name="bsky", config={**LOGIN_CONFIG, "terms": "from_queries", **config},
                         settings=settings, client=bluesky.client, store=store)


def serve_search(bluesky: Any) -> None:
    bluesky.add(LOGIN, fixture("session__create.json"))
    bluesky.add(SEARCH, fixture("search__posts.json"))
    bluesky.add(SEARCH, fixture("search__page2.json"), cursor="1")


def test_from_queries_is_accepted_as_the_terms() -> None:
    config = BlueskySource.validate_config({**LOGIN_CONFIG, "terms": " from_queries "})
    assert config["terms"] == "from_queries"
    with pytest.raises(SourceConfigError, match="needs a login"):
        BlueskySource.validate_config({"terms": "from_queries"})
    with pytest.raises(SourceConfigError, match="1 to 50 terms"):
        BlueskySource.validate_config({**LOGIN_CONFIG, "terms": [f"t{i}" for i in range(51)]})


def test_the_saved_queries_give_the_searches_and_only_what_they_could_match_is_stored(
        store: Store, bluesky: Any, bluesky_settings: Any) -> None:
    with store.write() as conn:
        add_query(conn, name="late", text="nordbrew AND (forsinket OR late)")
        add_query(conn, name="off", text="nordbrew AND kaffe", enabled=False)
    serve_search(bluesky)
    batches = list(make(bluesky, bluesky_settings, store).collect({}))
    searches = bluesky.calls(SEARCH)
    assert {params(r)["q"][0] for r in searches} == {"nordbrew"}
    # Anna's late parcel is the only post the enabled query could match; the brand's own post and
    # Erik's review are read (the cursor covers them) but not stored.
    assert [m.external_id for b in batches for m in b.mentions] == [ANNA]
    assert batches[-1].cursor == {"feed": "search", "terms": {"nordbrew": "2025-03-05T11:02:01+00:00"}}


def test_a_changed_query_changes_the_searches_and_drops_the_old_terms_cursor(
        store: Store, bluesky: Any, bluesky_settings: Any) -> None:
    with store.write() as conn:
        add_query(conn, name="q", text="#nordbrew")
    serve_search(bluesky)
    src = make(bluesky, bluesky_settings, store)
    cursor = list(src.collect({}))[-1].cursor
    assert params(bluesky.calls(SEARCH)[0])["q"] == ["#nordbrew"]  # Bluesky searches tags as tags
    assert cursor is not None and set(cursor["terms"]) == {"#nordbrew"}
    with store.write() as conn:
        update_query(conn, name="q", text='"riktigt bra" AND kaffe')
    batches = list(src.collect(cursor))
    latest = params(bluesky.calls(SEARCH)[-1])
    assert latest["q"] == ["riktigt bra kaffe"]
    assert "since" not in latest  # a new term starts as a first poll
    assert [m.external_id for b in batches for m in b.mentions] == [ERIK]
    assert "#nordbrew" not in batches[-1].cursor["terms"]


def test_no_saved_query_means_no_search(store: Store, bluesky: Any, bluesky_settings: Any) -> None:
    assert list(make(bluesky, bluesky_settings, store).collect({})) == []
    assert bluesky.requests == []


@pytest.fixture
def rows(store: Store) -> dict[str, SourceRow]:
    with store.write() as conn:
        found = {
            "bsky": add_source(conn, name="bsky", kind="bluesky",
                               config=BlueskySource.validate_config({**LOGIN_CONFIG, "terms": "from_queries"})),
            "bsky-fixed": add_source(conn, name="bsky-fixed", kind="bluesky",
                                     config=BlueskySource.validate_config({**LOGIN_CONFIG, "terms": ["oat"]})),
            "bsky-feed": add_source(conn, name="bsky-feed", kind="bluesky",
                                    config=BlueskySource.validate_config({"actor": "nordbrew.bsky.social"})),
        }
        save_cursor(conn, source_id=found["bsky"].id, cursor={"feed": "search", "terms": {"x": "2025-01-01"}},
                    collected=0)
    return found


def test_a_new_query_is_searched_back_through_bluesky_without_moving_the_cursor(
        store: Store, rows: dict[str, SourceRow], bluesky: Any, bluesky_settings: Any) -> None:
    assert [r.name for r in backfill_sources(store)] == ["bsky"]
    serve_search(bluesky)

    def build(row: SourceRow) -> BlueskySource:
        return BlueskySource(source_id=row.id, name=row.name, config=row.config, settings=bluesky_settings,
                             client=bluesky.client, store=store)

    now = datetime(2025, 3, 6, 12, 0, tzinfo=UTC)
    text = "nordbrew AND (kaffe OR coffee)"
    # Two days back: the brand's post (4 March, 09:30) and Erik's (3 March) are older; the first page
    # already reaches the window's start, so the second is not asked for.
    report = search_backfill(store, query_id=7, text=text, days=2, build=build, now=now)
    assert report.inserted == 0 and len(bluesky.calls(SEARCH)) == 1
    assert params(bluesky.calls(SEARCH)[0])["since"] == ["2025-03-04T12:00:00Z"]
    report = search_backfill(store, query_id=7, text=text, days=7, build=build, now=now)
    last = bluesky.calls(SEARCH)[-2]
    assert params(last)["q"] == ["nordbrew"] and params(last)["since"] == ["2025-02-27T12:00:00Z"]
    assert [s.searches for s in report.sources] == [["nordbrew"]] and report.inserted == 2
    with store.read() as conn:
        assert {m.external_id for m in iter_mentions(conn)} == {BRAND, ERIK}  # not Anna's parcel
        assert get_source(conn, name="bsky").cursor == {"feed": "search", "terms": {"x": "2025-01-01"}}
    again = search_backfill(store, query_id=7, text=text, days=7, build=build, now=now)
    assert again.inserted == 0 and again.sources[0].error is None  # what was stored is recognised
