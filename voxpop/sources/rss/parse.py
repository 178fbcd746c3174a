"""Edge validation for the rss connector: its config, the fetched feed, each entry → MentionDraft.

Everything here is pure (no network): the feed bytes come from ``voxpop.sources.fetch``.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html
from pydantic import BaseModel, ConfigDict, field_validator

from voxpop.ingest.normalise import (
    InvalidField,
    clean_text,
    content_hash,
    extract_handles,
    extract_hashtags,
    extract_links,
    normalise_lang,
    parse_datetime,
)
from voxpop.records import CHANNELS, MentionDraft, Reject
from voxpop.sources.base import BadPayload, validate_config_model
from voxpop.sources.fetch import FetchResult, parse_http_url
from voxpop.sources.html import html_links, html_to_text

#: What a feed reader asks for; servers doing content negotiation then prefer the feed.
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
#: Longer ids (seen in feeds that put whole URLs with tracking state in <guid>) are hashed.
MAX_EXTERNAL_ID = 512
MAX_LINKS = 100


class RssConfig(BaseModel):
    """An rss source: the feed's URL, and the channel its mentions belong to."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str
    channel: str = "rss"

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return str(parse_http_url(value))

    @field_validator("channel")
    @classmethod
    def _known_channel(cls, value: str) -> str:
        value = value.lower()
        if value not in CHANNELS:
            raise ValueError(f"{value!r} is not a channel; use rss, news or blog")
        return value


def validate_config(config: dict[str, Any]) -> RssConfig:
    return validate_config_model(RssConfig, config, kind="rss", example='{"url": "https://..."}')


# --- the feed ---------------------------------------------------------------------------------


def read_feed(result: FetchResult) -> Any:
    """The parsed feed (feedparser's dict), or BadPayload when the body is not a feed.

    A feed feedparser had to recover (``bozo``) is kept: its entries are usable, and the
    ones that are not become rejects one by one.
    """
    # A stream, so feedparser never takes the data for a URL or a path. No Content-Location:
    # feedparser would resolve every relative <guid> ("1187") against it, making ids depend on
    # the feed's URL; links are made absolute in read_entry instead.
    parsed = feedparser.parse(
        io.BytesIO(result.body),
        response_headers={"content-type": result.headers.get("content-type", "application/xml")},
    )
    if parsed.get("version") or parsed.entries:
        return parsed
    if looks_like_html(result.body):
        alternates = feed_alternates(result.body, base_url=result.url)
        hint = f"; did you mean the page's feed {alternates[0]}?" if alternates else ""
        raise BadPayload(f"{result.url} is an HTML page, not a feed{hint}")
    if not result.body.strip():
        raise BadPayload(f"{result.url} answered with an empty body, not a feed")
    why = parsed.get("bozo_exception")
    raise BadPayload(f"{result.url} is not an RSS or Atom feed" + (f" ({why})" if why else ""))


_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def looks_like_html(body: bytes) -> bool:
    return bool(_HTML_START.match(body.removeprefix(b"\xef\xbb\xbf")[:4096]))


def feed_alternates(body: bytes, *, base_url: str) -> list[str]:
    """The feeds an HTML page advertises with <link rel="alternate" type="...rss/atom...">."""
    try:
        root = lxml.html.document_fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind.endswith(("rss+xml", "atom+xml", "rdf+xml")) and href:
            url = urljoin(base_url, href)
            if urlsplit(url).scheme in ("http", "https") and url not in found:
                found.append(url)
    return found


# --- entries ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntryOutcome:
    """One feed entry read: its key and content digest (for the cursor), and a draft or a reject."""

    key: str
    digest: str
    draft: MentionDraft | None = None
    reject: Reject | None = None
    dated: bool = True


