"""Edge validation for the hackernews connector: its config, a search answer, each hit → MentionDraft.

Everything here is pure (no network): the response bytes come from ``voxpop.sources.fetch``.
Hits are those of the HN Search API by Algolia (https://hn.algolia.com/api), whose attributes are
listed in the indexing configuration of https://github.com/algolia/hn-search.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlencode, urljoin, urlsplit

import lxml.etree
import lxml.html
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from voxpop.ingest.normalise import (
    InvalidField,
    clean_text,
    extract_handles,
    extract_hashtags,
    extract_links,
    parse_datetime,
)
from voxpop.records import MentionDraft, Reject
from voxpop.sources.base import BadPayload, payload_problems, validate_config_model
from voxpop.sources.fetch import parse_http_url
from voxpop.sources.html import html_to_text
from voxpop.sources.search_terms import FROM_QUERIES

CHANNEL = "hackernews"
ITEM_URL = "https://news.ycombinator.com/item?id="
#: Hits asked for per page. The API returns at most 1,000 hits per query (pages beyond are empty).
HITS_PER_PAGE = 100
MAX_HITS = 1_000
MAX_TERM = 200
MAX_AUTHOR = 300

ItemType = Literal["story", "comment", "poll", "show_hn", "ask_hn", "job"]
DEFAULT_TAGS: tuple[ItemType, ...] = ("story", "comment")


class HackerNewsConfig(BaseModel):
    """A hackernews source: the search terms, the item types, and how much to read per poll."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    #: The search terms, one search each, or ``from_queries``: derived from the enabled saved queries
    #: (voxpop.sources.search_terms), and then only hits one of them could match are stored.
    terms: list[str] | Literal["from_queries"] = Field(min_length=1, max_length=50)
    tags: list[ItemType] = Field(default_factory=lambda: list(DEFAULT_TAGS), min_length=1)
    max_pages: int = Field(5, ge=1, le=10)
    base_url: str = "https://hn.algolia.com"
    #: Seconds before the newest collected item that each poll reads again, for items the search
    #: index took in late; they are recognised by their id and not stored twice.
    lookback_s: int = Field(300, ge=0, le=86_400)

    @field_validator("terms", "tags", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any, info: ValidationInfo) -> Any:
        # The command line gives options as text: ``--set terms=nordbrew,"nord brew"``.
        if info.field_name != "terms":
            return [part for part in value.split(",") if part.strip()] if isinstance(value, str) else value
        if isinstance(value, str) and value.strip() == FROM_QUERIES:
            return FROM_QUERIES
        value = [part for part in value.split(",") if part.strip()] if isinstance(value, str) else value
        if isinstance(value, list) and not value:
            raise ValueError(f"give at least one term, or {FROM_QUERIES} (the saved queries' terms)")
        return value

    @field_validator("terms")
    @classmethod
    def _terms(cls, value: list[str] | str) -> list[str] | str:
        if isinstance(value, str):
            return value
        terms = list(dict.fromkeys(" ".join(t.split()) for t in value))
        if any(not t for t in terms):
            raise ValueError("a term is empty")
        long = next((t for t in terms if len(t) > MAX_TERM), None)
        if long is not None:
            raise ValueError(f"{long[:40]!r}... is longer than {MAX_TERM} characters")
        return terms

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[ItemType]) -> list[ItemType]:
        return list(dict.fromkeys(value))

    @field_validator("base_url")
    @classmethod
    def _base(cls, value: str) -> str:
        url = parse_http_url(value)
        if url.path not in ("", "/") or url.query:
            raise ValueError(f"{value!r} must be the API's server only, like https://hn.algolia.com")
        return str(url).rstrip("/")


def validate_config(config: dict[str, Any]) -> HackerNewsConfig:
    return validate_config_model(
        HackerNewsConfig, config, kind="hackernews", example='{"terms": ["nordbrew", "\\"nord brew\\""]}'
    )


# --- requests and answers ---------------------------------------------------------------------


def search_url(
    config: HackerNewsConfig, term: str, *, page: int, since: int | None = None, until: int | None = None
) -> str:
    """``search_by_date`` for ``term``, newest first, with items from ``since`` to ``until`` (seconds)."""
    tags = config.tags[0] if len(config.tags) == 1 else "(" + ",".join(config.tags) + ")"
    params: dict[str, str | int] = {"query": term, "tags": tags}
    filters = [f"created_at_i>={since}"] if since is not None else []
    if until is not None:
        filters.append(f"created_at_i<={until}")
    if filters:
        params["numericFilters"] = ",".join(filters)
    params["hitsPerPage"] = HITS_PER_PAGE
    params["page"] = page
    return f"{config.base_url}/api/v1/search_by_date?{urlencode(params)}"


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: list[Any]
    nb_hits: int
    nb_pages: int
    page: int = 0
    url: str = ""

    @property
    def reachable(self) -> int:
        return min(self.nb_pages * HITS_PER_PAGE, MAX_HITS)


