"""Poll Bluesky over XRPC: one account's posts (``app.bsky.feed.getAuthorFeed`` on the public AppView,
no login) or a search (``app.bsky.feed.searchPosts``, which needs a login: a handle and an app
password, exchanged for tokens with ``com.atproto.server.createSession``).

The cursor is ``{"feed", "newest"}`` for an author feed and ``{"feed", "terms": {term: newest}}``
for a search: the time (ISO 8601) of the newest post stored. A poll reads newest first, page by
page (the API's opaque ``cursor``), until it reaches posts older than ``newest - lookback_s`` or
``max_pages``; the pages are then yielded oldest first, each a batch whose cursor is the newest
time in it, so a crash never moves the cursor past a post that was not stored. What is read again
near the boundary has the same at:// URI and is recognised by the store's upsert. More than
``max_pages`` new pages since the last poll leaves a gap (the oldest pages are not reached); the
docs say how to size ``max_pages``.

With ``terms: from_queries`` the searches are those the enabled saved queries need
(voxpop.sources.search_terms, syntax ``BLUESKY``), looked up at the start of each poll; only posts
one of the queries could match are stored (the prefilter of voxpop.match.prefilter), and a term no
longer needed is dropped from the cursor. ``backfill`` searches the last days for a new query's
searches (voxpop.sources.backfill) without touching the cursor.

Tokens live only in this process's memory (a session is reused across polls, refreshed with
``refreshSession`` when the access token expires); the app password is never logged or shown.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx

from voxpop.match.prefilter import Prefilter, compile_saved, load_saved
from voxpop.query import analyse
from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings
from voxpop.sources.base import (
    AuthExpired,
    BadPayload,
    Batch,
    RateLimited,
    SourceConfigError,
    SourceError,
    SourceGone,
    TransientFetchError,
)
from voxpop.sources.bluesky import parse
from voxpop.sources.fetch import (
    MAX_ERROR_BODY,
    HttpSource,
    OriginBearerAuth,
    authorised,
    check_url,
    fetch,
    open_client,
    status_error,
)
from voxpop.sources.search_terms import BLUESKY, FROM_QUERIES, SearchSyntax, plan_searches

JSON_ACCEPT = "application/json"
#: Error bodies are read up to this size (XRPC errors are a few dozen bytes).

# Sessions by (service, handle, password): createSession is limited to 30 per 5 minutes and 300 a
# day per account, so polls reuse the tokens instead of logging in each time.
_SESSIONS: dict[tuple[str, str, str], parse.Session] = {}
_SESSIONS_LOCK = threading.Lock()


class XrpcAuth(OriginBearerAuth):
    """The bearer token on requests to the service's own origin (never elsewhere), and the last
    error answer read as an XRPC error."""

    def __init__(self, token: str | None, origin: str) -> None:
        super().__init__(token, origin, parse.read_error)


class BlueskySource(HttpSource):
    kind: ClassVar[str] = "bluesky"
    description: ClassVar[str] = "Bluesky: one account's posts (public) or a search (needs an app password)"

    parse_config = staticmethod(parse.validate_config)
    config: parse.BlueskyConfig

    #: how this API searches (voxpop.sources.search_terms), for a backfill's searches
    search_syntax: ClassVar[SearchSyntax] = BLUESKY

    def __init__(self, *, source_id: int, name: str, config: dict[str, Any], settings: Settings,
                 client: httpx.Client | None = None, store: Any = None) -> None:
        super().__init__(source_id=source_id, name=name, config=config, settings=settings, client=client)
        #: where the saved queries are read from (``terms: from_queries``); opened from the settings if None
        self._store = store
        self._prefilter: Prefilter | None = None

    def collect(self, cursor: dict[str, Any]) -> Iterator[Batch]:
        state = dict(cursor or {})
        if state.get("feed") != self.config.feed:
            state = {"feed": self.config.feed}
        with open_client(self._settings, self._client) as client:
            if self.config.actor is not None:
                auth = XrpcAuth(None, self.config.appview)
                with authorised(client, auth):
                    yield from self._author_feed(client, auth, state)
            else:
                terms = self.search_terms()
                auth = XrpcAuth(None, self.config.service)
                with authorised(client, auth):
                    yield from self._search(client, auth, state, terms)

    def search_terms(self) -> list[str]:
        """The configured terms, or those the enabled saved queries need (and their prefilter)."""
        if self.config.terms != FROM_QUERIES:
            return list(self.config.terms or [])
        owns_store = self._store is None
        if owns_store:
            from voxpop.store import open_store

            self._store = open_store(self._settings)
        try:
            saved = load_saved(self._store)
        finally:
            if owns_store:
                self._store.dispose()
                self._store = None
        self._prefilter = compile_saved(saved)
        return plan_searches(saved.queries, BLUESKY).terms

    def backfill(self, terms: list[str], *, since: datetime, prefilter: Prefilter | None) -> Iterator[Batch]:
        """Posts of ``terms`` created since ``since``, kept when ``prefilter`` says a query could match
        them; the batches carry no cursor (the source's own is left as it is)."""
        self._prefilter = prefilter
        # _poll reads down to newest - lookback_s: start that far after ``since``
        start = (since.astimezone(UTC) + timedelta(seconds=self.config.lookback_s)).isoformat()
        with open_client(self._settings, self._client) as client:
            auth = XrpcAuth(None, self.config.service)
            with authorised(client, auth):
                for term in terms:
                    yield from self._search_term(client, auth, term, start, lambda newest: None,
                                                 where=f"backfill:{term}")

    # --- the two feeds ---

    def _author_feed(self, client: httpx.Client, auth: XrpcAuth, state: dict[str, Any]) -> Iterator[Batch]:
        actor = self.config.actor or ""

        def page_url(cursor: str | None) -> str:
            return parse.xrpc_url(self.config.appview, "app.bsky.feed.getAuthorFeed", {
                "actor": actor, "limit": parse.PAGE_LIMIT, "cursor": cursor})

        def newest_update(newest: str) -> dict[str, Any]:
            return {**state, "newest": newest}

        yield from self._poll(client, auth, page_url, "feed", state.get("newest"), newest_update, where=actor)

    def _search(self, client: httpx.Client, auth: XrpcAuth, state: dict[str, Any],
                wanted: list[str]) -> Iterator[Batch]:
        before: dict[str, str] = dict(state.get("terms") or {})
        # Terms no longer searched are forgotten (a term searched again later starts afresh).
        terms = {t: before[t] for t in wanted if isinstance(before.get(t), str)}
        for term in wanted:
            def newest_update(newest: str, term: str = term) -> dict[str, Any]:
                terms[term] = newest
                return {**state, "terms": dict(terms)}

            yield from self._search_term(client, auth, term, terms.get(term), newest_update, where=f"search:{term}")

    def _search_term(self, client: httpx.Client, auth: XrpcAuth, term: str, since: str | None, update: Any, *,
                     where: str) -> Iterator[Batch]:
        def page_url(cursor: str | None) -> str:
            return parse.xrpc_url(self.config.service, "app.bsky.feed.searchPosts", {
                "q": term, "sort": "latest", "limit": parse.PAGE_LIMIT, "cursor": cursor,
                "since": self._lower_bound(since)})

        yield from self._poll(client, auth, page_url, "posts", since, update, where=where)

    def _lower_bound(self, newest: str | None) -> str | None:
        if newest is None:
            return None
        when = datetime.fromisoformat(newest) - timedelta(seconds=self.config.lookback_s)
        return when.isoformat().replace("+00:00", "Z")

    def _poll(self, client: httpx.Client, auth: XrpcAuth, page_url: Any, key: Any, newest: str | None,
              update: Any, *, where: str) -> Iterator[Batch]:
        bound = datetime.fromisoformat(self._lower_bound(newest) or "1990-01-01T00:00:00+00:00")
        pages: list[tuple[list[MentionDraft], list[Reject], datetime | None]] = []
        failure: SourceError | None = None
        cursor: str | None = None
        emitted: set[str] = set()
        for _ in range(self.config.max_pages):
            try:
                page = self._page(client, auth, page_url(cursor), key)
            except SourceError as exc:
                if not pages:
                    raise
                failure = exc  # what was read is still stored, oldest first
                break
            mentions, rejects, page_newest, reached = self._read(page.items, bound, where, emitted)
            if mentions or rejects or page_newest:
                pages.append((mentions, rejects, page_newest))
            if reached or page.cursor is None or not page.items:
                break
            cursor = page.cursor
        stored = datetime.fromisoformat(newest) if newest else None
        for mentions, rejects, page_newest in reversed(pages):
            if page_newest is not None and (stored is None or page_newest > stored):
                stored = page_newest
            yield Batch(mentions=mentions, rejects=rejects,
                        cursor=update(stored.isoformat()) if stored is not None else None)
        if failure is not None:
            raise failure

    def _read(self, items: list[Any], bound: datetime, where: str,
              emitted: set[str]) -> tuple[list[MentionDraft], list[Reject], datetime | None, bool]:
        """A page's drafts and rejects oldest first, its newest time, and whether it reached the bound."""
        collected_at = datetime.now(UTC)
        mentions: list[MentionDraft] = []
        rejects: list[Reject] = []
        newest: datetime | None = None
        reached = False
        for index, item in reversed(list(enumerate(items, start=1))):
            outcome = parse.read_feed_item(item, index=index, where=f"bluesky:{where}", collected_at=collected_at,
                                           max_record_bytes=self._settings.max_record_bytes)
            if outcome.sort_at is not None:
                if outcome.sort_at < bound:
                    reached = True
                    continue
                newest = outcome.sort_at if newest is None else max(newest, outcome.sort_at)
            if outcome.reject is not None:
                rejects.append(outcome.reject)
            elif outcome.draft is not None and outcome.draft.external_id not in emitted:
                emitted.add(outcome.draft.external_id)
                if self._prefilter is None or self._prefilter.keep(analyse(outcome.draft),
                                                                   key=outcome.draft.external_id):
                    mentions.append(outcome.draft)
        return mentions, rejects, newest, reached

    # --- requests ---

    def _page(self, client: httpx.Client, auth: XrpcAuth, url: str, key: Any) -> parse.Page:
        if self.config.terms is not None:
            session = self._session(client)
            auth.token = session.accessJwt
        try:
            result = self._get(client, auth, url)
        except AuthExpired:
            if self.config.terms is None or auth.last_error is None or auth.last_error.error != "ExpiredToken":
                raise
            auth.token = self._refresh(client).accessJwt
            result = self._get(client, auth, url)
        return parse.read_page(result.body, url=_shown(url), key=key)

    def _get(self, client: httpx.Client, auth: XrpcAuth, url: str) -> Any:
        try:
            return fetch(url, settings=self._settings, client=client, accept=JSON_ACCEPT)
        except SourceError as exc:
            raise self._explained(exc, auth.last_error, auth.last_headers, url) from exc

    def _explained(self, exc: SourceError, error: parse.XrpcError | None, headers: httpx.Headers,
                   url: str) -> SourceError:
        """``fetch``'s failure with what the XRPC error body and rate-limit headers say."""
        said = f"{error.error}: {error.message}" if error is not None else None
        shown = _shown(url)
        if isinstance(exc, RateLimited):
            wait = exc.retry_after if exc.retry_after is not None else rate_limit_reset(headers.get("ratelimit-reset"))
            limit = headers.get("ratelimit-limit")
            return RateLimited(
                f"{shown} answered HTTP 429: Bluesky's rate limit"
                + (f" of {limit} requests" if limit and limit.isdigit() else "") + " is reached"
                + (f"; it resets in {wait:.0f}s" if wait is not None else ""), retry_after=wait)
        if error is not None and error.error in ("ExpiredToken", "InvalidToken", "AuthenticationRequired",
                                                 "AuthMissing", "AccountTakedown"):
            return AuthExpired(f"{shown} refused the login ({said}); check handle and app_password "
                               "(see docs/sources/bluesky.md)")
        if error is not None and error.error == "InvalidRequest" and self.config.actor is not None and (
                "actor" in error.message.lower() or "profile" in error.message.lower()):
            return SourceGone(f"Bluesky does not know the account {self.config.actor} ({said}): it may have been "
                              "deleted or renamed; check the handle")
        if error is not None and error.error in ("AccountDeactivated", "BlockedActor", "BlockedByActor"):
            return SourceGone(f"the account {self.config.actor} cannot be read ({said})")
        if error is not None and isinstance(exc, BadPayload):
            return SourceConfigError(f"{shown} refused the request ({said})")
        return exc

    def _session(self, client: httpx.Client) -> parse.Session:
        key = self._session_key()
        with _SESSIONS_LOCK:
            session = _SESSIONS.get(key)
        if session is None:
            session = self._post("com.atproto.server.createSession", client,
                                 json={"identifier": self.config.handle, "password": self.config.password})
            with _SESSIONS_LOCK:
                _SESSIONS[key] = session
        return session

    def _refresh(self, client: httpx.Client) -> parse.Session:
        """New tokens from the refresh token; a new login when that has expired too."""
        key = self._session_key()
        with _SESSIONS_LOCK:
            old = _SESSIONS.pop(key, None)
        session: parse.Session | None = None
        if old is not None:
            try:
                session = self._post("com.atproto.server.refreshSession", client, bearer=old.refreshJwt)
            except AuthExpired:
                session = None
        if session is None:
            session = self._post("com.atproto.server.createSession", client,
                                 json={"identifier": self.config.handle, "password": self.config.password})
        with _SESSIONS_LOCK:
            _SESSIONS[key] = session
        return session

    def _session_key(self) -> tuple[str, str, str]:
        return (self.config.service, self.config.handle or "", self.config.password or "")

    def _post(self, method: str, client: httpx.Client, *, json: dict[str, Any] | None = None,
              bearer: str | None = None) -> parse.Session:
        """A login call (POST, JSON in and out). Never shows the password or the tokens."""
        url = f"{self.config.service}/xrpc/{method}"
        check_url(url, self._settings)
        headers = {"Accept": JSON_ACCEPT, "User-Agent": self._settings.user_agent}
        if bearer is not None:
            headers["Authorization"] = f"Bearer {bearer}"
        previous = client.auth
        client.auth = None  # type: ignore[assignment]  # the login call carries its own header
        try:
            response = client.post(url, json=json, headers=headers, timeout=self._settings.fetch_timeout_s,
                                   follow_redirects=False)
        except httpx.TimeoutException as exc:
            raise TransientFetchError(f"{url} did not answer within {self._settings.fetch_timeout_s:g}s") from exc
        except httpx.TransportError as exc:
            raise TransientFetchError(f"logging in at {url} failed: {type(exc).__name__}") from exc
        finally:
            client.auth = previous  # type: ignore[assignment]
        body = response.content[:MAX_ERROR_BODY * 4]
        if response.status_code < 300:
            return parse.read_session(body, url=url)
        error = parse.read_error(body)
        failure = status_error(response.status_code, response.headers, url) or TransientFetchError(url)
        if response.status_code in (400, 401) and error is not None and error.error in (
                "AuthenticationRequired", "InvalidPassword", "AccountTakedown", "ExpiredToken", "InvalidToken"):
            return_error: SourceError = AuthExpired(
                f"Bluesky refused the login for {self.config.handle} ({error.error}: {error.message}); check the "
                "handle and create a new app password (see docs/sources/bluesky.md)")
            raise return_error
        raise self._explained(failure, error, response.headers, url)


def rate_limit_reset(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds until ``ratelimit-reset`` (Unix seconds, as Bluesky's servers send it), or None."""
    if not value or not value.strip().isdigit():
        return None
    when = datetime.fromtimestamp(int(value.strip()), UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _shown(url: str) -> str:
    """The URL as shown in messages: without its query (search terms may be long)."""
    return url.split("?", 1)[0]


