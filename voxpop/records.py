"""The frozen records passed between stages: RawItem (listen) → MentionDraft (land) → Mention (keep).

The stage-to-stage contract, with one example per stage, is written down in docs/records.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: Networks a mention can be published on. ``file`` is used only when the network is unknown.
CHANNELS: frozenset[str] = frozenset(
    {
        "rss", "web", "news", "blog", "forum", "mastodon", "bluesky", "reddit", "hackernews",
        "twitter", "x", "facebook", "instagram", "linkedin", "youtube", "tiktok", "threads",
        "review", "webhook", "file",
    }
)

SENTIMENTS: frozenset[str] = frozenset({"positive", "neutral", "negative"})


@dataclass(frozen=True, slots=True)
class RawItem:
    """One item exactly as a source delivered it, before any interpretation.

    ``payload`` is the bytes as received (a JSON line, a CSV row re-encoded as JSON, a feed entry,
    a page); ``location`` says where it came from (``file.ndjson:42``, a URL) for error reports.
    """

    source_id: int
    payload: bytes
    location: str
    content_type: str = "application/json"
    fetched_at: datetime | None = None
    hint: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Enrichment:
    """The result of one enrichment step on one mention, with the step's version."""

    step: str
    version: str
    result: dict[str, Any]


@dataclass(frozen=True, slots=True)
class MentionDraft:
    """A normalised mention ready to be stored. Times are timezone-aware UTC."""

    external_id: str
    channel: str
    text: str
    published_at: datetime
    collected_at: datetime
    raw: bytes
    url: str | None = None
    author: str | None = None
    author_name: str | None = None
    author_followers: int | None = None
    title: str | None = None
    lang: str | None = None
    country: str | None = None
    likes: int | None = None
    shares: int | None = None
    replies: int | None = None
    views: int | None = None
    links: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    source_sentiment: str | None = None
    enrichments: tuple[Enrichment, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A stored mention, as read back from the store."""

    id: int
    source_id: int
    external_id: str
    channel: str
    text: str
    published_at: datetime
    collected_at: datetime
    updated_at: datetime
    version: int
    url: str | None = None
    author: str | None = None
    author_name: str | None = None
    author_followers: int | None = None
    title: str | None = None
    lang: str | None = None
    country: str | None = None
    likes: int | None = None
    shares: int | None = None
    replies: int | None = None
    views: int | None = None
    links: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    source_sentiment: str | None = None
    source_name: str | None = None
    #: the enrichment stage's sentiment label (a user's correction wins; the source's own label
    #: until the stage has run), spam flag and duplicate cluster
    sentiment: str | None = None
    spam: bool | None = None
    cluster_id: int | None = None
    enrichments: dict[str, Enrichment] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not become a mention, and why. Reported, stored, never silently dropped."""

    location: str
    reason: str
    excerpt: str = ""
