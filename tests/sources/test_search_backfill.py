"""Search backfill when a query is added: recorded search answers (httpx.MockTransport) for the
hackernews and reddit search sources whose terms come from the saved queries, into a real store,
with the sources' own cursors left untouched."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from voxpop.settings import Settings
from voxpop.sources import registry
from voxpop.sources.backfill import backfill_sources, search_backfill
from voxpop.sources.hackernews.source import HackerNewsSource
from voxpop.sources.reddit.source import RedditSource, forget_tokens
from voxpop.store import Store
from voxpop.store.mentions import iter_mentions
from voxpop.store.sources import SourceRow, add_source, get_source, save_cursor

PACKAGE = Path(__file__).resolve().parents[2] / "voxpop" / "sources"
NOW = datetime.fromtimestamp(1709653730 + 3600, UTC)
REDDIT = {"client_id": "p-jcoLKBynTLew", "client_secret": "s3cr3t-Value_xyz", "username": "nordbrew_listens"}


def body(connector: str, name: str) -> bytes:
    return (PACKAGE / connector / "fixtures" / name).read_bytes()


class Recorded:
    """HN search and Reddit (token + search) answers; every request kept."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.fail_reddit = False
        self.client = httpx.Client(transport=httpx.MockTransport(self._answer))

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        json_type = {"Content-Type": "application/json"}
        if request.url.host == "hn.algolia.com":
            return httpx.Response(200, content=body("hackernews", "search__stories.json"), headers=json_type)
        if request.url.path == "/api/v1/access_token":
            return httpx.Response(200, content=body("reddit", "token__ok.json"), headers=json_type)
        if self.fail_reddit:
            return httpx.Response(403, content=body("reddit", "error__private.json"), headers=json_type)
        return httpx.Response(200, content=body("reddit", "search__posts.json"), headers=json_type)

    def params(self, host: str) -> list[dict[str, str]]:
        return [dict(r.url.params) for r in self.requests if r.url.host == host and r.method == "GET"]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(environment="test", data_dir=tmp_path / "data", fetch_timeout_s=2,
                    fetch_allowed_hosts=["hn.algolia.com", "www.reddit.com", "oauth.reddit.com"])


@pytest.fixture
def recorded() -> Recorded:
    forget_tokens()
    return Recorded()


@pytest.fixture
def sources(store: Store) -> dict[str, SourceRow]:
    with store.write() as conn:
        rows = {
            "hn": add_source(conn, name="hn", kind="hackernews",
                             config=HackerNewsSource.validate_config({"terms": "from_queries"})),
            "hn-fixed": add_source(conn, name="hn-fixed", kind="hackernews",
                                   config=HackerNewsSource.validate_config({"terms": ["oat"]})),
            "reddit": add_source(conn, name="reddit", kind="reddit",
                                 config=RedditSource.validate_config({**REDDIT, "terms": "from_queries"})),
            "r-listing": add_source(conn, name="r-listing", kind="reddit",
                                    config=RedditSource.validate_config({**REDDIT, "subreddit": "nordbrew"})),
        }
        save_cursor(conn, source_id=rows["hn"].id, cursor={"terms": {"nordbrew": 1709000000}}, collected=0)
    return rows


def build(recorded: Recorded, store: Store) -> Any:
    def make(row: SourceRow) -> Any:
        cls = registry.load(row.kind)
        return cls(source_id=row.id, name=row.name, config=row.config, settings=store.settings, client=recorded.client)

    return make


def stored(store: Store) -> dict[str, set[str]]:
    by_source: dict[str, set[str]] = {}
    with store.read() as conn:
        names = {r.id: r.name for r in [get_source(conn, name=n) for n in ("hn", "hn-fixed", "reddit", "r-listing")]}
        for mention in iter_mentions(conn):
            by_source.setdefault(names[mention.source_id], set()).add(mention.external_id)
    return by_source


def test_only_search_sources_with_terms_from_queries_backfill(store: Store, sources: dict[str, SourceRow]) -> None:
    assert [r.name for r in backfill_sources(store)] == ["hn", "reddit"]


