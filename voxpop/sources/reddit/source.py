"""Poll Reddit over its OAuth API: a subreddit's new posts (``/r/<sub>/new``) or new comments
(``/r/<sub>/comments``), or a search for posts (``/search?sort=new``, optionally in one subreddit).

Access is "application only": the app's client id and secret are exchanged for a bearer token
(``client_credentials`` grant at ``/api/v1/access_token``), kept in this process's memory until it
is about to expire (or is refused), then fetched again. Every request carries a User-Agent that
names the app, its version and the Reddit account (Reddit's API rules refuse generic ones). After
every answer the rate-limit headers are read: when fewer than ``reserve`` requests are left in the
period, the run waits for the reset (up to ``max_wait_s``) or ends with RateLimited, so the
scheduler resumes after it; a 429 is RateLimited with the wait Reddit gave.

The cursor is ``{"feed", "newest"}`` (a listing) or ``{"feed", "terms": {term: newest}}`` (a
search): the ``created_utc`` of the newest thing stored. A poll reads newest first, page by page
(the listing's ``after`` fullname), until it reaches things older than ``newest - lookback_s`` or
``max_pages``, then yields the pages oldest first, each a batch whose cursor is the newest time in
it. Things read again near the boundary have the same fullname and the store's upsert adds nothing.
A poll that fails part-way stores what it read without moving the cursor (the next one reads it
again); one that reaches ``max_pages`` before the boundary moves on and says how far it got.
``before=<fullname>`` is not used to page forward: Reddit answers it with an empty page once that
thing has been removed, which would stall the source.

Removed and deleted things (``[removed]``/``[deleted]`` text, ``removed_by_category`` set) become
``Batch.deletions``: their stored mentions are tombstoned. With ``terms: from_queries`` the searches
come from the saved queries (voxpop.sources.search_terms) and only things one of them could match
are stored (the prefilter of voxpop.match.prefilter); the match stage decides as always.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx

from voxpop.match.prefilter import Prefilter, compile_saved, load_saved
from voxpop.query import analyse
from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings
from voxpop.sources.base import (
    AuthExpired,
    Batch,
    RateLimited,
    SourceError,
    SourceGone,
    TransientFetchError,
)
from voxpop.sources.fetch import (
    MAX_ERROR_BODY,
    FetchResult,
    HttpSource,
    OriginBearerAuth,
    authorised,
    check_url,
    fetch,
    open_client,
    origin_of,
    status_error,
)
from voxpop.sources.reddit import parse
from voxpop.sources.search_terms import FROM_QUERIES, REDDIT, SearchSyntax, plan_searches

JSON_ACCEPT = "application/json"
#: A token is fetched again this many seconds before Reddit says it expires.
TOKEN_MARGIN_S = 60.0

# Tokens by (auth server, client id, secret): one per app, reused across polls and sources.
_TOKENS: dict[tuple[str, str, str], tuple[str, float]] = {}
_TOKENS_LOCK = threading.Lock()


class RedditAuth(OriginBearerAuth):
    """The bearer token on requests to the API's own origin, and the last error answer read as a
    Reddit error. The token is set once the source has signed in."""

    def __init__(self, origin: str) -> None:
        super().__init__(None, origin, parse.read_error)


class RedditSource(HttpSource):
    kind: ClassVar[str] = "reddit"
    description: ClassVar[str] = "Reddit: a subreddit's new posts or comments, or a search (needs a Reddit app)"

    parse_config = staticmethod(parse.validate_config)
    config: parse.RedditConfig

    def __init__(self, *, source_id: int, name: str, config: dict[str, Any], settings: Settings,
                 client: httpx.Client | None = None, store: Any = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        super().__init__(source_id=source_id, name=name, config=config, settings=settings, client=client)
        self._store = store
        self._sleep = sleep
        # Requests carry the descriptive User-Agent Reddit asks for, not the generic one.
        self._reddit_settings = settings.model_copy(update={"user_agent": self.config.user_agent})
        self._prefilter: Prefilter | None = None
        #: requests made in this process (for tests and logs)
        self.requests = 0

    # --- what to read ---

    def collect(self, cursor: dict[str, Any]) -> Iterator[Batch]:
        state = dict(cursor or {})
        if state.get("feed") != self.config.feed:
            state = {"feed": self.config.feed}
        auth = RedditAuth(origin_of(self.config.api_url))
        owns_store = self._store is None
        try:
            with open_client(self._settings, self._client) as client, authorised(client, auth):
                if not self.config.searching:
                    yield from self._listing(client, auth, state)
                else:
                    yield from self._search(client, auth, state, self.search_terms())
        finally:
            if owns_store and self._store is not None:
                self._store.dispose()  # opened here for the saved queries
                self._store = None

    #: how this API searches (voxpop.sources.search_terms), for a backfill's searches
    search_syntax: ClassVar[SearchSyntax] = REDDIT

    def backfill(self, terms: list[str], *, since: datetime, prefilter: Prefilter | None) -> Iterator[Batch]:
        """Posts of ``terms`` created since ``since`` (searched where this source searches), kept
        when ``prefilter`` says a query could match them; the batches carry no cursor (the
        source's own is left as it is)."""
        self._prefilter = prefilter
        auth = RedditAuth(origin_of(self.config.api_url))
        start = since.timestamp() + self.config.lookback_s  # _poll reads down to newest - lookback_s
        with open_client(self._settings, self._client) as client, authorised(client, auth):
            for term in terms:
                def page_url(after: str | None, term: str = term) -> str:
                    return parse.search_url(self.config, term, after=after)

                for batch in self._poll(client, auth, page_url, start, lambda newest: {}, where=f"backfill {term!r}"):
                    batch.cursor = None
                    yield batch

    def search_terms(self) -> list[str]:
        """The configured terms, or those the saved queries need (see voxpop.sources.search_terms)."""
        if self.config.terms != FROM_QUERIES:
            return list(self.config.terms or [])
        saved = load_saved(self._queries_store())
        self._prefilter = compile_saved(saved)
        return plan_searches(saved.queries, REDDIT).terms

    def _queries_store(self) -> Any:
        if self._store is None:
            from voxpop.store import open_store

            self._store = open_store(self._settings)
        return self._store

    def _listing(self, client: httpx.Client, auth: RedditAuth, state: dict[str, Any]) -> Iterator[Batch]:
        def update(newest: float) -> dict[str, Any]:
            return {**state, "newest": newest}

        yield from self._poll(client, auth, lambda after: parse.listing_url(self.config, after=after),
                              _number(state.get("newest")), update, where=f"r/{self.config.subreddit}")

    def _search(self, client: httpx.Client, auth: RedditAuth, state: dict[str, Any],
                terms: list[str]) -> Iterator[Batch]:
        before: dict[str, Any] = dict(state.get("terms") or {})
        # Terms no longer searched are forgotten; a new term starts as a first poll.
        newest: dict[str, float] = {t: float(before[t]) for t in terms if _number(before.get(t)) is not None}
        for term in terms:
            def update(value: float, term: str = term) -> dict[str, Any]:
                newest[term] = value
                return {**state, "terms": dict(newest)}

            def page_url(after: str | None, term: str = term) -> str:
                return parse.search_url(self.config, term, after=after)

            yield from self._poll(client, auth, page_url, newest.get(term), update, where=f"search {term!r}")

    # --- one poll ---

    def _poll(self, client: httpx.Client, auth: RedditAuth, page_url: Callable[[str | None], str],
              newest: float | None, update: Callable[[float], dict[str, Any]], *, where: str) -> Iterator[Batch]:
        bound = None if newest is None else newest - self.config.lookback_s
        pages: list[tuple[list[MentionDraft], list[Reject], list[str], float | None]] = []
        failure: SourceError | None = None
        after: str | None = None
        reached = False
        passed_over = False
        emitted: set[str] = set()
        read = 0
        for number in range(1, self.config.max_pages + 1):
            try:
                listing = self._page(client, auth, page_url(after))
            except SourceError as exc:
                if not pages:
                    raise
                failure = exc  # what was read is still stored (below), without moving the cursor
                break
            mentions, rejects, deletions, page_newest, reached = self._read(listing.children, bound, where, emitted,
                                                                            offset=read)
            read += len(listing.children)
            pages.append((mentions, rejects, deletions, page_newest))
            if reached or listing.after is None or not listing.children:
                break
            after = listing.after
            passed_over = number == self.config.max_pages and bound is not None
        if passed_over:
            pages.append(([], [Reject(location=f"reddit {where}", reason=(
                f"more than {self.config.max_pages * parse.PAGE_LIMIT} new things since the last poll: older ones "
                "may have been passed over; poll more often or raise max_pages"))], [], None))
        stored = newest
        for mentions, rejects, deletions, page_newest in reversed(pages):
            cursor: dict[str, Any] | None = None
            if failure is None and page_newest is not None:
                stored = page_newest if stored is None else max(stored, page_newest)
                cursor = update(stored)
            yield Batch(mentions=mentions, rejects=rejects, deletions=deletions, cursor=cursor)
        if failure is not None:
            raise failure

    def _read(self, children: list[Any], bound: float | None, where: str, emitted: set[str], *,
              offset: int) -> tuple[list[MentionDraft], list[Reject], list[str], float | None, bool]:
        """A page's drafts, rejects and deletions oldest first, its newest time, and whether it
        reached the boundary of the last poll."""
        collected_at = datetime.now(UTC)
        mentions: list[MentionDraft] = []
        rejects: list[Reject] = []
        deletions: list[str] = []
        newest: float | None = None
        reached = False
        for index, child in reversed(list(enumerate(children, start=offset + 1))):
            outcome = parse.read_thing(child, index=index, where=where, collected_at=collected_at,
                                       max_record_bytes=self._settings.max_record_bytes)
            if outcome.created_utc is not None:
                if bound is not None and outcome.created_utc < bound:
                    reached = True
                    continue
                newest = outcome.created_utc if newest is None else max(newest, outcome.created_utc)
            if outcome.reject is not None:
                rejects.append(outcome.reject)
            elif outcome.deleted is not None:
                deletions.append(outcome.deleted)
            elif outcome.draft is not None and outcome.draft.external_id not in emitted:
                emitted.add(outcome.draft.external_id)
                if self._prefilter is None or self._prefilter.keep(analyse(outcome.draft),
                                                                   key=outcome.draft.external_id):
                    mentions.append(outcome.draft)
        return mentions, rejects, deletions, newest, reached

    # --- requests ---

    def _page(self, client: httpx.Client, auth: RedditAuth, url: str) -> parse.Listing:
        self._pace(auth.last_headers)  # before asking, so that a page read is never thrown away
        auth.token = self._token(client)
        try:
            result = self._get(client, auth, url)
        except AuthExpired:
            # The token may have been revoked or expired early: one new token, one more try.
            auth.token = self._token(client, renew=True)
            result = self._get(client, auth, url)
        if "/subreddits/search" in httpx.URL(result.url).path:
            raise SourceGone(f"there is no subreddit r/{self.config.subreddit} (Reddit offered a subreddit search "
                             "instead); check the name")
        return parse.read_listing(result.body, url=_shown(url))

    def _get(self, client: httpx.Client, auth: RedditAuth, url: str) -> FetchResult:
        self.requests += 1
        try:
            return fetch(url, settings=self._reddit_settings, client=client, accept=JSON_ACCEPT)
        except SourceError as exc:
            raise self._explained(exc, auth.last_error, auth.last_headers, url) from exc

    def _explained(self, exc: SourceError, error: parse.RedditError | None, headers: httpx.Headers,
                   url: str) -> SourceError:
        """``fetch``'s failure with what Reddit's error body and rate-limit headers say."""
        shown = _shown(url)
        sub = f"r/{self.config.subreddit}" if self.config.subreddit else "Reddit's search"
        reason = error.reason.lower() if error is not None else ""
        if isinstance(exc, RateLimited):
            wait = exc.retry_after if exc.retry_after is not None else parse.rate_limit(headers)[1]
            return RateLimited(f"{shown} answered HTTP 429: Reddit's rate limit is reached"
                               + (f"; it resets in {wait:.0f}s" if wait is not None else ""), retry_after=wait)
        if reason == "private":
            return SourceGone(f"{sub} is private: only its approved members can read it, and an app cannot")
        if reason == "banned":
            return SourceGone(f"{sub} has been banned by Reddit")
        if reason in ("quarantined", "gold_only"):
            return SourceGone(f"{sub} is {reason.replace('_', ' ')}: Reddit does not let an app without a user "
                              "login read it")
        if isinstance(exc, SourceGone):
            what = sub if self.config.subreddit else "the search"
            return SourceGone(f"{shown} answered HTTP 404: {what} is not there (deleted, or the name is wrong)")
        if isinstance(exc, AuthExpired):
            said = f" ({error.message or error.error})" if error is not None else ""
            return AuthExpired(f"{shown} refused the app's token{said}; check client_id and client_secret, and that "
                               "the app has not been deleted at https://www.reddit.com/prefs/apps")
        return exc

    def _pace(self, headers: httpx.Headers) -> None:
        """Slow down before running out: wait for the period's end when few requests are left."""
        remaining, reset = parse.rate_limit(headers)
        if remaining is None or remaining >= self.config.reserve:
            return
        if reset is None:
            reset = self.config.max_wait_s
        if reset > self.config.max_wait_s:
            raise RateLimited(f"only {remaining:g} Reddit requests are left until the rate limit resets in "
                              f"{reset:.0f}s; carrying on then", retry_after=reset)
        self._sleep(reset)

    def _token(self, client: httpx.Client, *, renew: bool = False) -> str:
        key = (self.config.auth_url, self.config.client_id, self.config.secret)
        now = time.monotonic()
        with _TOKENS_LOCK:
            held = _TOKENS.get(key)
            if renew or (held is not None and held[1] <= now):
                _TOKENS.pop(key, None)
                held = None
        if held is not None:
            return held[0]
        token = self._new_token(client)
        with _TOKENS_LOCK:
            _TOKENS[key] = (token.access_token, now + token.expires_in - TOKEN_MARGIN_S)
        return token.access_token

    def _new_token(self, client: httpx.Client) -> parse.Token:
        """An application-only token (client_credentials). Never shows the secret or the token."""
        url = parse.token_url(self.config)
        check_url(url, self._settings)
        self.requests += 1
        try:
            response = client.post(
                url, data={"grant_type": "client_credentials"},
                auth=httpx.BasicAuth(self.config.client_id, self.config.secret),
                headers={"Accept": JSON_ACCEPT, "User-Agent": self.config.user_agent},
                timeout=self._settings.fetch_timeout_s, follow_redirects=False)
        except httpx.TimeoutException as exc:
            raise TransientFetchError(f"{url} did not answer within {self._settings.fetch_timeout_s:g}s") from exc
        except httpx.TransportError as exc:
            raise TransientFetchError(f"getting a token at {url} failed: {type(exc).__name__}") from exc
        body = response.content[:MAX_ERROR_BODY]
        if response.status_code in (400, 401, 403):
            raise AuthExpired(f"Reddit refused the app's credentials at {url} (HTTP {response.status_code}); check "
                              "client_id and client_secret (see docs/sources/reddit.md)")
        failure = status_error(response.status_code, response.headers, url)
        if failure is not None:
            raise failure
        answer = parse.read_token(body, url=url)
        if isinstance(answer, parse.RedditError):
            raise AuthExpired(f"Reddit refused the app's credentials at {url} ({answer.error}); check client_id and "
                              "client_secret, and that the app is a \"script\" or \"web app\"")
        return answer


def forget_tokens() -> None:
    """Drop every cached token (tests; or after the credentials were changed)."""
    with _TOKENS_LOCK:
        _TOKENS.clear()


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _shown(url: str) -> str:
    """The URL as shown in messages: without its query (search terms may be long)."""
    return url.split("?", 1)[0]


