"""Poll one Mastodon timeline — a hashtag, the public or local timeline, or one account — or a search
(``terms``; voxpop.sources.mastodon.search) over REST.

The cursor is ``{"feed", "newest_id", "account_id"}``: which timeline it belongs to (a cursor of
another server or hashtag is not reused), the id of the newest timeline entry stored, and the
account's id once looked up.

Order of collection, and why a crash never skips a status:

* Later polls ask for ``min_id=<newest_id>``, which Mastodon answers with the statuses
  *immediately* newer than it (``since_id`` would give the newest ones and leave a gap when more
  than a page arrived), then follow the ``rel="prev"`` Link to the next newer page, up to
  ``max_pages``. Each page is one batch whose cursor is the newest id in it: every status older
  than that id was in this page or an earlier stored one. What is left over is read next poll.
* The first poll reads the latest page and follows ``rel="next"`` (older) links, then yields the
  pages oldest first, so the cursor again only ever moves past stored statuses.
* A page shorter than the limit ends the poll: the timeline is caught up, and if the server only
  filtered some statuses out of a full page, the cursor still covers only what was read.

Ids are compared as Mastodon says to (longer is newer, then lexically), never as integers. A
boost's place in the timeline is its own id, so the cursor uses that, not the boosted status's.

A status's ``uri`` is its external id: it is the same on every server, so one post seen through
two sources on different servers is one mention in each source (sources do not share mentions).
An edit arrives as the same ``uri`` with new text, and the store keeps the old version in history;
but a timeline is ordered by id, so polling only sees an edit made before the status was read.
Statuses a server fetches late (an old post pulled in by a reply) get an id from their original
date, older than the cursor, and are not seen either.

A search (``terms``, which needs a token) keeps a time per term instead: the cursor is ``{"feed",
"terms": {term: newest created_at stored}}``. A poll asks for the statuses created since that time
less ``lookback_s`` (as ``min_id``), newest first, page by page with ``max_id``, up to
``max_pages``; the pages are then yielded oldest first, each a batch whose cursor is the newest
time in it. More than ``max_pages`` pages since the last poll leaves a gap (the oldest are not
reached), and a Reject says so. With ``terms: from_queries`` the terms are those the enabled saved
queries need (voxpop.sources.search_terms, syntax ``MASTODON``: one word per search), looked up each
poll, and only statuses a query could match are stored (voxpop.match.prefilter); ``backfill``
searches the last days for a new query's words without touching the cursor.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx

from voxpop.match.prefilter import Prefilter, compile_saved, load_saved
from voxpop.query import analyse
from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings
from voxpop.sources.base import AuthExpired, Batch, RateLimited, SourceError, SourceGone
from voxpop.sources.fetch import FetchResult, HttpSource, fetch, open_client
from voxpop.sources.mastodon import parse, search
from voxpop.sources.search_terms import FROM_QUERIES, MASTODON, SearchSyntax, plan_searches

JSON_ACCEPT = "application/json"


class InstanceAuth(httpx.Auth):
    """The bearer token on requests to the instance's own origin and nowhere else (the fetcher
    follows redirects by hand, each hop a new request through here), and the headers of the last
    answer, for the rate-limit headers of a 429 that the fetcher turns into RateLimited."""

    def __init__(self, token: str | None, origin: str) -> None:
        self._token = token
        self._origin = origin
        self.last_headers: httpx.Headers = httpx.Headers()

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._token and _origin(str(request.url)) == self._origin:
            request.headers["Authorization"] = f"Bearer {self._token}"
        else:
            request.headers.pop("Authorization", None)
        response = yield request
        self.last_headers = response.headers

    def __repr__(self) -> str:
        return f"InstanceAuth(origin={self._origin!r}, token={'***' if self._token else None})"


@dataclass(slots=True)
class Page:
    entries: list[Any]
    links: dict[str, str] = field(default_factory=dict)


class MastodonSource(HttpSource):
    kind: ClassVar[str] = "mastodon"
    description: ClassVar[str] = "Mastodon: a hashtag, the public or local timeline, one account's posts, or a search"

    parse_config = staticmethod(parse.validate_config)
    config: parse.MastodonConfig

    #: how this API searches (voxpop.sources.search_terms), for a backfill's searches
    search_syntax: ClassVar[SearchSyntax] = MASTODON

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
        terms = self.search_terms() if self.config.terms is not None else []
        auth = InstanceAuth(self.config.bearer, _origin(self.config.instance))
        with open_client(self._settings, self._client) as client, _authorised(client, auth):
            if self.config.terms is not None:
                yield from self._search(client, auth, state, terms)
            else:
                yield from self._collect(client, auth, state, before=dict(cursor or {}))

    # --- search ---

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
        return plan_searches(saved.queries, MASTODON).terms

    def backfill(self, terms: list[str], *, since: datetime, prefilter: Prefilter | None) -> Iterator[Batch]:
        """Statuses of ``terms`` created since ``since``, kept when ``prefilter`` says a query could
        match them; the batches carry no cursor (the source's own is left as it is)."""
        self._prefilter = prefilter
        # _search_term reads from newest - lookback_s: start that far after ``since``
        start = (since.astimezone(UTC) + timedelta(seconds=self.config.lookback_s)).isoformat()
        auth = InstanceAuth(self.config.bearer, _origin(self.config.instance))
        with open_client(self._settings, self._client) as client, _authorised(client, auth):
            emitted: set[str] = set()
            for term in terms:
                yield from self._search_term(client, auth, term, start, lambda newest: None, emitted)

    def _search(self, client: httpx.Client, auth: InstanceAuth, state: dict[str, Any],
                wanted: list[str]) -> Iterator[Batch]:
        before: dict[str, Any] = dict(state.get("terms") or {})
        # Terms no longer searched are forgotten (a term searched again later starts afresh).
        times = {t: before[t] for t in wanted if isinstance(before.get(t), str)}
        emitted: set[str] = set()
        for term in wanted:
            def update(newest: str, term: str = term) -> dict[str, Any]:
                times[term] = newest
                return {**state, "terms": dict(times)}

            yield from self._search_term(client, auth, term, times.get(term), update, emitted)

    def _search_term(self, client: httpx.Client, auth: InstanceAuth, term: str, newest: str | None, update: Any,
                     emitted: set[str]) -> Iterator[Batch]:
        """One term's statuses since ``newest`` (less the lookback), oldest page first."""
        stored = datetime.fromisoformat(newest) if newest else None
        bound = stored - timedelta(seconds=self.config.lookback_s) if stored is not None else None
        lower = search.id_at(bound) if bound is not None else None
        pages: list[tuple[list[MentionDraft], list[Reject], datetime | None]] = []
        failure: SourceError | None = None
        max_id: str | None = None
        full = False
        for _ in range(self.config.max_pages):
            url = search.search_url(self.config, term, min_id=lower, max_id=max_id)
            try:
                result = self._fetch(client, auth, url)
                entries = search.read_search(result.body, url=result.url)
            except SourceError as exc:
                if not pages:
                    raise
                failure = exc  # what was read is still stored, oldest first
                break
            pages.append(self._search_page(entries, term, bound, emitted))
            full = len(entries) >= parse.PAGE_LIMIT
            ids = [e.get("id") if isinstance(e, dict) and isinstance(e.get("id"), str) else None for e in entries]
            max_id = search.oldest(ids)
            if not full or max_id is None:
                break
        if failure is None and full and lower is not None:
            reason = (f"more than {self.config.max_pages} pages of statuses since the last poll: older ones were not "
                      "read; raise max_pages or poll more often")
            pages.append(([], [Reject(location=f"{self.config.instance} search {term!r}", reason=reason)], None))
        for mentions, rejects, page_newest in reversed(pages):
            if page_newest is not None and (stored is None or page_newest > stored):
                stored = page_newest
            yield Batch(mentions=mentions, rejects=rejects,
                        cursor=update(stored.isoformat()) if stored is not None else None)
        if failure is not None:
            raise failure

    def _search_page(self, entries: list[Any], term: str, bound: datetime | None,
                     emitted: set[str]) -> tuple[list[MentionDraft], list[Reject], datetime | None]:
        """A search page's drafts and rejects oldest first, and the newest creation time in it."""
        collected_at = datetime.now(UTC)
        mentions: list[MentionDraft] = []
        rejects: list[Reject] = []
        newest: datetime | None = None
        for index, entry in reversed(list(enumerate(entries, start=1))):
            outcome = parse.read_entry(entry, index=index, instance=self.config.instance, collected_at=collected_at,
                                       max_record_bytes=self._settings.max_record_bytes)
            if outcome.reject is not None:
                rejects.append(outcome.reject)
                continue
            draft = outcome.draft
            if draft is None or draft.external_id in emitted:
                continue
            if bound is not None and draft.published_at < bound:
                continue  # a server that ignores min_id: older than asked for
            newest = draft.published_at if newest is None else max(newest, draft.published_at)
            emitted.add(draft.external_id)
            if self._prefilter is None or self._prefilter.keep(analyse(draft), key=draft.external_id):
                mentions.append(draft)
        return mentions, rejects, newest

    # --- timelines ---

    def _collect(
        self, client: httpx.Client, auth: InstanceAuth, state: dict[str, Any], before: dict[str, Any]
    ) -> Iterator[Batch]:
        path = self._path(client, auth, state)
        emitted: set[str] = set()
        failure: SourceError | None = None
        if state.get("newest_id"):
            pages = self._newer(client, auth, path, state["newest_id"])
        else:
            latest, failure = self._latest(client, auth, path)
            pages = iter(reversed(latest))
        yielded = False
        for page in pages:
            yield self._batch(page, path, state, emitted)
            yielded = True
        if not yielded and state.get("account_id") != before.get("account_id"):
            yield Batch(cursor=dict(state))  # the looked-up account id, so it is not looked up again
        if failure is not None:
            raise failure

    def _newer(self, client: httpx.Client, auth: InstanceAuth, path: str, newest_id: str) -> Iterator[Page]:
        """The pages immediately newer than ``newest_id``, oldest first, up to ``max_pages``."""
        url: str | None = parse.timeline_url(self.config, path, min_id=newest_id)
        for _ in range(self.config.max_pages):
            if url is None:
                return
            page = self._get(client, auth, url)
            if page.entries:
                yield page
            if len(page.entries) < parse.PAGE_LIMIT:
                return  # caught up (a short page may also be filtered: the rest comes next poll)
            url = parse.page_link(page.links, "prev", base=self.config.instance, path=path)

    def _latest(self, client: httpx.Client, auth: InstanceAuth, path: str) -> tuple[list[Page], SourceError | None]:
        """The latest page and up to ``max_pages - 1`` older ones, newest first. A failure after
        the first page is returned with the pages read so far, so that those are still stored."""
        pages: list[Page] = []
        url: str | None = parse.timeline_url(self.config, path)
        while url is not None and len(pages) < self.config.max_pages:
            try:
                page = self._get(client, auth, url)
            except SourceError as exc:
                if not pages:
                    raise
                return pages, exc
            if page.entries:
                pages.append(page)
            if len(page.entries) < parse.PAGE_LIMIT:
                break
            url = parse.page_link(page.links, "next", base=self.config.instance, path=path)
        return pages, None

    def _batch(self, page: Page, path: str, state: dict[str, Any], emitted: set[str]) -> Batch:
        """One page as a batch, oldest status first; its cursor is the newest id of the page."""
        collected_at = datetime.now(UTC)
        mentions: list[MentionDraft] = []
        rejects: list[Reject] = []
        ids: list[str | None] = []
        for index, entry in reversed(list(enumerate(page.entries, start=1))):
            outcome = parse.read_entry(
                entry,
                index=index,
                instance=self.config.instance,
                collected_at=collected_at,
                max_record_bytes=self._settings.max_record_bytes,
            )
            ids.append(outcome.timeline_id)
            if outcome.reject is not None:
                rejects.append(outcome.reject)
            elif outcome.draft is not None and outcome.draft.external_id not in emitted:
                emitted.add(outcome.draft.external_id)
                mentions.append(outcome.draft)
        # When no entry had a usable id, the page's own prev link still says where it ends.
        link = parse.page_link(page.links, "prev", base=self.config.instance, path=path)
        newest = parse.newest([*ids, state.get("newest_id")]) or parse.link_id(link, "min_id")
        if newest is not None:
            state["newest_id"] = newest
        return Batch(mentions=mentions, rejects=rejects, cursor=dict(state))

    def _path(self, client: httpx.Client, auth: InstanceAuth, state: dict[str, Any]) -> str:
        if self.config.account is None:
            return parse.timeline_path(self.config)
        account_id = state.get("account_id")
        if not isinstance(account_id, str) or not account_id:
            url = parse.lookup_url(self.config)
            try:
                result = self._fetch(client, auth, url)
            except SourceGone as exc:
                raise SourceGone(
                    f"{self.config.instance} does not know the account {self.config.account} (lookup answered "
                    "404); check the spelling, or use the account's own server as instance"
                ) from exc
            account_id = parse.read_account_id(result.body, url=result.url)
            state["account_id"] = account_id
        return parse.timeline_path(self.config, account_id=account_id)

    def _get(self, client: httpx.Client, auth: InstanceAuth, url: str) -> Page:
        result = self._fetch(client, auth, url)
        return Page(
            entries=parse.read_timeline(result.body, url=result.url),
            links=parse.parse_links(result.headers.get("link")),
        )

    def _fetch(self, client: httpx.Client, auth: InstanceAuth, url: str) -> FetchResult:
        """``fetch`` with Mastodon's meaning added to its failures (never the token: it is only
        ever in a header)."""
        try:
            return fetch(url, settings=self._settings, client=client, accept=JSON_ACCEPT)
        except RateLimited as exc:
            if exc.retry_after is not None:
                raise
            wait = parse.rate_limit_reset(auth.last_headers.get("x-ratelimit-reset"))
            if wait is None:
                raise
            limit = auth.last_headers.get("x-ratelimit-limit")
            raise RateLimited(
                f"{self.config.instance} answered HTTP 429: its rate limit"
                + (f" of {limit} requests" if limit and limit.isdigit() else "")
                + f" is reached; it resets in {wait:.0f}s",
                retry_after=wait,
            ) from exc
        except AuthExpired as exc:
            if self.config.terms is not None:
                hint = ("the access token was refused: it may have been revoked, or lack the read:search scope "
                        "(see docs/sources/mastodon.md)")
            elif self.config.token is None:
                hint = ("this server shows it only to signed-in apps: create an access token with the "
                        "read:statuses and read:accounts scopes and set token (see docs/sources/mastodon.md)")
            else:
                hint = ("the access token was refused: it may have been revoked, or lack the read:statuses or "
                        "read:accounts scope")
            raise AuthExpired(f"{exc}; {hint}") from exc


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@contextmanager
def _authorised(client: httpx.Client, auth: InstanceAuth) -> Iterator[httpx.Client]:
    """The client with ``auth`` for the duration (an injected client gets its own auth back)."""
    previous = client.auth
    client.auth = auth
    try:
        yield client
    finally:
        client.auth = previous  # type: ignore[assignment]  # None (no auth) is accepted, though not typed
