"""Edge validation for the Bluesky connectors: their configs, XRPC answers, Jetstream events, and a
post → MentionDraft.

Everything here is pure (no network). Posts follow the lexicons ``app.bsky.feed.post`` (the record),
``app.bsky.feed.defs#postView`` / ``#feedViewPost`` (what the AppView answers) and
``app.bsky.richtext.facet`` (links, mentions and tags placed on the text by UTF-8 byte ranges);
Jetstream events follow the Jetstream README (``kind`` commit / identity / account).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import quote, urlencode, urlsplit

import orjson
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_serializer,
    field_validator,
    model_validator,
)

from voxpop.ingest.normalise import (
    InvalidField,
    clean_text,
    extract_hashtags,
    extract_links,
    normalise_lang,
    parse_datetime,
)
from voxpop.records import MentionDraft, Reject
from voxpop.sources.base import BadPayload, payload_problems, validate_config_model
from voxpop.sources.fetch import parse_http_url
from voxpop.sources.search_terms import check_terms, split_terms_option

CHANNEL = "bluesky"
POST_COLLECTION = "app.bsky.feed.post"
#: The most posts getAuthorFeed and searchPosts return per request (the lexicons' maximum).
PAGE_LIMIT = 100
MAX_EXTERNAL_ID = 500
MAX_AUTHOR = 300
#: The record size Bluesky itself accepts for a post is far below this; bigger is not a post.
DEFAULT_JETSTREAM = "wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post"

_HANDLE = re.compile(r"^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", re.I)
_DID = re.compile(r"^did:[a-z]+:[a-zA-Z0-9._:%-]{1,2000}$")
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


# --- configs ----------------------------------------------------------------------------------


def _server(value: str, *, schemes: tuple[str, ...] = ("https",)) -> str:
    text = value if "://" in value else "https://" + value
    try:
        url = parse_http_url(text)
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    if url.path not in ("", "/") or url.query or url.fragment:
        raise ValueError(f"{value!r} is not a server address; give just the server, like https://bsky.social")
    if url.scheme not in schemes and url.host not in _LOOPBACK:
        raise ValueError(f"{value!r} must use https (the login travels with every request)")
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host.lower()}{port}"


def actor_problem(value: str) -> str | None:
    if _DID.match(value) or _HANDLE.match(value):
        return None
    return f"{value!r} is not a Bluesky handle (like nordbrew.bsky.social) or DID (like did:plc:…)"


class BlueskyConfig(BaseModel):
    """A bluesky source: one account's posts (public, no login) or a search (needs a login)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    #: Whose posts (a handle or a DID): read from the public AppView, no login needed.
    actor: str | None = None
    #: Search terms (app.bsky.feed.searchPosts, which needs a login: handle and app_password), or
    #: ``from_queries``: the searches the enabled saved queries need (voxpop.sources.search_terms).
    terms: list[str] | Literal["from_queries"] | None = None
    #: The account that logs in for search, and its app password (never the account password).
    handle: str | None = None
    app_password: SecretStr | None = None
    #: The public AppView (author feeds) and the server where the account lives (login, search).
    appview: str = "https://public.api.bsky.app"
    service: str = "https://bsky.social"
    max_pages: int = Field(5, ge=1, le=50)
    #: Seconds before the newest collected post that each poll reads again (posts indexed late).
    lookback_s: int = Field(300, ge=0, le=86_400)

    @field_validator("appview", "service")
    @classmethod
    def _servers(cls, value: str) -> str:
        return _server(value)

    @field_validator("actor", "handle")
    @classmethod
    def _actor(cls, value: str | None) -> str | None:
        if value is None:
            return None
        actor = value.removeprefix("@")
        actor = actor if actor.startswith("did:") else actor.lower()
        problem = actor_problem(actor)
        if problem:
            raise ValueError(problem)
        return actor

    @field_validator("terms", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        return split_terms_option(value)

    @field_validator("terms")
    @classmethod
    def _terms(cls, value: list[str] | str | None) -> list[str] | str | None:
        return check_terms(value, max_length=300)

    @field_validator("app_password")
    @classmethod
    def _password(cls, value: SecretStr | None) -> SecretStr | None:
        # The message never repeats the value: it is a secret.
        if value is None or not value.get_secret_value():
            return None
        if any(ch.isspace() for ch in value.get_secret_value()):
            raise ValueError("the app password must not contain spaces (it looks like xxxx-xxxx-xxxx-xxxx)")
        return value

    @field_serializer("app_password", when_used="always")
    def _dump_password(self, value: SecretStr | None) -> str | None:
        # Stored with the source, masked by voxpop.store.sources.mask_secrets when shown.
        return value.get_secret_value() if value is not None else None

    @model_validator(mode="after")
    def _one_feed(self) -> BlueskyConfig:
        if (self.actor is None) == (self.terms is None):
            raise ValueError("give exactly one of actor (whose posts to read) or terms (what to search for)")
        if self.terms is not None and (self.handle is None or self.app_password is None):
            raise ValueError("searching Bluesky needs a login: set handle and app_password "
                             "(create an app password in Bluesky's Settings → Privacy and security → App passwords)")
        return self

    @property
    def password(self) -> str | None:
        return self.app_password.get_secret_value() if self.app_password is not None else None

    @property
    def feed(self) -> str:
        """What this source reads, as a key: the cursor of another feed is not reused."""
        return f"actor:{self.actor}" if self.actor is not None else "search"


def validate_config(config: dict[str, Any]) -> BlueskyConfig:
    return validate_config_model(
        BlueskyConfig, config, kind="bluesky", example='{"actor": "nordbrew.bsky.social"}',
    )


class JetstreamConfig(BaseModel):
    """A jetstream source: the firehose, kept to what the saved queries could match."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str = DEFAULT_JETSTREAM
    #: Share of the posts no saved query could match that is stored anyway (a baseline sample).
    sample_rate: float = Field(0.0, ge=0.0, le=1.0)
    #: A batch is handed to the store at least this often, or when it holds ``batch_max`` posts.
    batch_s: float = Field(1.0, gt=0, le=60)
    batch_max: int = Field(500, ge=1, le=10_000)
    #: On reconnect, resume this many seconds before the last stored event (replays are harmless).
    rewind_s: float = Field(5.0, ge=0, le=3600)
    #: How often the saved queries are looked at for changes.
    query_check_s: float = Field(5.0, gt=0, le=3600)
    #: Stop after this many seconds (for ``voxpop collect``); none: run until the service stops.
    max_duration_s: float | None = Field(None, gt=0)
    #: Reconnect backoff: first wait and longest wait, in seconds.
    backoff_s: float = Field(1.0, gt=0, le=60)
    backoff_max_s: float = Field(60.0, gt=0, le=3600)

    @field_validator("url")
    @classmethod
    def _ws_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("wss", "ws") or not parts.hostname:
            raise ValueError(f"{value!r} is not a WebSocket URL (wss://host/subscribe?…)")
        if parts.scheme == "ws" and parts.hostname not in _LOOPBACK:
            raise ValueError(f"{value!r} must use wss://")
        return value


def validate_jetstream_config(config: dict[str, Any]) -> JetstreamConfig:
    return validate_config_model(
        JetstreamConfig, config, kind="jetstream", example='{"sample_rate": 0.01}',
    )


def subscribe_url(base: str, *, cursor_us: int | None) -> str:
    """The subscribe URL with ``cursor`` set (any cursor already in it replaced)."""
    parts = urlsplit(base)
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("cursor="))
    if cursor_us is not None:
        query = f"{query}&cursor={cursor_us}" if query else f"cursor={cursor_us}"
    return parts._replace(query=query).geturl()


# --- XRPC -------------------------------------------------------------------------------------


def xrpc_url(host: str, method: str, params: dict[str, str | int | None]) -> str:
    clean = {k: str(v) for k, v in params.items() if v is not None}
    return f"{host}/xrpc/{method}" + (f"?{urlencode(clean, quote_via=quote)}" if clean else "")


def read_json(body: bytes, *, url: str) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise BadPayload(f"{url} did not answer with JSON ({exc})") from exc


@dataclass(frozen=True, slots=True)
class XrpcError:
    """An XRPC error body: ``{"error": "InvalidRequest", "message": "Profile not found"}``."""

    error: str
    message: str


def read_error(body: bytes) -> XrpcError | None:
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("error"), str):
        return None
    message = data.get("message")
    return XrpcError(data["error"], message if isinstance(message, str) else "")


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


class Session(_Strict):
    """com.atproto.server.createSession / refreshSession: the tokens (never logged)."""

    accessJwt: str = Field(min_length=1)  # noqa: N815 - the lexicon's names
    refreshJwt: str = Field(min_length=1)  # noqa: N815
    handle: str
    did: str

    def __repr__(self) -> str:
        return f"Session(handle={self.handle!r}, did={self.did!r}, tokens=***)"


def read_session(body: bytes, *, url: str) -> Session:
    try:
        return Session.model_validate(read_json(body, url=url))
    except ValidationError as exc:
        raise BadPayload(f"{url} did not answer with a session: {payload_problems(exc, whole='session')}") from exc


@dataclass(slots=True)
class Page:
    """One answer of getAuthorFeed or searchPosts: its items (raw) and the next page's cursor."""

    items: list[Any]
    cursor: str | None


def read_page(body: bytes, *, url: str, key: Literal["feed", "posts"]) -> Page:
    data = read_json(body, url=url)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise BadPayload(f"{url} answered without a {key!r} list")
    cursor = data.get("cursor")
    return Page(data[key], cursor if isinstance(cursor, str) and cursor else None)


# --- posts ------------------------------------------------------------------------------------


class ByteSlice(_Strict):
    byteStart: int = Field(ge=0)  # noqa: N815
    byteEnd: int = Field(ge=0)  # noqa: N815


class Facet(BaseModel):
    model_config = ConfigDict(extra="ignore")

    index: ByteSlice
    features: list[dict[str, Any]] = Field(default_factory=list)


class PostRecord(BaseModel):
    """The fields of an app.bsky.feed.post record this connector reads."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    text: str = Field(strict=True)
    createdAt: str = Field(strict=True)  # noqa: N815
    langs: list[str] | None = None
    facets: list[Facet] | None = None
    tags: list[str] | None = None
    embed: dict[str, Any] | None = None


class Author(_Strict):
    did: str = Field(min_length=1)
    handle: str = Field(min_length=1)
    displayName: str | None = None  # noqa: N815


class PostView(_Strict):
    uri: str = Field(min_length=1)
    cid: str | None = None
    author: Author
    record: dict[str, Any]
    replyCount: int | None = Field(None, ge=0)  # noqa: N815
    repostCount: int | None = Field(None, ge=0)  # noqa: N815
    likeCount: int | None = Field(None, ge=0)  # noqa: N815
    quoteCount: int | None = Field(None, ge=0)  # noqa: N815
    indexedAt: str | None = None  # noqa: N815


@dataclass(frozen=True, slots=True)
class Outcome:
    """One item read: its time in the feed (for the cursor), and a draft, a reject, or neither."""

    sort_at: datetime | None
    draft: MentionDraft | None = None
    reject: Reject | None = None


def rkey_of(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


def post_url(author: str, uri: str) -> str:
    return f"https://bsky.app/profile/{quote(author, safe=':.')}/post/{quote(rkey_of(uri), safe='')}"


def raw_json(data: Any) -> bytes:
    return orjson.dumps(data)


def read_feed_item(item: Any, *, index: int, where: str, collected_at: datetime, max_record_bytes: int) -> Outcome:
    """A getAuthorFeed item (``{"post": postView, "reason": …}``) or a searchPosts post (a postView).

    A repost (``reason`` of type reasonRepost) is collapsed onto the post it reposts: the original
    is read with its own author and counts, so it is one mention however many reposts bring it;
    its place in the feed (for the cursor) is the repost's time.
    """
    post = item.get("post") if isinstance(item, dict) and "post" in item else item
    reason = item.get("reason") if isinstance(item, dict) and "post" in item else None
    sort_text = reason.get("indexedAt") if isinstance(reason, dict) else None
    if sort_text is None and isinstance(post, dict):
        sort_text = post.get("indexedAt")
    sort_at = _time_or_none(sort_text, collected_at)
    uri = post.get("uri") if isinstance(post, dict) else None
    location = f"{where}#{uri if isinstance(uri, str) and uri else f'item-{index}'}"
    raw = raw_json(post)

    def rejected(reason_text: str) -> Outcome:
        text = post.get("record", {}).get("text") if isinstance(post, dict) and isinstance(post.get("record"), dict) \
            else None
        excerpt = text if isinstance(text, str) else raw.decode("utf-8", "replace")
        return Outcome(sort_at, reject=Reject(location=location, reason=reason_text, excerpt=excerpt[:200]))

    if not isinstance(post, dict):
        return rejected("feed item is not a post object")
    if len(raw) > max_record_bytes:
        return rejected(f"post is {len(raw):,} bytes, over the {max_record_bytes:,} byte record limit")
    try:
        view = PostView.model_validate(post)
        record = PostRecord.model_validate(view.record)
    except ValidationError as exc:
        return rejected(payload_problems(exc, whole="post"))
    try:
        draft = post_draft(
            record, uri=view.uri, author=view.author.handle, author_name=view.author.displayName, raw=raw,
            collected_at=collected_at, likes=view.likeCount, shares=view.repostCount, replies=view.replyCount,
        )
    except InvalidField as exc:
        return rejected(str(exc))
    return Outcome(sort_at, draft=draft)


def _time_or_none(value: Any, now: datetime) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_datetime(value, field="indexedAt", now=now)
    except InvalidField:
        return None


def post_draft(
    record: PostRecord,
    *,
    uri: str,
    author: str,
    raw: bytes,
    collected_at: datetime,
    author_name: str | None = None,
    likes: int | None = None,
    shares: int | None = None,
    replies: int | None = None,
) -> MentionDraft | None:
    """A post record as a MentionDraft; None when it has no text at all (an image without alt text).

    ``author`` is the handle where the AppView gives one, else the DID (Jetstream gives only that).
    """
    if len(uri) > MAX_EXTERNAL_ID or not uri.startswith("at://"):
        raise InvalidField(f"uri {uri[:80]!r} is not an at:// URI of at most {MAX_EXTERNAL_ID} characters")
    if len(author) > MAX_AUTHOR:
        raise InvalidField(f"author is longer than {MAX_AUTHOR} characters")
    published = parse_datetime(record.createdAt, field="createdAt", now=collected_at)
    text, links, handles = expand_facets(record)
    text = clean_text(text, field="text") or ""
    if not text:
        text = "\n\n".join(alt for alt in _alt_texts(record.embed) if alt)
    if not text:
        return None
    external = _embed_link(record.embed)
    all_links = [*links, *extract_links(text), *([external] if external else [])]
    tags = [*_facet_tags(record), *(record.tags or []), *extract_hashtags(text)]
    name = clean_text(author_name, field="author.displayName")
    return MentionDraft(
        external_id=uri,
        channel=CHANNEL,
        text=text,
        published_at=published,
        collected_at=collected_at,
        raw=raw,
        url=post_url(author, uri),
        author=author,
        author_name=name[:MAX_AUTHOR] if name else None,
        lang=_language(record.langs),
        likes=likes,
        shares=shares,
        replies=replies,
        links=tuple(dict.fromkeys(u for u in all_links if urlsplit(u).scheme in ("http", "https"))),
        hashtags=tuple(dict.fromkeys(t.removeprefix("#") for t in tags if t and t.strip("#"))),
        handles=tuple(dict.fromkeys(handles)),
    )


def expand_facets(record: PostRecord) -> tuple[str, list[str], list[str]]:
    """The text with each link facet's shortened display (``example.com/a-long-pa...``) replaced
    by the full URI it stands for, the link URIs, and the handles of mention facets (as written).

    Facets place features by UTF-8 byte offsets; ranges that are out of bounds, overlap an
    earlier facet or split a character are ignored (the text is kept as written there).
    """
    data = record.text.encode("utf-8")
    links: list[str] = []
    handles: list[str] = []
    replacements: list[tuple[int, int, bytes]] = []
    last_end = -1
    facets = sorted(record.facets or [], key=lambda f: f.index.byteStart)
    for facet in facets:
        start, end = facet.index.byteStart, facet.index.byteEnd
        valid = 0 <= start < end <= len(data) and start >= last_end and _boundary(data, start) and _boundary(data, end)
        for feature in facet.features:
            kind = feature.get("$type")
            if kind == "app.bsky.richtext.facet#link" and isinstance(feature.get("uri"), str):
                uri = feature["uri"]
                links.append(uri)
                if valid:
                    shown = data[start:end].decode("utf-8")
                    if shown != uri and _shortened(shown, uri):
                        replacements.append((start, end, uri.encode("utf-8")))
                        last_end = end
            elif kind == "app.bsky.richtext.facet#mention" and valid:
                shown = data[start:end].decode("utf-8").removeprefix("@")
                if shown:
                    handles.append(shown.lower())
    if not replacements:
        return record.text, links, handles
    out, at = bytearray(), 0
    for start, end, uri_bytes in replacements:
        out += data[at:start] + uri_bytes
        at = end
    out += data[at:]
    return out.decode("utf-8"), links, handles


def _boundary(data: bytes, offset: int) -> bool:
    return offset == len(data) or (data[offset] & 0xC0) != 0x80


def _shortened(shown: str, uri: str) -> bool:
    """Whether ``shown`` is how Bluesky displays ``uri`` shortened (scheme dropped, tail cut)."""
    bare = uri.split("://", 1)[-1]
    stem = shown.removesuffix("...").removesuffix("…")
    return bool(stem) and (bare.startswith(stem) or uri.startswith(stem))


def _facet_tags(record: PostRecord) -> list[str]:
    tags = []
    for facet in record.facets or []:
        for feature in facet.features:
            if feature.get("$type") == "app.bsky.richtext.facet#tag" and isinstance(feature.get("tag"), str):
                tags.append(feature["tag"])
    return tags


def _embed_link(embed: dict[str, Any] | None) -> str | None:
    """The link card's URI (app.bsky.embed.external, also inside recordWithMedia)."""
    if not isinstance(embed, dict):
        return None
    external = embed.get("external")
    if isinstance(external, dict) and isinstance(external.get("uri"), str):
        return str(external["uri"])
    media = embed.get("media")
    return _embed_link(media) if isinstance(media, dict) else None


def _alt_texts(embed: dict[str, Any] | None) -> list[str]:
    if not isinstance(embed, dict):
        return []
    images = embed.get("images")
    found = []
    if isinstance(images, list):
        for image in images:
            if isinstance(image, dict) and isinstance(image.get("alt"), str):
                found.append(clean_text(image["alt"], field="alt") or "")
    media = embed.get("media")
    return found + (_alt_texts(media) if isinstance(media, dict) else [])


def _language(langs: list[str] | None) -> str | None:
    for value in langs or []:
        try:
            code = normalise_lang(value)
        except InvalidField:
            continue
        if code:
            return code
    return None


# --- Jetstream --------------------------------------------------------------------------------

#: Event kinds that say nothing about posts' content; read and deliberately ignored.
IGNORED_KINDS = frozenset({"identity", "account"})


class UnknownEvent(BadPayload):
    """An event whose ``kind`` this connector does not know (a newer Jetstream)."""


@dataclass(frozen=True, slots=True)
class JetstreamEvent:
    """One event read: its time_us (the cursor), and a draft to store, a post deleted, a reject,
    or nothing (an ignored kind, another collection, or a post with no text)."""

    time_us: int | None
    draft: MentionDraft | None = None
    deleted: str | None = None
    reject: Reject | None = None


def read_event(message: str | bytes, *, collected_at: datetime, max_record_bytes: int) -> JetstreamEvent:
    """A Jetstream message as what it means for the store. Raises UnknownEvent for an unknown kind."""
    raw = message.encode("utf-8") if isinstance(message, str) else message

    def rejected(reason: str, time_us: int | None = None, where: str = "jetstream") -> JetstreamEvent:
        return JetstreamEvent(time_us, reject=Reject(location=where, reason=reason,
                                                      excerpt=raw[:200].decode("utf-8", "replace")))

    if len(raw) > max_record_bytes:
        return rejected(f"event is {len(raw):,} bytes, over the {max_record_bytes:,} byte record limit")
    try:
        event = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return rejected(f"not JSON: {exc}")
    if not isinstance(event, dict):
        return rejected("event is not an object")
    time_us = event.get("time_us")
    if not isinstance(time_us, int) or isinstance(time_us, bool) or time_us <= 0:
        return rejected("time_us is missing or not a positive integer")
    kind = event.get("kind")
    if kind in IGNORED_KINDS:
        return JetstreamEvent(time_us)
    if kind != "commit":
        raise UnknownEvent(f"Jetstream sent an event of unknown kind {kind!r}")
    did, commit = event.get("did"), event.get("commit")
    if not isinstance(did, str) or not _DID.match(did) or not isinstance(commit, dict):
        return rejected("a commit event needs a did and a commit object", time_us)
    if commit.get("collection") != POST_COLLECTION:
        return JetstreamEvent(time_us)  # likes, reposts, follows…: not what this source reads
    rkey, operation = commit.get("rkey"), commit.get("operation")
    if not isinstance(rkey, str) or not rkey or "/" in rkey:
        return rejected("commit.rkey is missing", time_us)
    uri = f"at://{did}/{POST_COLLECTION}/{rkey}"
    if operation == "delete":
        return JetstreamEvent(time_us, deleted=uri)
    if operation not in ("create", "update"):
        return rejected(f"commit.operation {operation!r} is not create, update or delete", time_us, uri)
    try:
        record = PostRecord.model_validate(commit.get("record"))
    except ValidationError as exc:
        return rejected(payload_problems(exc, whole="commit.record"), time_us, uri)
    try:
        draft = post_draft(record, uri=uri, author=did, raw=raw, collected_at=collected_at)
    except InvalidField as exc:
        return rejected(str(exc), time_us, uri)
    return JetstreamEvent(time_us, draft=draft)


def time_us_now() -> int:
    return int(datetime.now(UTC).timestamp() * 1_000_000)