def read_entry(
    entry: Any,
    *,
    feed: Any,
    index: int,
    feed_url: str,
    channel: str,
    collected_at: datetime,
    naive_tz: tzinfo,
    max_record_bytes: int,
) -> EntryOutcome:
    """A feed entry as a MentionDraft, or a Reject saying what is wrong with it.

    ``published_at`` is the entry's published date, else its updated date. An entry with
    neither gets the collection time (``dated`` is then False, and the source keeps that first
    collection time in its cursor); not the feed's own date: a lastBuildDate says when the feed
    was rebuilt, which many sites do on every request or never, so it would misdate entries.
    A date that is present but unreadable or absurd rejects the entry.
    """
    raw = entry_raw(entry)
    digest = content_hash(raw.decode("utf-8", "replace"))
    title = _plain(entry, "title")
    body_html, body_type = _body(entry)
    text = (
        html_to_text(body_html)
        if _is_markup(body_type)
        else (clean_text(body_html, field="text") or "")
    )
    key = entry_key(entry, title=title, summary=text)
    link = _http_link(entry.get("link"), base=feed_url)
    location = link or f"{feed_url} entry {index}"
    excerpt = (title or text or raw.decode("utf-8", "replace"))[:200]

    def rejected(reason: str) -> EntryOutcome:
        return EntryOutcome(
            key, digest, reject=Reject(location=location, reason=reason, excerpt=excerpt)
        )

    if len(raw) > max_record_bytes:
        return rejected(
            f"entry is {len(raw):,} bytes, over the {max_record_bytes:,} byte record limit"
        )
    if not text:
        text = title or ""
    if not text:
        return rejected("entry has no title, summary or content")
    try:
        published = _entry_date(entry, naive_tz=naive_tz, now=collected_at)
    except InvalidField as exc:
        return rejected(str(exc))
    dated = published is not None
    if published is None:
        published = collected_at

    links = _unique([*html_links(body_html, base=link or feed_url), *extract_links(text)])[
        :MAX_LINKS
    ]
    words = f"{title or ''}\n{text}"
    author = _author(entry, feed)
    draft = MentionDraft(
        external_id=key,
        channel=channel,
        text=text,
        published_at=published,
        collected_at=collected_at,
        raw=raw,
        url=link,
        author=author,
        author_name=author,
        title=title,
        lang=_language(entry, feed),
        links=tuple(links),
        hashtags=tuple(extract_hashtags(words)),
        handles=tuple(extract_handles(words)),
    )
    return EntryOutcome(key, digest, draft=draft, dated=dated)


def entry_raw(entry: Any) -> bytes:
    """The entry as received, as feedparser read it: a JSON dump of its dict (keys sorted)."""
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str).encode(
        "utf-8", "replace"
    )


def entry_key(entry: Any, *, title: str | None, summary: str | None) -> str:
    """The entry's external id: its id/guid, else its link, else a digest of title and summary."""
    for candidate in (entry.get("id"), entry.get("link")):
        value = clean_text(candidate, field="id") if isinstance(candidate, str) else None
        if value:
            return value if len(value) <= MAX_EXTERNAL_ID else "sha:" + content_hash(value)
    return "sha:" + content_hash(title, summary)


def _entry_date(entry: Any, *, naive_tz: tzinfo, now: datetime) -> datetime | None:
    # The date strings themselves, not feedparser's *_parsed: for strings it cannot read,
    # feedparser's ISO 8601 reader can return a confident wrong date (a Korean date string
    # came back as 1 November of its year); a wrong date is worse than a reported reject.
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if value:
            return parse_datetime(value, field=f"entry {key} date", naive_tz=naive_tz, now=now)
    return None


def _plain(entry: Any, key: str) -> str | None:
    value = entry.get(key)
    if not isinstance(value, str):
        return None
    detail = entry.get(f"{key}_detail") or {}
    text = html_to_text(value) if _is_markup(detail.get("type")) else clean_text(value, field=key)
    return text or None


def _body(entry: Any) -> tuple[str, str | None]:
    """The entry's fullest body (content over summary) and its media type."""
    candidates: list[tuple[str, str | None]] = []
    for content in entry.get("content") or []:
        if isinstance(content.get("value"), str):
            candidates.append((content["value"], content.get("type")))
    if isinstance(entry.get("summary"), str):
        candidates.append((entry["summary"], (entry.get("summary_detail") or {}).get("type")))
    if not candidates:
        return "", None
    return max(candidates, key=lambda c: len(c[0]))


def _is_markup(media_type: str | None) -> bool:
    return media_type is None or "html" in media_type


def _http_link(value: object, *, base: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    url = urljoin(base, value.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


_EMAIL_THEN_NAME = re.compile(r"^\s*[^\s@()<>]+@[^\s()<>]+\s*\((?P<name>[^()]+)\)\s*$")
_NAME_THEN_EMAIL = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<[^\s<>]+@[^\s<>]+>\s*$")


def _author(entry: Any, feed: Any) -> str | None:
    """The entry's author name; in Atom, the feed's author when the entry has none (RFC 4287 4.2.1).

    RSS 2.0 <author> is "e-mail (Name)"; the name is read here rather than from feedparser's
    author_detail, whose e-mail pattern cuts addresses with top-level domains over four letters.
    """
    if str(feed.get("version", "")).startswith("atom"):
        name = (entry.get("author_detail") or {}).get("name") or entry.get("author")
        if not name:
            name = (feed.feed.get("author_detail") or {}).get("name") or feed.feed.get("author")
        return clean_text(name, field="author") if isinstance(name, str) else None
    raw = entry.get("author")
    if not isinstance(raw, str):
        return None
    match = _EMAIL_THEN_NAME.match(raw) or _NAME_THEN_EMAIL.match(raw)
    return clean_text(match.group("name") if match else raw, field="author")


def _language(entry: Any, feed: Any) -> str | None:
    candidates = [c.get("language") for c in entry.get("content") or []]
    for key in ("summary_detail", "title_detail"):
        candidates.append((entry.get(key) or {}).get("language"))
    candidates.append(feed.feed.get("language"))
    for value in candidates:
        if value:
            try:
                return normalise_lang(value)
            except InvalidField:
                continue
    return None


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))
