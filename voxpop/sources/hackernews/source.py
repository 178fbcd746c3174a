"""Poll the HN Search API (by Algolia) for stories and comments that match each configured term.

The cursor is ``{"terms": {term: newest created_at_i stored}}``. A poll asks ``search_by_date``
for ``created_at_i >= newest - lookback_s``: the boundary second is read again (two items can
share it, and one may arrive after the poll), and so are items the index took in late. What is
read again has the same objectID, so the store's upsert recognises it and adds nothing.

Order of collection, and why a crash never skips an item: the answer is newest first, in pages.
The first page says how many pages there are and what the newest time is; the other pages are
then asked for with that time as an upper bound (so items arriving meanwhile do not shift them)
and read oldest first, each one a batch whose cursor is the newest time in it: everything older,
down to the old cursor, is in that page or an earlier stored one. The first page comes last.
When there are more than ``max_pages`` pages, the oldest ones are read and the rest waits for the
next poll; the newest page is still stored at once, without moving the cursor past the gap.

With ``terms: from_queries`` the terms are those the enabled saved queries need
(voxpop.sources.search_terms: the fewest searches that together return every post a query could
match), looked up at the start of each poll, and only hits one of the queries could match are
stored (the prefilter of voxpop.match.prefilter); the match stage decides as always.

The API returns at most 1,000 hits per query. On the first poll (no cursor) that is the latest
history there is; on a later poll, matching items beyond it cannot be reached, and a Reject says
how many were skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx

from voxpop.match.prefilter import Prefilter, compile_saved, load_saved
from voxpop.query import analyse
from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings
from voxpop.sources.base import Batch
from voxpop.sources.fetch import HttpSource, fetch, open_client
from voxpop.sources.hackernews import parse
from voxpop.sources.search_terms import FROM_QUERIES, HACKERNEWS, SearchSyntax, plan_searches

JSON_ACCEPT = "application/json"


class HackerNewsSource(HttpSource):
    kind: ClassVar[str] = "hackernews"
    description: ClassVar[str] = "Hacker News stories and comments matching search terms (HN Search by Algolia)"

    parse_config = staticmethod(parse.validate_config)
    config: parse.HackerNewsConfig

    def __init__(self, *, source_id: int, name: str, config: dict[str, Any], settings: Settings,
                 client: httpx.Client | None = None, store: Any = None) -> None:
        super().__init__(source_id=source_id, name=name, config=config, settings=settings, client=client)
        #: where the saved queries are read from (``terms: from_queries``); opened from the settings if None
        self._store = store
        self._prefilter: Prefilter | None = None

    def search_terms(self) -> list[str]:
        """The configured terms, or those the enabled saved queries need."""
        if self.config.terms != FROM_QUERIES:
            return list(self.config.terms)
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
        return plan_searches(saved.queries, HACKERNEWS).terms

    #: how this API searches (voxpop.sources.search_terms), for a backfill's searches
    search_syntax: ClassVar[SearchSyntax] = HACKERNEWS

    def backfill(self, terms: list[str], *, since: datetime, prefilter: Prefilter | None) -> Iterator[Batch]:
        """Items of ``terms`` created since ``since``, kept when ``prefilter`` says a query could match
        them; the batches carry no cursor (the source's own is left as it is)."""
        self._prefilter = prefilter
        start = int(since.timestamp()) + self.config.lookback_s  # _term reads from cursor - lookback_s
        state: dict[str, Any] = {"terms": {term: start for term in terms}}
        emitted: set[str] = set()
        with open_client(self._settings, self._client) as client:
            for term in terms:
                for batch in self._term(client, term, state, emitted):
                    batch.cursor = None
                    yield batch

    def collect(self, cursor: dict[str, Any]) -> Iterator[Batch]:
        terms = self.search_terms()
        before: dict[str, Any] = dict((cursor or {}).get("terms") or {})
        # Terms no longer configured are forgotten; a term added later starts as a first poll.
        state = {"terms": {t: before[t] for t in terms if isinstance(before.get(t), int)}}
        emitted: set[str] = set()
        with open_client(self._settings, self._client) as client:
            for term in terms:
                yield from self._term(client, term, state, emitted)

    def _term(self, client: httpx.Client, term: str, state: dict[str, Any], emitted: set[str]) -> Iterator[Batch]:
        since: int | None = state["terms"].get(term)
        lower = None if since is None else max(0, since - self.config.lookback_s)
        first = self._search(client, term, page=0, since=lower)
        if not first.hits:
            return
        top = max((h["created_at_i"] for h in first.hits if _timed(h)), default=None)
        pages = max(first.nb_pages, 1)
        extra = min(pages, self.config.max_pages) - 1
        read, left, why = first.reachable, 0, ""
        if since is None:
            older = list(range(extra, 0, -1))  # the newest pages: no promise is made about before them
            complete = True
        elif extra == 0 and pages > 1:
            older, complete = [], True  # only the newest page may be read: move on, and say what was passed
            read, left, why = len(first.hits), first.nb_hits - len(first.hits), "max_pages is 1; raise it"
        else:
            older = list(range(pages - 1, pages - 1 - extra, -1))  # the oldest first: no gap behind them
            complete = extra == pages - 1
            left = first.nb_hits - first.reachable
            why = "the HN search API returns at most 1,000 hits per query; poll more often or narrow the term"
        if left > 0:
            reason = f"up to {left:,} matching items older than the newest {read:,} were not read: {why}"
            yield Batch(rejects=[Reject(location=f"hackernews search {term!r}", reason=reason)])
        for page_number in older:
            page = self._search(client, term, page=page_number, since=lower, until=top)
            yield self._batch(term, page, state, emitted, advance=True)
        yield self._batch(term, first, state, emitted, advance=complete)

    def _batch(
        self, term: str, page: parse.SearchPage, state: dict[str, Any], emitted: set[str], *, advance: bool
    ) -> Batch:
        """One page of hits, oldest first; when ``advance``, its cursor is the newest time in it."""
        collected_at = datetime.now(UTC)
        mentions: list[MentionDraft] = []
        rejects: list[Reject] = []
        times: list[int] = []
        for index, hit in reversed(list(enumerate(page.hits, start=1))):
            outcome = parse.read_hit(hit, term=term, index=index + page.page * parse.HITS_PER_PAGE,
                                     collected_at=collected_at, max_record_bytes=self._settings.max_record_bytes)
            if outcome.created_at_i is not None:
                times.append(outcome.created_at_i)
            if outcome.reject is not None:
                rejects.append(outcome.reject)
            elif outcome.draft is not None and outcome.draft.external_id not in emitted:
                emitted.add(outcome.draft.external_id)
                if self._prefilter is None or self._prefilter.keep(analyse(outcome.draft),
                                                                   key=outcome.draft.external_id):
                    mentions.append(outcome.draft)
        if advance and times:
            state["terms"][term] = max(times + [state["terms"].get(term, 0)])
        return Batch(mentions=mentions, rejects=rejects, cursor={"terms": dict(state["terms"])})

    def _search(
        self, client: httpx.Client, term: str, *, page: int, since: int | None, until: int | None = None
    ) -> parse.SearchPage:
        url = parse.search_url(self.config, term, page=page, since=since, until=until)
        result = fetch(url, settings=self._settings, client=client, accept=JSON_ACCEPT)
        return parse.read_search(result.body, url=result.url)


def _timed(hit: Any) -> bool:
    when = hit.get("created_at_i") if isinstance(hit, dict) else None
    return isinstance(when, int) and not isinstance(when, bool)
