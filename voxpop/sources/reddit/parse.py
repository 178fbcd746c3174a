"""Edge validation for the reddit connector: its config, the OAuth token answer, listings and error
bodies, each thing (a post ``t3`` or a comment ``t1``) → MentionDraft or a deletion.

Everything here is pure (no network). Things follow the shapes of Reddit's API documentation
(https://www.reddit.com/dev/api: ``listing``, ``link``, ``comment``; fullnames ``t1_``/``t3_``) and
of the OAuth2 wiki (https://github.com/reddit-archive/reddit/wiki/OAuth2: the ``client_credentials``
grant, "application only" access). Every request asks for ``raw_json=1``, so text arrives as
written (without it Reddit escapes ``&``, ``<`` and ``>`` as HTML entities).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import quote, urlencode, urlsplit

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

from voxpop import __version__
from voxpop.ingest.normalise import InvalidField, clean_text, extract_hashtags, extract_links, parse_datetime
from voxpop.records import MentionDraft, Reject
from voxpop.sources.base import BadPayload, payload_problems, validate_config_model
from voxpop.sources.fetch import parse_http_url
from voxpop.sources.search_terms import check_terms, split_terms_option

CHANNEL = "reddit"
WEB = "https://www.reddit.com"
#: The most things Reddit returns per listing request (its documented maximum for ``limit``).
PAGE_LIMIT = 100
MAX_TERM = 512
MAX_AUTHOR = 300
#: What Reddit puts in place of the text of a thing that was removed or deleted.
GONE_TEXTS = frozenset({"[removed]", "[deleted]"})
#: Kinds a listing may hold that are not posts or comments: read and skipped on purpose.
IGNORED_KINDS = frozenset({"more"})

_SUBREDDIT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]{1,20}$")
_USERNAME = re.compile(r"^[A-Za-z0-9_-]{3,20}$")
_FULLNAME = re.compile(r"^t[13]_[a-z0-9]{1,20}$")
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


# --- config -----------------------------------------------------------------------------------


class RedditConfig(BaseModel):
    """A reddit source: a subreddit's new posts or comments, or a search (site-wide or in a subreddit)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    #: The app's id and secret from https://www.reddit.com/prefs/apps ("application only" OAuth).
    client_id: str = Field(min_length=5, max_length=100)
    client_secret: SecretStr
    #: The Reddit account that registered the app: Reddit's API rules want it in the User-Agent.
    username: str
    #: A subreddit (or several joined by ``+``): its listing, or where the search is restricted to.
    subreddit: str | None = None
    #: Which listing of the subreddit: new posts or new comments (not used when searching).
    listing: Literal["new", "comments"] = "new"
    #: Search terms, one search each, or ``from_queries`` (derived from the saved queries).
    terms: list[str] | Literal["from_queries"] | None = None
    max_pages: int = Field(5, ge=1, le=10)
    #: Seconds before the newest collected thing that each poll reads again (search indexes late).
    lookback_s: int = Field(300, ge=0, le=86_400)
    #: When fewer requests than this are left in the rate-limit period, wait for the period to end.
    reserve: int = Field(5, ge=0, le=100)
    #: The longest such wait inside a run; a longer one ends the run, to carry on after the reset.
    max_wait_s: float = Field(30.0, ge=0, le=600)
    auth_url: str = "https://www.reddit.com"
    api_url: str = "https://oauth.reddit.com"

    @field_validator("client_id")
    @classmethod
    def _client_id(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9_-]+", value):
            raise ValueError("the client id is the short code under the app's name (letters, digits, - and _)")
        return value

    @field_validator("client_secret")
    @classmethod
    def _secret(cls, value: SecretStr) -> SecretStr:
        # The message never repeats the value: it is a secret.
        secret = value.get_secret_value()
        if not secret or any(ch.isspace() for ch in secret):
            raise ValueError("the client secret is empty or contains spaces (paste only the secret itself)")
        return value

    @field_serializer("client_secret", when_used="always")
    def _dump_secret(self, value: SecretStr) -> str:
        # Stored with the source, masked by voxpop.store.sources.mask_secrets when shown.
        return value.get_secret_value()

    @field_validator("username")
    @classmethod
    def _username(cls, value: str) -> str:
        name = value.removeprefix("/").removeprefix("u/")
        if not _USERNAME.match(name):
            raise ValueError(f"{value!r} is not a Reddit username (3 to 20 letters, digits, - or _)")
        return name

    @field_validator("subreddit")
    @classmethod
    def _subreddit(cls, value: str | None) -> str | None:
        if value is None:
            return None
        name = value.removeprefix("/").removeprefix("r/")
        parts = name.split("+")
        bad = next((p for p in parts if not _SUBREDDIT.match(p)), None)
        if bad is not None:
            raise ValueError(f"{bad!r} is not a subreddit name (like nordbrew, without r/; join several with +)")
        return "+".join(parts)

    @field_validator("terms", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        return split_terms_option(value)

    @field_validator("terms")
    @classmethod
    def _terms(cls, value: list[str] | str | None) -> list[str] | str | None:
        return check_terms(value, max_length=MAX_TERM)

    @field_validator("auth_url", "api_url")
    @classmethod
    def _server(cls, value: str) -> str:
        try:
            url = parse_http_url(value)
        except ValueError as exc:
            raise ValueError(str(exc)) from None
        if url.path not in ("", "/") or url.query:
            raise ValueError(f"{value!r} must be a server only, like https://oauth.reddit.com")
        if url.scheme != "https" and url.host not in _LOOPBACK:
            raise ValueError(f"{value!r} must use https (the credentials travel with the requests)")
        return str(url).rstrip("/")

    @model_validator(mode="after")
    def _what(self) -> RedditConfig:
        if self.terms is None and self.subreddit is None:
            raise ValueError("give a subreddit (its new posts or comments), terms (a search), or both "
                             "(a search in that subreddit)")
        return self

    @property
    def secret(self) -> str:
        return self.client_secret.get_secret_value()

    @property
    def searching(self) -> bool:
        return self.terms is not None

    @property
    def feed(self) -> str:
        """What this source reads, as a key: the cursor of another feed is not reused for this one."""
        where = f"r/{self.subreddit.lower()}" if self.subreddit else "all"
        return f"{where} search" if self.searching else f"{where} {self.listing}"

    @property
    def user_agent(self) -> str:
        """Descriptive, with the contact account, as Reddit's API rules require."""
        return f"voxpop/{__version__} (by /u/{self.username})"


def validate_config(config: dict[str, Any]) -> RedditConfig:
    return validate_config_model(
        RedditConfig, config, kind="reddit",
        example='{"client_id": "…", "client_secret": "…", "username": "you", "subreddit": "nordbrew"}',
    )


# --- requests ---------------------------------------------------------------------------------


def token_url(config: RedditConfig) -> str:
    return f"{config.auth_url}/api/v1/access_token"


def listing_url(config: RedditConfig, *, after: str | None = None) -> str:
    params: dict[str, str | int] = {"limit": PAGE_LIMIT, "raw_json": 1}
    if after:
        params["after"] = after
    return f"{config.api_url}/r/{quote(config.subreddit or '', safe='+')}/{config.listing}?{urlencode(params)}"


def search_url(config: RedditConfig, term: str, *, after: str | None = None) -> str:
    """Newest first; posts only (Reddit's search does not search comments)."""
    params: dict[str, str | int] = {"q": term, "sort": "new", "type": "link", "limit": PAGE_LIMIT, "raw_json": 1}
    path = "/search"
    if config.subreddit:
        path = f"/r/{quote(config.subreddit, safe='+')}/search"
        params["restrict_sr"] = 1
    if after:
        params["after"] = after
    return f"{config.api_url}{path}?{urlencode(params)}"


# --- answers ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    access_token: str
    expires_in: float

    def __repr__(self) -> str:
        return f"Token(access_token='***', expires_in={self.expires_in})"


@dataclass(frozen=True, slots=True)
class RedditError:
    """An error body: ``{"message": "Forbidden", "error": 403, "reason": "private"}`` or an OAuth
    error ``{"error": "invalid_grant"}``."""

    error: str
    message: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Listing:
    children: list[Any]
    after: str | None


def _json(body: bytes, *, url: str) -> Any:
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadPayload(f"{url} did not answer with JSON ({exc})") from exc


def read_token(body: bytes, *, url: str) -> Token | RedditError:
    """The access token of a ``client_credentials`` answer, or the OAuth error it carries."""
    data = _json(body, url=url)
    if not isinstance(data, dict):
        raise BadPayload(f"{url} did not answer with a token")
    token, expires = data.get("access_token"), data.get("expires_in")
    if isinstance(token, str) and token and not any(ch.isspace() for ch in token):
        seconds = float(expires) if isinstance(expires, int | float) and not isinstance(expires, bool) else 3600.0
        return Token(token, max(seconds, 60.0))
    error = read_error(body)
    if error is None:
        raise BadPayload(f"{url} answered without an access_token")
    return error


def read_error(body: bytes) -> RedditError | None:
    """What an error body says, or None when it is not one of Reddit's error objects."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or "error" not in data:
        return None
    text = lambda key: str(data.get(key) or "")[:200]  # noqa: E731 - a local shorthand
    return RedditError(error=text("error"), message=text("message"), reason=text("reason"))


def read_listing(body: bytes, *, url: str) -> Listing:
    """A listing's things and its ``after`` fullname, or BadPayload when the answer is not a listing."""
    data = _json(body, url=url)
    inner = data.get("data") if isinstance(data, dict) and data.get("kind") == "Listing" else None
    children = inner.get("children") if isinstance(inner, dict) else None
    if not isinstance(children, list):
        raise BadPayload(f"{url} did not answer with a listing (no data.children)")
    after = inner.get("after") if isinstance(inner, dict) else None
    return Listing(children=children, after=after if isinstance(after, str) and _FULLNAME.match(after) else None)


# --- things -----------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


class _Thing(_Strict):
    id: str = Field(min_length=1, max_length=20, pattern=r"^[a-z0-9]+$")
    name: str = Field(pattern=r"^t[13]_[a-z0-9]{1,20}$")
    created_utc: float | int
    author: str | None = None
    subreddit: str = Field(min_length=1, max_length=30)
    permalink: str = Field(min_length=1, max_length=1000, pattern=r"^/")
    score: int | None = None


class Post(_Thing):
    """The fields of a link (``t3``) this connector reads, each with its documented type."""

    title: str
    selftext: str = ""
    url: str | None = None
    is_self: bool = False
    num_comments: int | None = Field(None, ge=0)
    removed_by_category: str | None = None


class Comment(_Thing):
    """The fields of a comment (``t1``) this connector reads."""

    body: str
    link_id: str | None = None


@dataclass(frozen=True, slots=True)
class ThingOutcome:
    """One thing read: its time (for the cursor) when readable, and a draft, a reject, or the
    fullname of a thing removed or deleted at Reddit (a tombstone for what was stored)."""

    created_utc: float | None
    draft: MentionDraft | None = None
    reject: Reject | None = None
    deleted: str | None = None


class UnknownKind(ValueError):
    """A listing held a thing of a kind this connector does not know."""


def read_thing(child: Any, *, index: int, where: str, collected_at: datetime, max_record_bytes: int) -> ThingOutcome:
    """A listing child (``{"kind": "t3", "data": {…}}``) as a MentionDraft, a deletion, or a Reject."""
    kind = child.get("kind") if isinstance(child, dict) else None
    data = child.get("data") if isinstance(child, dict) else None
    when = data.get("created_utc") if isinstance(data, dict) else None
    when = float(when) if isinstance(when, int | float) and not isinstance(when, bool) else None
    permalink = data.get("permalink") if isinstance(data, dict) else None
    location = (WEB + permalink if isinstance(permalink, str) and permalink.startswith("/")
                else f"reddit {where} thing {index}")
    raw = json.dumps(data if data is not None else child, ensure_ascii=False,
                     separators=(",", ":")).encode("utf-8", "replace")

    def rejected(reason: str) -> ThingOutcome:
        shown = ""
        if isinstance(data, dict):
            text = data.get("body") or data.get("selftext") or data.get("title")
            shown = text if isinstance(text, str) else ""
        return ThingOutcome(when, reject=Reject(location=location, reason=reason,
                                                excerpt=(shown or raw.decode("utf-8", "replace"))[:200]))

    if kind in IGNORED_KINDS:
        return ThingOutcome(None)
    if kind not in ("t1", "t3"):
        return rejected(f"unknown kind {kind!r} (expected t3, a post, or t1, a comment)")
    if not isinstance(data, dict):
        return rejected("thing has no data object")
    if len(raw) > max_record_bytes:
        return rejected(f"thing is {len(raw):,} bytes, over the {max_record_bytes:,} byte record limit")
    try:
        thing: Post | Comment = Post.model_validate(data) if kind == "t3" else Comment.model_validate(data)
    except ValidationError as exc:
        return rejected(payload_problems(exc, whole="thing"))
    if not thing.name.startswith(kind + "_") or thing.name != f"{kind}_{thing.id}":
        return rejected(f"name {thing.name!r} is not the fullname of {kind} {thing.id!r}")
    if is_gone(thing):
        return ThingOutcome(when, deleted=thing.name)
    try:
        draft = _draft(thing, raw=raw, collected_at=collected_at)
    except InvalidField as exc:
        return rejected(str(exc))
    return ThingOutcome(when, draft=draft)


def is_gone(thing: Post | Comment) -> bool:
    """Removed by a moderator, by Reddit, or deleted by its author: only a placeholder is left."""
    if isinstance(thing, Post):
        return thing.removed_by_category is not None or thing.selftext.strip() in GONE_TEXTS
    return thing.body.strip() in GONE_TEXTS


def _draft(thing: Post | Comment, *, raw: bytes, collected_at: datetime) -> MentionDraft:
    published = parse_datetime(thing.created_utc, field="created_utc", now=collected_at)
    author = clean_text(thing.author, field="author")
    if author in ("[deleted]", ""):
        author = None  # the account is gone; the text stays
    if author and len(author) > MAX_AUTHOR:
        raise InvalidField(f"author is longer than {MAX_AUTHOR} characters")
    url = WEB + thing.permalink
    if isinstance(thing, Post):
        title = clean_text(thing.title, field="title")
        shared = thing.url if not thing.is_self else None
        link = shared if shared and urlsplit(shared).scheme in ("http", "https") else None
        text = clean_text(thing.selftext, field="selftext") or "\n".join(p for p in (title, link) if p)
        links = [*extract_links(text), *([link] if link else [])]
        replies = thing.num_comments
    else:
        title = None
        text = clean_text(thing.body, field="body") or ""
        links = extract_links(text)
        replies = None
    if not text:
        raise InvalidField("the thing has no text")
    return MentionDraft(
        external_id=thing.name,
        channel=CHANNEL,
        text=text,
        published_at=published,
        collected_at=collected_at,
        raw=raw,
        url=url,
        author=author,
        title=title,
        lang=None,
        likes=thing.score,
        replies=replies,
        links=tuple(dict.fromkeys(links)),
        hashtags=tuple(extract_hashtags(f"{title or ''}\n{text}")),
    )


def rate_limit(headers: Any) -> tuple[float | None, float | None]:
    """(requests left, seconds to the end of the period) from ``X-Ratelimit-Remaining`` and
    ``X-Ratelimit-Reset`` (Reddit sends both as decimal numbers), None where absent or unreadable."""

    def number(name: str) -> float | None:
        value = headers.get(name)
        try:
            parsed = float(value) if value is not None else None
        except ValueError:
            return None
        return parsed if parsed is not None and parsed >= 0 and parsed == parsed and parsed != float("inf") else None

    return number("x-ratelimit-remaining"), number("x-ratelimit-reset")
