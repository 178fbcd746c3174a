"""Read web pages listed by URL or found in a sitemap: one mention per page, again when it changes.

The cursor is ``{"pages": {url: {"etag", "last_modified", "lastmod", "body", "hash"}}}`` keyed
by the URL as configured or listed: the validators for conditional GET, the sitemap's
<lastmod> (an unchanged one skips the fetch), a digest of the HTML (an unchanged page is not
extracted again) and a digest of what was extracted (a page whose markup changed but whose
text did not is not emitted again).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx

from voxpop.records import Reject
from voxpop.sources.base import Batch, RateLimited, SourceError, TransientFetchError
from voxpop.sources.fetch import HttpSource, fetch, open_client
from voxpop.sources.web import parse

#: Pages fetched per batch, so the cursor advances while a long list is read.
PAGES_PER_BATCH = 25


class WebSource(HttpSource):
    kind: ClassVar[str] = "web"
    description: ClassVar[str] = "Web pages by URL or sitemap, with their main text extracted"

    parse_config = staticmethod(parse.validate_config)

    def collect(self, cursor: dict[str, Any]) -> Iterator[Batch]:
        """Batches of pages. A page that fails is a Reject and the rest go on.

        If no page could be read and every failure was transient, the first is raised instead
        (the site is down, not the pages). A host that answers 429 is left alone for the rest
        of the run; after the other pages are yielded, RateLimited is raised.
        """
        with open_client(self._settings, self._client) as client:
            yield from self._collect(client, cursor or {})

    def _collect(self, client: httpx.Client, cursor: dict[str, Any]) -> Iterator[Batch]:
        before: dict[str, dict[str, Any]] = dict(cursor.get("pages") or {})
        targets, sitemap_rejects = self._targets(client)
        now: dict[str, dict[str, Any]] = {}
        batch = Batch(rejects=sitemap_rejects)
        held: list[Batch] = []  # not yielded until a page succeeds (or we know none will)
        succeeded = 0
        failures: list[SourceError] = []
        limited: dict[str, RateLimited] = {}
        emitted: set[str] = set()
        fetched = 0
        for url, lastmod in targets:
            state = before.get(url) or {}
            host = urlsplit(url).hostname or ""
            if host in limited:
                if state:
                    now[url] = state
                continue
            if lastmod and state.get("lastmod") == lastmod and state.get("hash"):
                now[url] = state
                succeeded += 1
                continue
            fetched += 1
            try:
                result = fetch(
                    url,
                    settings=self._settings,
                    client=client,
                    etag=state.get("etag"),
                    last_modified=state.get("last_modified"),
                    accept=parse.HTML_ACCEPT,
                )
            except RateLimited as exc:
                limited[host] = exc
                if state:
                    now[url] = state
                continue
            except SourceError as exc:
                failures.append(exc)
                batch.rejects.append(Reject(location=url, reason=str(exc)))
                if state:
                    now[url] = state
            else:
                succeeded += 1
                now[url] = self._read(result, url, lastmod, state, batch, emitted)
            if fetched % PAGES_PER_BATCH == 0:
                batch.cursor = {"pages": {**before, **now}}
                held.append(batch)
                batch = Batch()
                if succeeded:
                    yield from held
                    held.clear()
        batch.cursor = {"pages": now}
        held.append(batch)
        if not succeeded:
            if limited:
                raise next(iter(limited.values()))
            if failures and all(isinstance(exc, TransientFetchError) for exc in failures):
                first = failures[0]
                raise TransientFetchError(
                    f"all {len(failures)} pages failed; first: {first}"
                ) from first
        for pending in held:
            if pending.mentions or pending.rejects or pending.cursor != cursor:
                yield pending
        if limited:
            waits = [exc.retry_after for exc in limited.values() if exc.retry_after is not None]
            hosts = ", ".join(sorted(limited))
            raise RateLimited(
                f"{hosts} asked us to slow down; their other pages wait for the next run",
                retry_after=max(waits) if waits else None,
            )

    def _read(
        self,
        result: Any,
        url: str,
        lastmod: str | None,
        state: dict[str, Any],
        batch: Batch,
        emitted: set[str],
    ) -> dict[str, Any]:
        """Turn one fetched page into a mention or a reject; return the page's new cursor state."""
        new_state = {
            "etag": result.etag,
            "last_modified": result.last_modified,
            "lastmod": lastmod,
            "body": state.get("body"),
            "hash": state.get("hash"),
        }
        if result.not_modified:
            return new_state
        body = parse.body_digest(result.body)
        if body == state.get("body"):
            return new_state
        new_state["body"] = body
        try:
            draft = parse.read_page(
                result,
                channel=self.config.channel,
                collected_at=datetime.now(UTC),
                naive_tz=self._settings.naive_tz,
                max_record_bytes=self._settings.max_record_bytes,
            )
        except parse.PageUnreadable as exc:
            batch.rejects.append(Reject(location=result.url, reason=str(exc)))
            new_state["hash"] = None
            return new_state
        digest = parse.page_digest(draft)
        if digest != state.get("hash") and draft.external_id not in emitted:
            emitted.add(draft.external_id)
            batch.mentions.append(draft)
        new_state["hash"] = digest
        return new_state

    def _targets(self, client: httpx.Client) -> tuple[list[tuple[str, str | None]], list[Reject]]:
        """The pages to read: the configured URLs, then the sitemap's, newest first, capped.

        A sitemap index is followed one level, its newest ``MAX_CHILD_SITEMAPS`` sitemaps only.
        The sitemap itself failing fails the run; a child sitemap failing is a Reject.
        """
        targets: list[tuple[str, str | None]] = [(url, None) for url in self.config.urls]
        rejects: list[Reject] = []
        if not self.config.sitemap:
            return targets, rejects
        root = self._sitemap(client, self.config.sitemap)
        rejects.extend(_skipped(self.config.sitemap, root.skipped))
        entries = root.entries
        if root.index:
            entries = []
            for child_url, _ in parse.newest_first(root.entries)[: parse.MAX_CHILD_SITEMAPS]:
                try:
                    child = self._sitemap(client, child_url)
                except SourceError as exc:
                    rejects.append(Reject(location=child_url, reason=f"sitemap: {exc}"))
                    continue
                if child.index:
                    reason = "a sitemap index inside a sitemap index is not followed"
                    rejects.append(Reject(location=child_url, reason=reason))
                    continue
                rejects.extend(_skipped(child_url, child.skipped))
                entries.extend(child.entries)
        listed = set(self.config.urls)
        pages = [entry for entry in parse.newest_first(entries) if entry[0] not in listed]
        return targets + list(dict(pages[: self.config.max_pages]).items()), rejects

    def _sitemap(self, client: httpx.Client, url: str) -> parse.Sitemap:
        result = fetch(url, settings=self._settings, client=client, accept=parse.SITEMAP_ACCEPT)
        return parse.read_sitemap(result, max_bytes=self._settings.fetch_max_bytes)


def _skipped(sitemap_url: str, locations: list[str]) -> list[Reject]:
    return [
        Reject(location=sitemap_url, reason="sitemap <loc> is not an http(s) URL", excerpt=loc)
        for loc in locations
    ]
