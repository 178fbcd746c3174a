"""The hackernews connector end to end: recorded search answers through HackerNewsSource.collect,
failures from a real server on 127.0.0.1, and runs into a real store."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from voxpop.ingest.runner import run_source
from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings
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
from voxpop.sources.hackernews.source import HackerNewsSource
from voxpop.store import Store
from voxpop.store.mentions import count_mentions, get_raw, iter_mentions
from voxpop.store.sources import add_source, get_source

API = "https://hn.algolia.com"
SEARCH = "/api/v1/search_by_date"
NEWEST_STORY = 1709653730


class RecordedSearch:
    """The search API through httpx.MockTransport: answers chosen by (query, page, numericFilters)."""

    def __init__(self) -> None:
        self.answers: dict[tuple[str, int, str | None], Any] = {}
        self.requests: list[httpx.Request] = []
        self.client = httpx.Client(transport=httpx.MockTransport(self._answer))

    def add(self, body: Any, *, term: str = "nordbrew", page: int = 0, filters: str | None = None) -> None:
        self.answers[(term, page, filters)] = body

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        params = request.url.params
        key = (params["query"], int(params["page"]), params.get("numericFilters"))
        if request.url.path != SEARCH or key not in self.answers:
            return httpx.Response(400, json={"message": f"no recorded answer for {key}", "status": 400})
        body = self.answers[key]
        return httpx.Response(200, content=body if isinstance(body, bytes) else json.dumps(body).encode(),
                              headers={"Content-Type": "application/json; charset=utf-8"})

    def params(self) -> list[dict[str, str]]:
        return [dict(r.url.params) for r in self.requests]


@pytest.fixture
def api() -> RecordedSearch:
    return RecordedSearch()


@pytest.fixture
def make_source(api: RecordedSearch) -> Callable[..., HackerNewsSource]:
    settings = Settings(environment="test", fetch_allowed_hosts=["hn.algolia.com"], fetch_timeout_s=2)

    def make(**config: Any) -> HackerNewsSource:
        config.setdefault("terms", ["nordbrew"])
        return HackerNewsSource(source_id=1, name="hn", config=config, settings=settings, client=api.client)

    return make


def run(src: HackerNewsSource, cursor: dict | None = None) -> tuple[list[MentionDraft], list[Reject], dict]:
    batches: list[Batch] = list(src.collect(cursor or {}))
    mentions = [m for b in batches for m in b.mentions]
    rejects = [r for b in batches for r in b.rejects]
    last = next((b.cursor for b in reversed(batches) if b.cursor is not None), cursor)
    return mentions, rejects, last or {}


@pytest.fixture
def search(api, make_source, fixture_bytes):
    """Answer the first search with fixture ``name`` and collect once."""

    def answer_and_collect(name: str, **config: Any):
        api.add(fixture_bytes("hackernews", name))
        return run(make_source(**config))

    return answer_and_collect


def hits(fixture_bytes, name: str) -> dict[str, Any]:
    return json.loads(fixture_bytes("hackernews", name))


def answer(hit_list: list[dict[str, Any]], *, page: int = 0, nb_hits: int, nb_pages: int) -> dict[str, Any]:
    return {"hits": hit_list, "nbHits": nb_hits, "nbPages": nb_pages, "page": page, "hitsPerPage": 100}


def made(template: dict[str, Any], first_id: int, first_time: int, count: int) -> list[dict[str, Any]]:
    """``count`` hits made from ``template``, newest first."""
    out = []
    for n in range(count):
        hit = copy.deepcopy(template)
        hit["objectID"] = str(first_id + n)
        hit["created_at_i"] = first_time + n * 60
        out.append(hit)
    return out[::-1]


# --- each recorded answer, one line each -------------------------------------------------------


def test_stories_become_mentions(search, api):
    mentions, rejects, cursor = search("search__stories.json")
    assert rejects == []
    show, ask, recipe = mentions  # oldest first
    assert recipe.external_id == "39601234"
    assert recipe.url == "https://news.ycombinator.com/item?id=39601234"
    assert recipe.title == "Nordbrew open-sources its oat milk recipe"
    assert recipe.text == "Nordbrew open-sources its oat milk recipe\nhttps://nordbrew.example/blog/open-recipe"
    assert recipe.links == ("https://nordbrew.example/blog/open-recipe",)
    assert (recipe.author, recipe.likes, recipe.replies, recipe.shares) == ("fjordcoder", 142, 57, None)
    assert recipe.published_at == datetime(2024, 3, 5, 15, 48, 50, tzinfo=UTC)
    assert (recipe.channel, recipe.lang) == ("hackernews", None)
    assert ask.text == (
        "Third carton this month that turned before its date.\n\n"
        "Batch 2403-B, bought in Malmö. Their recall page: https://nordbrew.example/news/recall-2024\n\n"
        "Is it just me?"
    )
    assert ask.title == "Ask HN: Has anyone else had Nordbrew oat milk go sour early?"
    assert ask.links == ("https://nordbrew.example/news/recall-2024",)
    assert show.title.startswith("Show HN: Foam-o-meter")
    assert json.loads(recipe.raw)["objectID"] == "39601234"
    assert cursor == {"terms": {"nordbrew": NEWEST_STORY}}
    assert api.params() == [{"query": "nordbrew", "tags": "(story,comment)", "hitsPerPage": "100", "page": "0"}]


def test_comments_become_mentions_with_their_html_as_text(search):
    mentions, rejects, _ = search("search__comments.json", tags=["comment"])
    assert rejects == []
    code, refund = mentions
    assert refund.title is None
    assert refund.text == (
        "I've had the same with Nordbrew. The batch number is on the cap, and the full list is at "
        "https://nordbrew.example/news/recall-2024-batches-and-refunds-by-country\n\n"
        'Edit: the refund came through "within 48 hours".'
    )  # the link HN cut short with "..." is whole again
    assert refund.links == ("https://nordbrew.example/news/recall-2024-batches-and-refunds-by-country",)
    assert (refund.likes, refund.replies) == (None, None)
    assert json.loads(refund.raw)["story_title"] == "Ask HN: Has anyone else had Nordbrew oat milk go sour early?"
    assert code.text == (
        "The recipe is basically:\n\noats 10%\nwater 88%\nrapeseed oil 2%\n\n"
        "Nordbrew adds enzymes on top, which is the hard part."
    )


def test_only_tags_asked_for_are_searched(search, api):
    search("search__comments.json", tags=["comment"])
    assert api.params()[0]["tags"] == "comment"


def test_empty_answer_yields_nothing(search):
    assert search("search__empty.json") == ([], [], {})


def test_malformed_hits_are_rejected_and_the_rest_lands(search):
    mentions, rejects, cursor = search("search__malformed.json")
    assert [m.external_id for m in mentions] == ["39587000"]
    assert [(r.location, r.reason) for r in rejects] == [
        ("https://news.ycombinator.com/item?id=39583000", "points: Input should be greater than or equal to 0"),
        ("hackernews search 'nordbrew' hit 5", "hit is not an object"),
        ("https://news.ycombinator.com/item?id=39584000", "comment has no text (deleted?)"),
        ("https://news.ycombinator.com/item?id=39585000", "created_at_i: Input should be a valid integer"),
        ("hackernews search 'nordbrew' hit 2", "objectID is missing"),
    ]
    assert rejects[-1].excerpt == "Nordbrew without an id"
    assert cursor == {"terms": {"nordbrew": 1709618400}}


def test_page2_is_read_oldest_first_before_the_first(api, make_source, fixture_bytes):
    first = hits(fixture_bytes, "search__stories.json")
    first.update(nbHits=102, nbPages=2)
    api.add(first)
    api.add(fixture_bytes("hackernews", "search__page2.json"), page=1, filters=f"created_at_i<={NEWEST_STORY}")
    batches = list(make_source().collect({}))
    assert [[m.external_id for m in b.mentions] for b in batches] == [
        ["39588800", "39589000"],
        ["39591111", "39598765", "39601234"],
    ]
    assert [b.cursor for b in batches] == [{"terms": {"nordbrew": 1709622000}}, {"terms": {"nordbrew": NEWEST_STORY}}]


# --- the cursor and pagination ----------------------------------------------------------------


def test_cursor_moves_and_the_next_poll_asks_only_for_newer_items(api, make_source, fixture_bytes):
    api.add(fixture_bytes("hackernews", "search__stories.json"))
    src = make_source()
    _, _, cursor = run(src)
    assert cursor == {"terms": {"nordbrew": NEWEST_STORY}}
    api.add(fixture_bytes("hackernews", "search__comments.json"), filters=f"created_at_i>={NEWEST_STORY - 300}")
    mentions, _, cursor = run(src, cursor)
    assert [m.external_id for m in mentions] == ["39601412", "39602001"]
    assert api.params()[1] == {"query": "nordbrew", "tags": "(story,comment)",
                               "numericFilters": f"created_at_i>={NEWEST_STORY - 300}", "hitsPerPage": "100",
                               "page": "0"}
    assert cursor == {"terms": {"nordbrew": 1709655000}}


def test_without_lookback_the_boundary_second_is_asked_for_again(api, make_source, fixture_bytes):
    api.add(fixture_bytes("hackernews", "search__empty.json"), filters=f"created_at_i>={NEWEST_STORY}")
    mentions, _, cursor = run(make_source(lookback_s=0), {"terms": {"nordbrew": NEWEST_STORY}})
    assert mentions == [] and cursor == {"terms": {"nordbrew": NEWEST_STORY}}
    assert api.params()[0]["numericFilters"] == f"created_at_i>={NEWEST_STORY}"


def test_a_backlog_is_read_oldest_pages_first_up_to_max_pages(api, make_source, fixture_bytes):
    template = hits(fixture_bytes, "search__stories.json")["hits"][0]
    since = 1709600000
    pages = [made(template, 39700000 + (3 - k) * 100, since + (3 - k) * 6000, 100) for k in range(4)]  # newest first
    top = pages[0][0]["created_at_i"]
    lower = f"created_at_i>={since - 300}"
    api.add(answer(pages[0], nb_hits=400, nb_pages=4), filters=lower)
    for k in (1, 2, 3):
        api.add(answer(pages[k], page=k, nb_hits=400, nb_pages=4), page=k, filters=f"{lower},created_at_i<={top}")
    batches = list(make_source(max_pages=3).collect({"terms": {"nordbrew": since}}))
    assert [p["page"] for p in api.params()] == ["0", "3", "2"]  # the oldest two, not page 1
    assert [len(b.mentions) for b in batches] == [100, 100, 100]
    oldest_first = [b.cursor["terms"]["nordbrew"] for b in batches]
    assert oldest_first == [pages[3][0]["created_at_i"], pages[2][0]["created_at_i"], pages[2][0]["created_at_i"]]
    # the newest page was stored, but the cursor waits below page 1, which the next poll reads
    assert batches[2].mentions[0].external_id == pages[0][-1]["objectID"]


def test_first_poll_reads_the_newest_pages_up_to_max_pages(api, make_source, fixture_bytes):
    template = hits(fixture_bytes, "search__stories.json")["hits"][0]
    pages = [made(template, 39700000 + (2 - k) * 100, 1709600000 + (2 - k) * 6000, 100) for k in range(3)]
    top = pages[0][0]["created_at_i"]
    api.add(answer(pages[0], nb_hits=300, nb_pages=3))
    api.add(answer(pages[1], page=1, nb_hits=300, nb_pages=3), page=1, filters=f"created_at_i<={top}")
    batches = list(make_source(max_pages=2).collect({}))
    assert [p["page"] for p in api.params()] == ["0", "1"]
    assert [b.cursor["terms"]["nordbrew"] for b in batches] == [pages[1][0]["created_at_i"], top]


def test_pagination_stops_at_max_pages(api, make_source, fixture_bytes):
    template = hits(fixture_bytes, "search__stories.json")["hits"][0]
    api.add(answer(made(template, 39700000, 1709600000, 100), nb_hits=900, nb_pages=9))
    mentions, _, _ = run(make_source(max_pages=1))
    assert len(mentions) == 100 and len(api.requests) == 1


def test_items_the_api_cannot_reach_are_reported(api, make_source, fixture_bytes):
    template = hits(fixture_bytes, "search__stories.json")["hits"][0]
    newest = made(template, 39700000, 1709650000, 100)
    oldest_reachable = made(template, 39690000, 1709640000, 100)
    lower = "created_at_i>=1709599700"
    api.add(answer(newest, nb_hits=2_500, nb_pages=10), filters=lower)
    api.add(answer(oldest_reachable, page=9, nb_hits=2_500, nb_pages=10), page=9,
            filters=f"{lower},created_at_i<={newest[0]['created_at_i']}")
    mentions, rejects, cursor = run(make_source(max_pages=2), {"terms": {"nordbrew": 1709600000}})
    assert [r.reason for r in rejects] == [
        "up to 1,500 matching items older than the newest 1,000 were not read: the HN search API returns "
        "at most 1,000 hits per query; poll more often or narrow the term"
    ]
    assert len(mentions) == 200
    assert cursor == {"terms": {"nordbrew": oldest_reachable[0]["created_at_i"]}}  # pages 8 to 1 come next poll


def test_with_one_page_a_backlog_is_passed_and_reported(api, make_source, fixture_bytes):
    template = hits(fixture_bytes, "search__stories.json")["hits"][0]
    newest = made(template, 39700000, 1709650000, 100)
    api.add(answer(newest, nb_hits=250, nb_pages=3), filters="created_at_i>=1709599700")
    mentions, rejects, cursor = run(make_source(max_pages=1), {"terms": {"nordbrew": 1709600000}})
    assert [r.reason for r in rejects] == [
        "up to 150 matching items older than the newest 100 were not read: max_pages is 1; raise it"
    ]
    assert len(mentions) == 100 and cursor == {"terms": {"nordbrew": newest[0]["created_at_i"]}}  # not stuck


def test_each_term_has_its_own_cursor_and_an_item_is_collected_once(api, make_source, fixture_bytes):
    api.add(fixture_bytes("hackernews", "search__stories.json"))
    api.add(fixture_bytes("hackernews", "search__stories.json"), term='"oat milk"')
    mentions, _, cursor = run(make_source(terms=["nordbrew", '"oat milk"']),
                              {"terms": {"removed term": 5}})
    assert len(mentions) == 3
    assert cursor == {"terms": {"nordbrew": NEWEST_STORY, '"oat milk"': NEWEST_STORY}}


@pytest.mark.parametrize("body", [b'{"message": "oops"}', b"[]", b"<html>Bad gateway</html>"])
def test_answer_that_is_not_search_results_is_bad_payload(api, make_source, body):
    api.add(body)
    with pytest.raises(BadPayload, match="not answer with"):
        run(make_source())


# --- failures, over real HTTP ----------------------------------------------------------------


@pytest.fixture
def live(server, fetch_settings):
    def make(**config: Any) -> HackerNewsSource:
        return HackerNewsSource(source_id=1, name="hn", settings=fetch_settings,
                                config={"terms": ["nordbrew"], "base_url": server.base_url, **config})

    return make


@pytest.mark.parametrize(("headers", "wait"), [({"Retry-After": "60"}, 60), ({}, None)])
def test_rate_limited_raises_with_the_wait_asked_for(server, live, fixture_bytes, headers, wait):
    server.add(SEARCH, status=429, body=fixture_bytes("hackernews", "error__rate_limited.json"),
               content_type="application/json", headers=headers)
    with pytest.raises(RateLimited) as caught:
        run(live())
    assert caught.value.retry_after == wait


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, AuthExpired), (403, AuthExpired), (404, SourceGone), (500, TransientFetchError), (400, BadPayload)],
)
def test_http_failures_raise_the_failure_mode(server, live, status, error):
    server.add(SEARCH, status=status, body=b'{"message": "no", "status": %d}' % status)
    with pytest.raises(error):
        run(live())


# --- into the store ---------------------------------------------------------------------------


@pytest.fixture
def registered(monkeypatch):
    """The hackernews kind in the registry (a no-op once voxpop/sources/registry.py lists it)."""
    monkeypatch.setitem(registry.DEFAULT_SOURCES, "hackernews", "voxpop.sources.hackernews.source:HackerNewsSource")
    registry.available.cache_clear()
    yield
    registry.available.cache_clear()


def test_runs_into_the_store_and_a_second_run_adds_nothing(store: Store, server, fixture_bytes, registered):
    server.add(SEARCH, body=fixture_bytes("hackernews", "search__stories.json"), content_type="application/json")
    config = HackerNewsSource.validate_config({"terms": ["nordbrew"], "base_url": server.base_url})
    with store.write() as conn:
        row = add_source(conn, name="hn-nordbrew", kind="hackernews", config=config)
    first = run_source(store, row)
    assert (first.counts.inserted, first.rejected, first.error, first.state) == (3, 0, None, "ok")
    # the server answers the same again (the boundary and the look-back window): nothing is added
    second = run_source(store, row)
    assert (second.counts.inserted, second.counts.updated, second.error) == (0, 0, None)
    assert f"numericFilters=created_at_i%3E%3D{NEWEST_STORY - 300}" in server.requests[-1].path
    with store.read() as conn:
        assert count_mentions(conn) == 3
        recipe = next(m for m in iter_mentions(conn) if m.external_id == "39601234")
        assert recipe.channel == "hackernews" and recipe.likes == 142
        assert json.loads(get_raw(conn, mention_id=recipe.id))["title"] == recipe.title
        assert get_source(conn, source_id=row.id).cursor == {"terms": {"nordbrew": NEWEST_STORY}}


# --- configuration ----------------------------------------------------------------------------


def test_valid_config_is_cleaned_with_defaults():
    assert HackerNewsSource.validate_config({"terms": [" nordbrew ", "nord   brew", "nordbrew"]}) == {
        "terms": ["nordbrew", "nord brew"],
        "tags": ["story", "comment"],
        "max_pages": 5,
        "base_url": "https://hn.algolia.com",
        "lookback_s": 300,
    }


def test_command_line_text_is_read_as_lists():
    config = HackerNewsSource.validate_config({"terms": 'nordbrew,"nord brew"', "tags": "story", "max_pages": "2"})
    assert (config["terms"], config["tags"], config["max_pages"]) == (["nordbrew", '"nord brew"'], ["story"], 2)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, "terms: is required"),
        ({"terms": []}, "terms: give at least one term, or from_queries"),
        ({"terms": [" "]}, "terms: a term is empty"),
        ({"terms": ["x"], "tags": ["tweet"]}, "tags.0: Input should be"),
        ({"terms": ["x"], "max_pages": 11}, "max_pages: "),
        ({"terms": ["x"], "base_url": "ftp://hn.example"}, "is not an http or https URL"),
        ({"terms": ["x"], "base_url": "https://hn.algolia.com/api/v1"}, "must be the API's server only"),
        ({"terms": ["x"], "query": "x"}, "query: unknown hackernews option"),
    ],
)
def test_invalid_config_names_the_field(config, message):
    with pytest.raises(SourceConfigError, match="^hackernews config: ") as caught:
        HackerNewsSource.validate_config(config)
    assert message in str(caught.value)


@pytest.mark.skipif("hackernews" not in registry.DEFAULT_SOURCES, reason="registry line not added yet")
def test_registry_loads_the_hackernews_source():
    assert registry.load("hackernews") is HackerNewsSource


# --- terms from the saved queries -------------------------------------------------------------


def test_terms_from_saved_queries_follow_the_queries_and_only_possible_matches_are_stored(
        store: Store, api: RecordedSearch, fixture_bytes):
    from voxpop.store.queries import add_query

    with store.write() as conn:
        add_query(conn, name="sour", text='nordbrew AND (sour OR "open-sources")')
        add_query(conn, name="founder", text="author:pg")  # no word to search for: left to other sources
    settings = Settings(environment="test", fetch_allowed_hosts=["hn.algolia.com"], fetch_timeout_s=2)
    source = HackerNewsSource(source_id=1, name="hn", config={"terms": "from_queries"}, settings=settings,
                              client=api.client, store=store)
    assert source.search_terms() == ["nordbrew"]
    api.add(fixture_bytes("hackernews", "search__stories.json"))
    mentions, rejects, cursor = run(source)
    # The Show HN story matches no query: the search found it, the prefilter leaves it out.
    assert sorted(m.external_id for m in mentions) == ["39598765", "39601234"]
    assert cursor == {"terms": {"nordbrew": NEWEST_STORY}}
    with store.write() as conn:
        add_query(conn, name="froth", text="froth AND oat")
    assert sorted(source.search_terms()) == ["froth oat", "nordbrew"]


def test_from_queries_is_accepted_from_the_command_line():
    assert HackerNewsSource.validate_config({"terms": " from_queries "})["terms"] == "from_queries"