def read_search(body: bytes, *, url: str) -> SearchPage:
    """A search answer's hits and counts, or BadPayload when it is not one."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadPayload(f"{url} did not answer with JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("hits"), list):
        raise BadPayload(f"{url} did not answer with search results (no list of hits)")
    hits = data["hits"]
    nb_hits = _count(data.get("nbHits"), default=len(hits))
    nb_pages = _count(data.get("nbPages"), default=-(-nb_hits // HITS_PER_PAGE))
    return SearchPage(hits=hits, nb_hits=nb_hits, nb_pages=max(nb_pages, 1 if hits else 0),
                      page=_count(data.get("page"), default=0), url=url)


def _count(value: Any, *, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else default


# --- hits -------------------------------------------------------------------------------------


class Hit(BaseModel):
    """The fields of a hit this connector reads, each with its type in the index."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    objectID: str = Field(min_length=1, max_length=40, pattern=r"^\d+$")  # noqa: N815 - the API's name
    created_at_i: int = Field(ge=0)
    author: str | None = None
    title: str | None = None
    url: str | None = None
    story_text: str | None = None
    comment_text: str | None = None
    points: int | None = Field(None, ge=0)
    num_comments: int | None = Field(None, ge=0)
    item_tags: list[str] = Field(default_factory=list, alias="_tags")

    @property
    def is_comment(self) -> bool:
        return "comment" in self.item_tags or (self.comment_text is not None and self.title is None)


@dataclass(frozen=True, slots=True)
class HitOutcome:
    """One hit read: its time (for the cursor) when readable, and a draft or a reject."""

    created_at_i: int | None
    draft: MentionDraft | None = None
    reject: Reject | None = None
    object_id: str | None = None


def read_hit(hit: Any, *, term: str, index: int, collected_at: datetime, max_record_bytes: int) -> HitOutcome:
    """A search hit as a MentionDraft, or a Reject saying what is wrong with it."""
    when = hit.get("created_at_i") if isinstance(hit, dict) else None
    when = when if isinstance(when, int) and not isinstance(when, bool) else None
    object_id = hit.get("objectID") if isinstance(hit, dict) else None
    object_id = object_id if isinstance(object_id, str) and object_id.isdigit() else None
    location = ITEM_URL + object_id if object_id else f"hackernews search {term!r} hit {index}"
    raw = hit_raw(hit)

    def rejected(reason: str) -> HitOutcome:
        excerpt = ""
        if isinstance(hit, dict):
            shown = hit.get("comment_text") or hit.get("story_text") or hit.get("title")
            excerpt = html_to_text(shown) if isinstance(shown, str) else ""
        return HitOutcome(when, reject=Reject(location=location, reason=reason,
                                              excerpt=(excerpt or raw.decode("utf-8", "replace"))[:200]))

    if not isinstance(hit, dict):
        return rejected("hit is not an object")
    if len(raw) > max_record_bytes:
        return rejected(f"hit is {len(raw):,} bytes, over the {max_record_bytes:,} byte record limit")
    try:
        parsed = Hit.model_validate(hit)
    except ValidationError as exc:
        return rejected(payload_problems(exc, whole="hit"))
    try:
        draft = _draft(parsed, raw=raw, collected_at=collected_at)
    except InvalidField as exc:
        return rejected(str(exc))
    return HitOutcome(when, draft=draft, object_id=parsed.objectID)


def hit_raw(hit: Any) -> bytes:
    """The hit as received: its JSON, compact, with the keys in the order the API sent them."""
    return json.dumps(hit, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")


def _draft(hit: Hit, *, raw: bytes, collected_at: datetime) -> MentionDraft:
    published = parse_datetime(hit.created_at_i, field="created_at_i", now=collected_at)
    story_url = hit.url if hit.url and urlsplit(hit.url).scheme in ("http", "https") else None
    markup = hit.comment_text if hit.is_comment else hit.story_text
    text = item_text(markup)
    title = None if hit.is_comment else clean_text(hit.title, field="title")
    if not text and not hit.is_comment:
        text = "\n".join(part for part in (title, story_url) if part)
    if not text:
        raise InvalidField("comment has no text (deleted?)" if hit.is_comment else "story has no title or text")
    author = clean_text(hit.author, field="author")
    if author and len(author) > MAX_AUTHOR:
        raise InvalidField(f"author is longer than {MAX_AUTHOR} characters")
    links = [*item_links(markup), *extract_links(text), *([story_url] if story_url else [])]
    words = f"{title or ''}\n{text}"
    return MentionDraft(
        external_id=hit.objectID,
        channel=CHANNEL,
        text=text,
        published_at=published,
        collected_at=collected_at,
        raw=raw,
        url=ITEM_URL + hit.objectID,
        author=author,
        title=title,
        lang=None,
        likes=hit.points,
        replies=hit.num_comments,
        links=tuple(dict.fromkeys(links)),
        hashtags=tuple(extract_hashtags(words)),
        handles=tuple(extract_handles(words)),
    )


def item_text(markup: str | None) -> str:
    """Plain text of an item's HTML. HN shows long links cut short with "..."; they are written
    out whole again from their href, so the text says what was linked."""
    text = html_to_text(markup)
    for shown, href in _cut_links(markup):
        text = text.replace(shown, href)
    return text


def item_links(markup: str | None) -> list[str]:
    return [href for _, href in _anchors(markup)]


def _cut_links(markup: str | None) -> list[tuple[str, str]]:
    return [(shown, href) for shown, href in _anchors(markup)
            if shown.endswith("...") and len(shown) > 3 and href.startswith(shown[:-3])]


def _anchors(markup: str | None) -> list[tuple[str, str]]:
    """(text, absolute http(s) href) of each <a> in an item's HTML."""
    if not markup or "href" not in markup:
        return []
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    found: list[tuple[str, str]] = []
    for anchor in root.iter("a"):
        href = urljoin(ITEM_URL, (anchor.get("href") or "").strip())
        if urlsplit(href).scheme in ("http", "https"):
            found.append((anchor.text_content().strip(), href))
    return found


