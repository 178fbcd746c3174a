"""The reddit connector end to end: recorded listings through RedditSource.collect over
httpx.MockTransport (token grant, User-Agent, rate-limit headers, errors), and runs into a real store."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from voxpop.ingest.runner import run_source
from voxpop.settings import Settings
from voxpop.sources import registry
from voxpop.sources.base import AuthExpired, BadPayload, Batch, RateLimited, SourceConfigError, SourceGone
from voxpop.sources.reddit import parse
from voxpop.sources.reddit.source import RedditSource, forget_tokens
from voxpop.store import Store
from voxpop.store.mentions import iter_mentions
from voxpop.store.queries import add_query
from voxpop.store.sources import add_source, get_source, mask_secrets

FIXTURES = Path(parse.__file__).parent / "fixtures"
SECRET = "s3cr3t-Value_xyz"
CONFIG = {"client_id": "p-jcoLKBynTLew", "client_secret": SECRET, "username": "nordbrew_listens",
          "subreddit": "nordbrew"}
T = 1709650000.0


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


Answer = tuple[int, Any, dict[str, str]]


class RecordedReddit:
    """Reddit through httpx.MockTransport: the token endpoint, and GET answers chosen by
    (path, after, q); each answer is a fixture name, a body, or a callable."""

    def __init__(self) -> None:
        self.answers: dict[tuple[str, str | None, str | None], list[Answer]] = {}
        self.requests: list[httpx.Request] = []
        self.token_answers: list[Answer] = []
        self.tokens_issued = 0
        self.client = httpx.Client(transport=httpx.MockTransport(self._answer))

    def add(self, path: str, body: Any, *, after: str | None = None, q: str | None = None, status: int = 200,
            headers: dict[str, str] | None = None) -> None:
        self.answers.setdefault((path, after, q), []).append((status, body, headers or {}))

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.host == "www.reddit.com" and request.url.path == "/api/v1/access_token":
            return self._token(request)
        params = request.url.params
        key = (request.url.path, params.get("after"), params.get("q"))
        queue = self.answers.get(key)
        if not queue:
            return httpx.Response(400, json={"message": f"no recorded answer for {key}", "error": 400})
        status, body, headers = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(body, str) and body.endswith(".json"):
            body = fixture(body)
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return httpx.Response(status, content=content, headers={"Content-Type": "application/json; charset=UTF-8",
                                                                 **headers})

    def _token(self, request: httpx.Request) -> httpx.Response:
        if self.token_answers:
            status, body, headers = self.token_answers.pop(0)
            return httpx.Response(status, json=body, headers=headers)
        self.tokens_issued += 1
        body = fixture("token__ok.json")
        body["access_token"] = f"token-{self.tokens_issued}"
        return httpx.Response(200, json=body)

    def gets(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == "GET"]


@pytest.fixture(autouse=True)
def _fresh_tokens() -> None:
    forget_tokens()


def make(settings: Settings, api: RecordedReddit, *, sleep: Callable[[float], None] | None = None,
         store: Any = None, **config: Any) -> RedditSource:
    return RedditSource(source_id=1, name="reddit", config={**CONFIG, **config}, settings=settings, client=api.client,
                        store=store, sleep=sleep or (lambda s: None))


def drain(source: RedditSource, cursor: dict[str, Any] | None = None) -> list[Batch]:
    return list(source.collect(cursor or {}))


# --- the listing ------------------------------------------------------------------------------


def test_new_posts_become_mentions_and_removed_ones_deletions(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", "listing_new__posts.json")
    batches = drain(make(settings, api))
    mentions = [m for b in batches for m in b.mentions]
    deletions = [d for b in batches for d in b.deletions]
    assert [m.external_id for m in mentions] == ["t3_1b7pq8e", "t3_1b7pz3m", "t3_1b7q2xk"]  # oldest first
    assert deletions == ["t3_1b7pt1a", "t3_1b7pw9c"]
    kit = mentions[2]
    assert kit.url == "https://www.reddit.com/r/nordbrew/comments/1b7q2xk/nordbrew's_new_cold_brew_kit:_worth_it?/"
    assert kit.title == "Nordbrew's new cold brew kit: worth it?"
    assert "filter clogs after 3 uses & the lid leaks" in kit.text  # raw_json: no &amp;
    assert (kit.author, kit.likes, kit.replies, kit.channel) == ("fika_fan", 57, 23, "reddit")
    assert kit.links == ("https://nordbrew.example/faq",) and kit.hashtags == ("coldbrew",)
    assert kit.published_at.timestamp() == T + 600
    link_post = mentions[1]
    assert link_post.text == "Nordbrew raises prices by 12% across Europe\nhttps://news.example.com/2024/03/nordbrew-prices"
    assert link_post.links == ("https://news.example.com/2024/03/nordbrew-prices",)
    assert mentions[0].author is None  # the account was deleted; the post stays
    assert batches[-1].cursor == {"feed": "r/nordbrew new", "newest": T + 600}
    request = api.gets()[0]
    assert request.url.params["limit"] == "100" and request.url.params["raw_json"] == "1"
    assert request.headers["Authorization"] == "Bearer token-1"
    assert request.headers["User-Agent"] == f"voxpop/{parse.__version__} (by /u/nordbrew_listens)"


def test_the_token_is_an_application_only_grant_with_the_app_credentials(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", "listing__empty.json")
    drain(make(settings, api))
    grant = api.requests[0]
    assert grant.method == "POST" and grant.url == "https://www.reddit.com/api/v1/access_token"
    assert grant.content == b"grant_type=client_credentials"
    expected = base64.b64encode(f"{CONFIG['client_id']}:{SECRET}".encode()).decode()
    assert grant.headers["Authorization"] == f"Basic {expected}"
    assert "voxpop/" in grant.headers["User-Agent"] and "/u/nordbrew_listens" in grant.headers["User-Agent"]


def test_the_token_is_reused_across_polls_and_renewed_once_on_401(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", "listing__empty.json")
    drain(make(settings, api))
    drain(make(settings, api))
    assert api.tokens_issued == 1
    api.answers.clear()
    api.add("/r/nordbrew/new", "error__unauthorized.json", status=401)
    api.add("/r/nordbrew/new", "listing_new__posts.json")
    batches = drain(make(settings, api))
    assert api.tokens_issued == 2
    assert [r.headers["Authorization"] for r in api.gets()[-2:]] == ["Bearer token-1", "Bearer token-2"]
    assert sum(len(b.mentions) for b in batches) == 3


def test_a_token_refused_twice_needs_attention(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", "error__unauthorized.json", status=401)
    with pytest.raises(AuthExpired, match="refused the app's token"):
        drain(make(settings, api))
    assert api.tokens_issued == 2


@pytest.mark.parametrize(("status", "body"), [(401, "error__unauthorized.json"), (200, "token__invalid_grant.json")])
def test_wrong_app_credentials_need_attention_and_the_secret_is_never_shown(
        settings: Settings, status: int, body: str) -> None:
    api = RecordedReddit()
    api.token_answers.append((status, fixture(body), {}))
    with pytest.raises(AuthExpired, match="client_id and client_secret") as caught:
        drain(make(settings, api))
    assert SECRET not in str(caught.value)
    assert not api.gets()


def test_pages_are_followed_with_after_and_stored_oldest_first(settings: Settings) -> None:
    api = RecordedReddit()
    page1 = fixture("listing_new__page1.json")
    api.add("/r/nordbrew/new", page1)
    api.add("/r/nordbrew/new", "listing_new__page2.json", after=page1["data"]["after"])
    batches = drain(make(settings, api))
    assert [r.url.params.get("after") for r in api.gets()] == [None, "t3_1b8a002"]
    times = [m.published_at.timestamp() for b in batches for m in b.mentions]
    assert times == sorted(times) and len(times) == 5
    cursors = [b.cursor["newest"] for b in batches if b.cursor]
    assert cursors == sorted(cursors) and cursors[-1] == T + 5000


def test_a_rerun_reads_only_down_to_the_cursor(settings: Settings) -> None:
    api = RecordedReddit()
    page1 = fixture("listing_new__page1.json")
    api.add("/r/nordbrew/new", page1)
    api.add("/r/nordbrew/new", "listing_new__page2.json", after=page1["data"]["after"])
    # The stored newest is in page 1: with no lookback, page 1 reaches it and page 2 is not asked for.
    source = make(settings, api, lookback_s=0)
    batches = drain(source, {"feed": "r/nordbrew new", "newest": T + 4990})
    assert len(api.gets()) == 1
    assert [m.external_id for b in batches for m in b.mentions] == ["t3_1b8a001", "t3_1b8a000"]


def test_more_new_things_than_max_pages_are_reported(settings: Settings) -> None:
    api = RecordedReddit()
    page1 = fixture("listing_new__page1.json")
    api.add("/r/nordbrew/new", page1)
    batches = drain(make(settings, api, max_pages=1), {"feed": "r/nordbrew new", "newest": T - 10_000})
    rejects = [r for b in batches for r in b.rejects]
    assert len(rejects) == 1 and "passed over" in rejects[0].reason
    assert batches[-1].cursor == {"feed": "r/nordbrew new", "newest": T + 5000}


def test_new_comments_and_their_removals(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/comments", "listing_comments__normal.json")
    batches = drain(make(settings, api, listing="comments"))
    mentions = [m for b in batches for m in b.mentions]
    assert [m.external_id for m in mentions] == ["t1_kt9v7gh", "t1_kt9x2ab"]
    assert [d for b in batches for d in b.deletions] == ["t1_kt9w1ef", "t1_kt9w8cd"]
    reply = mentions[0]
    assert reply.text.startswith("12% is a lot > I'll switch")
    assert reply.title is None and reply.replies is None and reply.likes == 14
    permalink = fixture("listing_comments__normal.json")["data"]["children"][3]["data"]["permalink"]
    assert reply.url == "https://www.reddit.com" + permalink
    assert reply.url.startswith("https://www.reddit.com/r/nordbrew/comments/1b7pz3m/")
    assert batches[-1].cursor == {"feed": "r/nordbrew comments", "newest": T + 900}


def test_the_empty_listing_changes_nothing(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", "listing__empty.json")
    batches = drain(make(settings, api), {"feed": "r/nordbrew new", "newest": T})
    assert all(not b.mentions and b.cursor is None for b in batches)


def test_malformed_things_are_rejected_one_by_one(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", "listing__malformed.json")
    batches = drain(make(settings, api))
    assert [m.external_id for b in batches for m in b.mentions] == ["t3_1b7r001"]
    reasons = [r.reason for b in batches for r in b.rejects]
    assert len(reasons) == 6
    assert any("name is missing" in r for r in reasons)
    assert any("created_utc" in r for r in reasons)
    assert any("unknown kind 't5'" in r for r in reasons)
    assert any("unknown kind None" in r for r in reasons)  # a child that is not an object
    assert any("body" in r for r in reasons)
    assert any("is not the fullname" in r for r in reasons)


def test_an_answer_that_is_not_a_listing_is_a_bad_payload(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", b"<html>reddit is down</html>")
    with pytest.raises(BadPayload, match="did not answer with JSON"):
        drain(make(settings, api))
    api.answers.clear()
    api.add("/r/nordbrew/new", {"kind": "t2", "data": {}})
    with pytest.raises(BadPayload, match="not answer with a listing"):
        drain(make(settings, api))


# --- failures ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "body", "error", "said"), [
    (403, "error__private.json", SourceGone, "is private"),
    (404, "error__banned.json", SourceGone, "banned"),
    (404, "error__not_found.json", SourceGone, "is not there"),
])
def test_private_banned_and_missing_subreddits(settings: Settings, status: int, body: str,
                                               error: type[Exception], said: str) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", body, status=status)
    with pytest.raises(error, match=said):
        drain(make(settings, api))


def test_a_subreddit_that_does_not_exist_redirects_to_a_search(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", b"", status=302, headers={"Location": "/subreddits/search.json?q=nordbrew"})
    api.add("/subreddits/search.json", "listing__empty.json", q="nordbrew")
    with pytest.raises(SourceGone, match="there is no subreddit r/nordbrew"):
        drain(make(settings, api))


def test_429_is_rate_limited_until_the_reset(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", "error__rate_limited.json", status=429,
            headers={"X-Ratelimit-Used": "100", "X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "342"})
    with pytest.raises(RateLimited) as caught:
        drain(make(settings, api))
    assert caught.value.retry_after == 342


def test_it_slows_down_before_running_out(settings: Settings) -> None:
    api = RecordedReddit()
    page1 = fixture("listing_new__page1.json")
    api.add("/r/nordbrew/new", page1, headers={"X-Ratelimit-Remaining": "3.0", "X-Ratelimit-Reset": "12",
                                               "X-Ratelimit-Used": "97"})
    api.add("/r/nordbrew/new", "listing_new__page2.json", after=page1["data"]["after"],
            headers={"X-Ratelimit-Remaining": "99.0", "X-Ratelimit-Reset": "600", "X-Ratelimit-Used": "1"})
    slept: list[float] = []
    batches = drain(make(settings, api, sleep=slept.append))
    assert slept == [12.0]  # waited for the period to end before the second request
    assert sum(len(b.mentions) for b in batches) == 5


def test_a_long_wait_ends_the_run_and_keeps_what_was_read(settings: Settings) -> None:
    api = RecordedReddit()
    page1 = fixture("listing_new__page1.json")
    api.add("/r/nordbrew/new", page1, headers={"X-Ratelimit-Remaining": "1", "X-Ratelimit-Reset": "400"})
    source = make(settings, api)
    batches: list[Batch] = []
    with pytest.raises(RateLimited) as caught:
        for batch in source.collect({"feed": "r/nordbrew new", "newest": T}):
            batches.append(batch)
    assert caught.value.retry_after == 400
    assert sum(len(b.mentions) for b in batches) == 3
    assert all(b.cursor is None for b in batches)  # the boundary was not reached: read again next time
    assert len(api.gets()) == 1


# --- search -----------------------------------------------------------------------------------


def test_search_in_a_subreddit_keeps_a_cursor_per_term(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/search", "search__posts.json", q="nordbrew")
    api.add("/r/nordbrew/search", "listing__empty.json", q='"nord brew"')
    batches = drain(make(settings, api, terms='nordbrew,"nord brew"'))
    params = [dict(r.url.params) for r in api.gets()]
    assert params[0] == {"q": "nordbrew", "sort": "new", "type": "link", "limit": "100", "raw_json": "1",
                         "restrict_sr": "1"}
    assert [m.external_id for b in batches for m in b.mentions] == ["t3_1b6kk2q", "t3_1b7q2xk"]
    assert [b.cursor for b in batches if b.cursor][-1] == {"feed": "r/nordbrew search", "terms": {"nordbrew": T + 600}}


def test_site_wide_search(settings: Settings) -> None:
    api = RecordedReddit()
    api.add("/search", "search__posts.json", q="nordbrew")
    config = {k: v for k, v in CONFIG.items() if k != "subreddit"}
    source = RedditSource(source_id=1, name="r", config={**config, "terms": ["nordbrew"]}, settings=settings,
                          client=api.client)
    batches = drain(source)
    assert "restrict_sr" not in api.gets()[0].url.params
    assert batches[-1].cursor == {"feed": "all search", "terms": {"nordbrew": T + 600}}


def test_search_terms_from_saved_queries(settings: Settings, store: Store) -> None:
    with store.write() as conn:
        add_query(conn, name="brand", text='nordbrew OR "nord brew"')
        add_query(conn, name="swedish", text="lang:sv")  # no word to search for: served by other sources
    api = RecordedReddit()
    api.add("/r/nordbrew/search", "search__posts.json", q="nordbrew OR (brew nord)")
    source = make(settings, api, store=store, terms="from_queries")
    assert source.search_terms() == ["nordbrew OR (brew nord)"]
    batches = drain(source)
    assert [m.external_id for b in batches for m in b.mentions] == ["t3_1b6kk2q", "t3_1b7q2xk"]
    with store.write() as conn:
        add_query(conn, name="other", text="kaffe AND fika")
    assert source.search_terms() == ["nordbrew OR (kaffe fika) OR (brew nord)"]  # one request serves all three
    api.add("/r/nordbrew/search", "search__posts.json", q="nordbrew OR (kaffe fika) OR (brew nord)")
    drain(source)
    assert api.gets()[-1].url.params["q"] == "nordbrew OR (kaffe fika) OR (brew nord)"


def test_from_queries_stores_only_what_a_query_could_match(settings: Settings, store: Store) -> None:
    with store.write() as conn:
        add_query(conn, name="kit", text='nordbrew AND "cold brew"')
    api = RecordedReddit()
    api.add("/r/nordbrew/search", "search__posts.json", q="nordbrew brew cold")
    batches = drain(make(settings, api, store=store, terms="from_queries"))
    assert [m.external_id for b in batches for m in b.mentions] == ["t3_1b7q2xk"]
    assert batches[-1].cursor["terms"] == {"nordbrew brew cold": T + 600}


# --- config, registry, store ------------------------------------------------------------------


def test_config_is_checked_and_the_secret_masked(settings: Settings) -> None:
    cls = registry.load("reddit")
    assert cls is RedditSource
    cleaned = cls.validate_config({**CONFIG, "subreddit": "r/NordBrew+fika"})
    assert cleaned["subreddit"] == "NordBrew+fika" and cleaned["client_secret"] == SECRET
    assert mask_secrets(cleaned)["client_secret"] == "***"
    for bad, said in [({"subreddit": None}, "give a subreddit"), ({"username": "x"}, "not a Reddit username"),
                      ({"subreddit": "no spaces"}, "not a subreddit name"), ({"client_secret": "a b"}, "spaces"),
                      ({"api_url": "http://oauth.reddit.com"}, "must use https"), ({"colour": "red"}, "unknown")]:
        with pytest.raises(SourceConfigError, match=said) as caught:
            cls.validate_config({**CONFIG, **bad})
        assert SECRET not in str(caught.value)
    assert "s3cr3t" not in repr(make(settings, RecordedReddit()).config)


def test_a_run_stores_mentions_tombstones_removals_and_the_cursor(settings: Settings, store: Store,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    api = RecordedReddit()
    api.add("/r/nordbrew/new", "listing_new__posts.json")
    with store.write() as conn:
        row = add_source(conn, name="r-nordbrew", kind="reddit", config=RedditSource.validate_config(CONFIG))
    original = registry.load
    monkeypatch.setattr(registry, "load", lambda kind: (
        (lambda **kw: RedditSource(**kw, client=api.client)) if kind == "reddit" else original(kind)))
    report = run_source(store, row)
    assert report.ok and report.counts.inserted == 3
    # The post that was there on the first run is removed by the next: it becomes a tombstone.
    listing = fixture("listing_new__posts.json")
    listing["data"]["children"][0]["data"].update(selftext="[removed]", removed_by_category="moderator")
    api.answers.clear()
    api.add("/r/nordbrew/new", listing)
    assert run_source(store, row).ok
    with store.read() as conn:
        stored = {m.external_id: m for m in iter_mentions(conn)}
        cursor = get_source(conn, source_id=row.id).cursor
    assert stored["t3_1b7q2xk"].text == "" and stored["t3_1b7pz3m"].text.startswith("Nordbrew raises")
    assert cursor == {"feed": "r/nordbrew new", "newest": T + 600}
