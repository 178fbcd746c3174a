"""Mastodon search (/api/v2/search?type=statuses) end to end: recorded Search answers through
MastodonSource.collect (normal, empty, paginated, rate limited, unauthorized, malformed), the time
cursor as ``min_id``, terms from the saved queries in a real store, and a new query's backfill."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings
from voxpop.sources.backfill import backfill_sources, search_backfill
from voxpop.sources.base import AuthExpired, BadPayload, Batch, RateLimited, SourceConfigError, TransientFetchError
from voxpop.sources.mastodon.search import id_at
from voxpop.sources.mastodon.source import MastodonSource
from voxpop.store import Store
from voxpop.store.mentions import iter_mentions
from voxpop.store.queries import add_query
from voxpop.store.sources import SourceRow, add_source, get_source, mask_secrets, save_cursor

FIXTURES = Path(__file__).resolve().parents[3] / "voxpop" / "sources" / "mastodon" / "fixtures"
INSTANCE = "https://mastodon.social"
TOKEN = "s3cr3t-search-t0ken"
CONFIG = {"instance": INSTANCE, "terms": ["nordbrew"], "token": TOKEN}
NEWEST = "2024-03-05T16:20:30.500000+00:00"  # the newest status of search__statuses.json
RECALL = "https://mastodon.social/users/nordbrew/statuses/112042917953540242"
UPDATE = "https://chaos.social/users/kaffekalle/statuses/112043991300000000"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class RecordedSearch:
    """Search answers in turn (the last one repeats), every request kept."""

    def __init__(self, *answers: httpx.Response) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.client = httpx.Client(transport=httpx.MockTransport(self._answer))

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)

    def params(self) -> list[dict[str, str]]:
        return [dict(r.url.params) for r in self.requests]


def ok(name: str) -> httpx.Response:
    return httpx.Response(200, content=fixture(name), headers={"Content-Type": "application/json; charset=utf-8"})


@pytest.fixture
def search_settings() -> Settings:
    return Settings(environment="test", fetch_allowed_hosts=["mastodon.social"], fetch_timeout_s=2)


@pytest.fixture
def make(search_settings: Settings) -> Callable[..., MastodonSource]:
    def build(recorded: RecordedSearch, store: Store | None = None, **config: Any) -> MastodonSource:
        return MastodonSource(source_id=1, name="m", config={**CONFIG, **config}, settings=search_settings,
                              client=recorded.client, store=store)

    return build


def run(src: MastodonSource, cursor: dict | None = None) -> tuple[list[MentionDraft], list[Reject], dict]:
    batches: list[Batch] = list(src.collect(cursor or {}))
    last = next((b.cursor for b in reversed(batches) if b.cursor is not None), cursor)
    return [m for b in batches for m in b.mentions], [r for b in batches for r in b.rejects], last or {}


def test_a_search_becomes_mentions_oldest_first_with_a_time_per_term(make) -> None:
    recorded = RecordedSearch(ok("search__statuses.json"))
    mentions, rejects, cursor = run(make(recorded))
    assert rejects == [] and len(mentions) == 5
    assert [m.published_at for m in mentions] == sorted(m.published_at for m in mentions)
    assert mentions[-1].external_id == UPDATE and mentions[-1].author == "kaffekalle@chaos.social"
    assert cursor == {"feed": "https://mastodon.social search", "terms": {"nordbrew": NEWEST}}
    (asked,) = recorded.params()
    assert asked == {"q": "nordbrew", "type": "statuses", "resolve": "false", "limit": "40"}
    assert recorded.requests[0].url.path == "/api/v2/search"
    assert recorded.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_the_next_poll_asks_only_for_statuses_since_the_stored_time(make) -> None:
    recorded = RecordedSearch(ok("search__empty.json"))
    mentions, _, cursor = run(make(recorded), {"feed": "https://mastodon.social search", "terms": {"nordbrew": NEWEST}})
    assert mentions == [] and cursor["terms"] == {"nordbrew": NEWEST}
    since = datetime.fromisoformat(NEWEST) - timedelta(seconds=300)
    assert recorded.params()[0]["min_id"] == id_at(since) == str(int(since.timestamp() * 1000) << 16)


def test_an_empty_search_yields_nothing(make) -> None:
    assert run(make(RecordedSearch(ok("search__empty.json")))) == ([], [], {})


def test_a_full_page_is_followed_by_max_id_and_the_pages_come_oldest_first(make) -> None:
    recorded = RecordedSearch(ok("search__full_page.json"), ok("search__statuses.json"))
    batches = list(make(recorded).collect({}))
    assert [len(b.mentions) for b in batches] == [5, 40]  # the older page is stored first
    oldest_of_first = json.loads(fixture("search__full_page.json"))["statuses"][-1]["id"]
    assert recorded.params()[1]["max_id"] == oldest_of_first
    assert batches[0].cursor == {"feed": "https://mastodon.social search", "terms": {"nordbrew": NEWEST}}
    assert batches[1].cursor["terms"]["nordbrew"] == "2024-03-06T08:39:00+00:00"


def test_more_pages_than_max_pages_since_the_last_poll_is_reported(make) -> None:
    recorded = RecordedSearch(ok("search__full_page.json"))
    cursor = {"feed": "https://mastodon.social search", "terms": {"nordbrew": NEWEST}}
    mentions, rejects, after = run(make(recorded, max_pages=1), cursor)
    assert len(mentions) == 40 and len(rejects) == 1 and "more than 1 pages" in rejects[0].reason
    assert after["terms"]["nordbrew"] == "2024-03-06T08:39:00+00:00"


def test_a_failure_after_the_first_page_keeps_what_was_read(make) -> None:
    recorded = RecordedSearch(ok("search__full_page.json"), httpx.Response(502, content=b"bad gateway"))
    src = make(recorded)
    batches: list[Batch] = []
    with pytest.raises(TransientFetchError):
        for batch in src.collect({}):
            batches.append(batch)
    assert sum(len(b.mentions) for b in batches) == 40 and batches[-1].cursor is not None


def test_rate_limited_waits_until_the_reset_mastodon_names(make) -> None:
    reset = (datetime.now(UTC) + timedelta(seconds=120)).isoformat().replace("+00:00", "Z")
    recorded = RecordedSearch(httpx.Response(429, content=fixture("error__rate_limited.json"), headers={
        "Content-Type": "application/json", "X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": reset}))
    with pytest.raises(RateLimited) as caught:
        run(make(recorded))
    assert 100 < (caught.value.retry_after or 0) <= 120 and "300 requests" in str(caught.value)


def test_unauthorized_names_the_search_scope_and_never_the_token(make) -> None:
    recorded = RecordedSearch(httpx.Response(401, content=fixture("error__unauthorized.json"),
                                             headers={"Content-Type": "application/json"}))
    with pytest.raises(AuthExpired, match="read:search") as caught:
        run(make(recorded))
    assert TOKEN not in str(caught.value) and TOKEN not in repr(make(recorded).config)


def test_malformed_statuses_are_rejected_and_a_malformed_answer_is_a_bad_payload(make) -> None:
    mentions, rejects, _ = run(make(RecordedSearch(ok("search__malformed.json"))))
    assert len(mentions) == 1 and len(rejects) == 7
    assert any("content is missing" in r.reason for r in rejects)
    for body in (b"[]", b'{"accounts": []}', b"<html>maintenance</html>"):
        with pytest.raises(BadPayload):
            run(make(RecordedSearch(httpx.Response(200, content=body, headers={"Content-Type": "application/json"}))))


def test_a_search_needs_a_token_and_the_token_is_masked() -> None:
    with pytest.raises(SourceConfigError, match="needs an access token with the read:search scope"):
        MastodonSource.validate_config({"instance": INSTANCE, "terms": "nordbrew"})
    with pytest.raises(SourceConfigError, match="exactly one of"):
        MastodonSource.validate_config({**CONFIG, "hashtag": "nordbrew"})
    config = MastodonSource.validate_config({**CONFIG, "terms": "from_queries"})
    assert config["terms"] == "from_queries" and mask_secrets(config)["token"] == "***"
    assert MastodonSource.validate_config({**CONFIG, "terms": "nordbrew,oatmilk"})["terms"] == ["nordbrew", "oatmilk"]


def test_terms_from_the_saved_queries_store_only_what_a_query_could_match(store: Store, make) -> None:
    with store.write() as conn:
        add_query(conn, name="recall", text="nordbrew AND (recalling OR cartons)")
    recorded = RecordedSearch(ok("search__statuses.json"))
    mentions, _, cursor = run(make(recorded, store, terms="from_queries"))
    assert [p["q"] for p in recorded.params()] == ["nordbrew"]  # one word per Mastodon search
    # the recall and Kalle's replaced cartons; the cursor still covers all five statuses read
    assert {m.external_id for m in mentions} == {RECALL, UPDATE}
    assert cursor["terms"] == {"nordbrew": NEWEST}


@pytest.fixture
def rows(store: Store) -> dict[str, SourceRow]:
    with store.write() as conn:
        found = {
            "m-search": add_source(conn, name="m-search", kind="mastodon", config=MastodonSource.validate_config(
                {**CONFIG, "terms": "from_queries"})),
            "m-tag": add_source(conn, name="m-tag", kind="mastodon", config=MastodonSource.validate_config(
                {"instance": INSTANCE, "hashtag": "nordbrew"})),
        }
        save_cursor(conn, source_id=found["m-search"].id, cursor={"feed": "x", "terms": {"a": NEWEST}}, collected=0)
    return found


def test_a_new_query_is_searched_back_through_mastodon_without_moving_the_cursor(
        store: Store, rows: dict[str, SourceRow], search_settings: Settings) -> None:
    assert [r.name for r in backfill_sources(store)] == ["m-search"]
    recorded = RecordedSearch(ok("search__statuses.json"))

    def build(row: SourceRow) -> MastodonSource:
        return MastodonSource(source_id=row.id, name=row.name, config=row.config, settings=search_settings,
                              client=recorded.client, store=store)

    now = datetime(2024, 3, 6, 12, 0, tzinfo=UTC)
    report = search_backfill(store, query_id=3, text="#recall AND oat", days=2, build=build, now=now)
    asked = recorded.params()
    assert len(asked) == 1 and asked[0]["q"] == "recall"  # the tag as a word; the longer key
    assert asked[0]["min_id"] == id_at(now - timedelta(days=2))
    assert report.inserted == 1 and report.sources[0].error is None
    with store.read() as conn:
        assert [m.external_id for m in iter_mentions(conn)] == [RECALL]
        assert get_source(conn, name="m-search").cursor == {"feed": "x", "terms": {"a": NEWEST}}
    # a window that ends before the statuses were written stores nothing (what the server sent is older)
    report = search_backfill(store, query_id=3, text="#recall AND oat", days=1, build=build,
                             now=datetime(2024, 3, 4, 12, 0, tzinfo=UTC) + timedelta(days=3))
    assert report.inserted == 0
