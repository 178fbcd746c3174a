"""The interchange format: one exported record (a dict) → a MentionDraft, validated field by field.

Hand-written rather than a pydantic model because it runs a million times per import; each
failure raises InvalidField naming the field, so the user sees exactly what was wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from voxpop.ingest.normalise import (
    InvalidField,
    clean_text,
    content_hash,
    extract_handles,
    extract_hashtags,
    extract_links,
    normalise_country,
    normalise_lang,
    parse_count,
    parse_datetime,
    split_links,
)
from voxpop.records import CHANNELS, MentionDraft

REQUIRED = ("text", "published_at")
FIELDS = (
    "id", "url", "author", "title", "text", "published_at", "lang", "channel",
    "author_name", "country", "sentiment", "likes", "shares", "replies", "views",
    "author_followers", "links",
)

CHANNEL_ALIASES = {
    "hn": "hackernews", "hacker news": "hackernews", "hacker_news": "hackernews",
    "twitter.com": "twitter", "x.com": "x", "bsky": "bluesky", "blogs": "blog", "forums": "forum",
    "online news": "news", "news sites": "news", "reviews": "review", "feed": "rss", "atom": "rss",
}
SENTIMENT_ALIASES = {
    "positive": "positive", "pos": "positive", "+": "positive",
    "neutral": "neutral", "neu": "neutral", "mixed": "neutral", "0": "neutral",
    "negative": "negative", "neg": "negative", "-": "negative",
}
# Numeric scales differ between tools (0/1/2, -1/0/1, 1..5), so numbers other than 0 are refused
# rather than guessed; --map can point at a textual column instead.


class FieldMap:
    """``--map text=body,published_at=created``: where each voxpop field is found in the input.

    A source path may be dotted (``user.name``) to reach into nested JSON objects.
    """

    def __init__(self, spec: str | Mapping[str, str] | None = None) -> None:
        pairs: dict[str, str] = {}
        if isinstance(spec, str):
            for part in filter(None, (p.strip() for p in spec.split(","))):
                target, sep, source = part.partition("=")
                if not sep or not target.strip() or not source.strip():
                    raise ValueError(f"--map entry {part!r} is not FIELD=COLUMN")
                pairs[target.strip()] = source.strip()
        elif spec:
            pairs = dict(spec)
        unknown = sorted(set(pairs) - set(FIELDS))
        if unknown:
            raise ValueError(
                f"--map names unknown field(s) {', '.join(unknown)}; fields are {', '.join(FIELDS)}"
            )
        self.pairs = pairs
        self._paths = {t: s.split(".") for t, s in pairs.items() if "." in s}

    def get(self, record: Mapping[str, Any], name: str) -> Any:
        if not self.pairs:
            return record.get(name)
        source = self.pairs.get(name, name)
        path = self._paths.get(name)
        if path is None:
            return record.get(source)
        value: Any = record
        for step in path:
            if not isinstance(value, Mapping):
                return None
            value = value.get(step)
        return value

    def as_config(self) -> dict[str, str]:
        return dict(self.pairs)


@dataclass(slots=True)
class RecordParser:
    naive_tz: tzinfo = UTC
    fields: FieldMap = field(default_factory=FieldMap)
    default_channel: str = "file"
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def parse(self, record: Mapping[str, Any], raw: bytes) -> MentionDraft:
        get = self.fields.get
        text = clean_text(get(record, "text"), field="text")
        title = clean_text(get(record, "title"), field="title")
        if not text:
            if not title:
                raise InvalidField(f"text is missing{self._hint('text')}")
            text = ""
        published_at = parse_datetime(get(record, "published_at"), field="published_at",
                                      naive_tz=self.naive_tz, now=self.now)
        url = clean_text(get(record, "url"), field="url")
        author = clean_text(get(record, "author"), field="author")
        if author and author.startswith("@"):
            author = author[1:]
        external = get(record, "id")
        if external is None or external == "":
            external_id = url or "sha:" + content_hash(title, text, author, published_at.isoformat())
        else:
            external_id = clean_text(external, field="id") or ""
            if len(external_id) > 500:
                raise InvalidField("id is longer than 500 characters")
        links, bare = split_links(text)
        extra_links = get(record, "links")
        if isinstance(extra_links, list):
            for link in extra_links:
                if isinstance(link, str) and link and link not in links:
                    links.append(link)
        if title:
            for link in extract_links(title):
                if link not in links:
                    links.append(link)
        hashtags = extract_hashtags(bare, urls_removed=True)
        handles = extract_handles(bare, urls_removed=True)
        if title:
            hashtags += [t for t in extract_hashtags(title) if t not in hashtags]
            handles += [h for h in extract_handles(title) if h not in handles]
        return MentionDraft(
            external_id=external_id,
            channel=self._channel(get(record, "channel")),
            text=text,
            published_at=published_at,
            collected_at=self.now,
            raw=raw,
            url=url,
            author=author,
            author_name=clean_text(get(record, "author_name"), field="author_name"),
            author_followers=parse_count(get(record, "author_followers"), field="author_followers"),
            title=title,
            lang=normalise_lang(get(record, "lang")),
            country=normalise_country(get(record, "country")),
            likes=parse_count(get(record, "likes"), field="likes"),
            shares=parse_count(get(record, "shares"), field="shares"),
            replies=parse_count(get(record, "replies"), field="replies"),
            views=parse_count(get(record, "views"), field="views"),
            links=tuple(links),
            hashtags=tuple(hashtags),
            handles=tuple(handles),
            source_sentiment=self._sentiment(get(record, "sentiment")),
        )

    def _hint(self, name: str) -> str:
        if name in self.fields.pairs:
            return f" (mapped from {self.fields.pairs[name]!r})"
        return f"; if your export calls it otherwise, use --map {name}=COLUMN"

    def _channel(self, value: Any) -> str:
        if value is None or value == "":
            return self.default_channel
        if not isinstance(value, str):
            raise InvalidField(f"channel: expected text, got {type(value).__name__}")
        name = value.strip().lower()
        name = CHANNEL_ALIASES.get(name, name)
        if name not in CHANNELS:
            raise InvalidField(
                f"channel: unknown network {value[:30]!r}; known: {', '.join(sorted(CHANNELS))}"
            )
        return name

    @staticmethod
    def _sentiment(value: Any) -> str | None:
        if value is None or value == "":
            return None
        label = SENTIMENT_ALIASES.get(str(value).strip().lower())
        if label is None:
            raise InvalidField(f"sentiment: {str(value)[:20]!r} is not positive, neutral or negative")
        return label