def test_a_new_query_is_searched_back_n_days_without_moving_the_cursors(
        store: Store, sources: dict[str, SourceRow], recorded: Recorded) -> None:
    report = search_backfill(store, query_id=1, text='nordbrew AND (sour OR "open-sources" OR coffee)',
                             days=7, build=build(recorded, store), now=NOW)
    since = int(NOW.timestamp()) - 7 * 86400
    hn = recorded.params("hn.algolia.com")
    assert hn[0]["query"] == "nordbrew" and hn[0]["numericFilters"] == f"created_at_i>={since}"
    assert recorded.params("oauth.reddit.com")[0]["q"] == "nordbrew"
    # Only what the new query could match: the Show HN story and the r/nordbrew kit post mention neither
    # sourness nor coffee; the r/sweden post asks about coffee brands.
    assert stored(store) == {"hn": {"39601234", "39598765"}, "reddit": {"t3_1b6kk2q"}}
    assert report.inserted == 3 and [s.searches for s in report.sources] == [["nordbrew"], ["nordbrew"]]
    with store.read() as conn:
        assert get_source(conn, name="hn").cursor == {"terms": {"nordbrew": 1709000000}}
        assert get_source(conn, name="reddit").cursor == {}
    again = search_backfill(store, query_id=1, text='nordbrew AND (sour OR "open-sources" OR coffee)',
                            days=7, build=build(recorded, store), now=NOW)
    assert again.inserted == 0  # what was stored is recognised


def test_reddit_posts_within_the_window_are_stored(store: Store, sources: dict[str, SourceRow],
                                                  recorded: Recorded) -> None:
    report = search_backfill(store, query_id=1, text='"cold brew" AND kit', days=30, build=build(recorded, store),
                             now=NOW)
    assert stored(store) == {"reddit": {"t3_1b7q2xk"}}
    assert recorded.params("oauth.reddit.com")[0]["q"] == "brew cold kit"
    assert report.as_dict()["inserted"] == 1
    # One day back: the r/sweden post about coffee brands is a day and an hour old, before the window.
    report = search_backfill(store, query_id=2, text="coffee AND brands", days=1, build=build(recorded, store),
                             now=NOW)
    assert report.inserted == 0 and stored(store) == {"reddit": {"t3_1b7q2xk"}}
    report = search_backfill(store, query_id=2, text="coffee AND brands", days=2, build=build(recorded, store),
                             now=NOW)
    assert report.inserted == 1 and stored(store) == {"reddit": {"t3_1b7q2xk", "t3_1b6kk2q"}}


def test_a_failing_source_is_reported_and_the_others_carry_on(store: Store, sources: dict[str, SourceRow],
                                                              recorded: Recorded) -> None:
    recorded.fail_reddit = True
    report = search_backfill(store, query_id=1, text="nordbrew", days=7, build=build(recorded, store), now=NOW)
    errors = {s.source: s.error for s in report.sources}
    assert errors["hn"] is None and "is private" in str(errors["reddit"])
    assert stored(store).get("hn") == {"39601234", "39598765", "39591111"}


def test_no_backfill_when_the_setting_is_zero_or_the_query_has_no_words(
        store: Store, sources: dict[str, SourceRow], recorded: Recorded) -> None:
    assert search_backfill(store, query_id=1, text="nordbrew", days=0, build=build(recorded, store)).sources == []
    report = search_backfill(store, query_id=2, text="author:pg", days=7, build=build(recorded, store), now=NOW)
    assert not recorded.requests and report.unsearchable and report.inserted == 0
    assert json.dumps(report.as_dict())


def test_query_add_searches_back_through_a_local_hackernews(
        db_env: dict[str, str], server: Any, fixture_bytes: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from voxpop.cli import main
    from voxpop.settings import get_settings

    monkeypatch.setenv("VOXPOP_FETCH_ALLOWED_HOSTS", '["127.0.0.1"]')
    get_settings.cache_clear()
    server.add("/api/v1/search_by_date", body=fixture_bytes("hackernews", "search__stories.json"),
               content_type="application/json")
    runner = CliRunner()
    added = runner.invoke(main, ["source", "add", "hn", "--kind", "hackernews", "--set", "terms=from_queries",
                                 "--set", f"base_url={server.base_url}"])
    assert added.exit_code == 0, added.output
    # The window is asked for in numericFilters; the local server answers the recorded stories whatever it is.
    monkeypatch.setenv("VOXPOP_QUERY_BACKFILL_DAYS", "30")
    get_settings.cache_clear()
    result = runner.invoke(main, ["query", "add", "oat-milk", "nordbrew AND oat", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["search_backfill"]["sources"][0]["searches"] == ["nordbrew oat"]
    assert server.requests and "query=nordbrew+oat" in server.requests[0].path
    assert "numericFilters=created_at_i%3E%3D" in server.requests[0].path
    assert answer["search_backfill"]["inserted"] == answer["matches"] > 0
