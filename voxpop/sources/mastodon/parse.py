"""Edge validation for the mastodon connector: its config, a timeline page, each status → MentionDraft.

Everything here is pure (no network): the response bytes come from ``voxpop.sources.fetch``.
Statuses follow the Status entity of https://docs.joinmastodon.org/entities/Status/.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import parse_qs, quote, urlencode, urljoin, urlsplit

import lxml.etree
import lxml.html
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
    extract_links,
    normalise_lang,
    parse_datetime,
)
from voxpop.records import MentionDraft, Reject
from voxpop.sources.base import BadPayload, payload_problems, validate_config_model
from voxpop.sources.fetch import parse_http_url
from voxpop.sources.html import html_to_text
from voxpop.sources.search_terms import check_terms, split_terms_option

CHANNEL = "mastodon"
#: The most statuses Mastodon returns per timeline request (the documented maximum).
PAGE_LIMIT = 40
#: Column widths of the mentions table (voxpop/store/tables.py).
MAX_EXTERNAL_ID = 500
MAX_AUTHOR = 300
#: Statuses of these visibilities are never stored: with a token that follows an account, its
#: followers-only and direct posts would come back too, and they are not public conversation.
PRIVATE_VISIBILITIES = frozenset({"private", "direct"})

_HASHTAG = re.compile(r"^[\w\u00b7\u200c]+$")
_ACCT = re.compile(r"^[\w.\-]+(?:@[\w.\-]+\.[\w\-]+(?::\d+)?)?$")
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


class MastodonConfig(BaseModel):
    """A mastodon source: one server, and one of a hashtag, a timeline, an account or a search on it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    instance: str
    hashtag: str | None = None
    timeline: Literal["public", "local"] | None = None
    account: str | None = None
    #: Search terms (``/api/v2/search``, which needs a token), one search each, or ``from_queries``:
    #: the searches the enabled saved queries need (voxpop.sources.search_terms).
    terms: list[str] | Literal["from_queries"] | None = None
    #: An access token (bearer). Kept as a SecretStr so that printing the config never shows it.
    token: SecretStr | None = None
    max_pages: int = Field(5, ge=1, le=50)
    #: Searches: seconds before the newest status stored that each poll reads again (indexed late).
    lookback_s: int = Field(300, ge=0, le=86_400)

    @field_validator("instance")
    @classmethod
    def _server(cls, value: str) -> str:
        text = value if "://" in value else "https://" + value
        try:
            url = parse_http_url(text)
        except ValueError as exc:
            raise ValueError(str(exc)) from None
        if url.path not in ("", "/") or url.query or url.fragment:
            raise ValueError(f"{value!r} is not a server address; give just the server, like https://mastodon.social")
        if url.scheme != "https" and url.host not in _LOOPBACK:
            raise ValueError(f"{value!r} must use https (the access token travels with every request)")
        port = f":{url.port}" if url.port else ""
        host = f"[{url.host}]" if ":" in url.host else url.host
        return f"{url.scheme}://{host.lower()}{port}"

    @field_validator("hashtag")
    @classmethod
    def _tag(cls, value: str | None) -> str | None:
        if value is None:
            return None
        tag = value.removeprefix("#")
        if not _HASHTAG.match(tag):
            raise ValueError(f"{value!r} is not a hashtag (letters, digits and _ only, without spaces)")
        return tag

    @field_validator("account")
    @classmethod
    def _acct(cls, value: str | None) -> str | None:
        if value is None:
            return None
        acct = value.removeprefix("@")
        if not _ACCT.match(acct):
            raise ValueError(f"{value!r} is not an account; write it as user or user@server.example")
        return acct

    @field_validator("terms", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        return split_terms_option(value)

    @field_validator("terms")
    @classmethod
    def _terms(cls, value: list[str] | str | None) -> list[str] | str | None:
        return check_terms(value, max_length=200)

    @field_validator("token")
    @classmethod
    def _bearer(cls, value: SecretStr | None) -> SecretStr | None:
        # The message never repeats the value: it is a secret.
        if value is None or not value.get_secret_value():
            return None
        if any(ch.isspace() for ch in value.get_secret_value()):
            raise ValueError("the access token must not contain spaces (paste only the token itself)")
        return value

    @field_serializer("token", when_used="always")
    def _dump_token(self, value: SecretStr | None) -> str | None:
        # Stored with the source (and masked by voxpop.store.sources.mask_secrets when shown).
        return value.get_secret_value() if value is not None else None

    @model_validator(mode="after")
    def _one_feed(self) -> MastodonConfig:
        given = [name for name in ("hashtag", "timeline", "account", "terms") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of hashtag, timeline (public or local), account or terms"
                             + (f"; got {' and '.join(given)}" if given else ""))
        if self.terms is not None and self.token is None:
            raise ValueError("searching Mastodon needs an access token with the read:search scope: set token "
                             "(see docs/sources/mastodon.md)")
        return self

    @property
    def host(self) -> str:
        return urlsplit(self.instance).hostname or ""

    @property
    def feed(self) -> str:
        """What this source reads, as a key: the cursor of another feed is not reused for this one."""
        if self.hashtag is not None:
            return f"{self.instance} tag:{self.hashtag.lower()}"
        if self.timeline is not None:
            return f"{self.instance} timeline:{self.timeline}"
        if self.terms is not None:
            return f"{self.instance} search"
        return f"{self.instance} account:{self.account}"

    @property
    def bearer(self) -> str | None:
        return self.token.get_secret_value() if self.token is not None else None


def validate_config(config: dict[str, Any]) -> MastodonConfig:
    return validate_config_model(
        MastodonConfig, config, kind="mastodon",
        example='{"instance": "https://mastodon.social", "hashtag": "nordbrew"}',
    )


# --- requests and responses -------------------------------------------------------------------


def timeline_path(config: MastodonConfig, *, account_id: str | None = None) -> str:
    """The API path of the configured timeline (an account's needs its id, from ``lookup_url``)."""
    if config.hashtag is not None:
        return "/api/v1/timelines/tag/" + quote(config.hashtag, safe="")
    if config.timeline is not None:
        return "/api/v1/timelines/public"
    if account_id is None:
        raise ValueError("an account timeline needs the account's id")
    return f"/api/v1/accounts/{quote(account_id, safe='')}/statuses"


def timeline_url(config: MastodonConfig, path: str, *, min_id: str | None = None) -> str:
    params: dict[str, str] = {"limit": str(PAGE_LIMIT)}
    if config.timeline == "local":
        params["local"] = "true"
    if min_id is not None:
        params["min_id"] = min_id
    return f"{config.instance}{path}?{urlencode(params)}"


def lookup_url(config: MastodonConfig) -> str:
    return f"{config.instance}/api/v1/accounts/lookup?{urlencode({'acct': config.account or ''})}"


def read_json(body: bytes, *, url: str) -> Any:
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadPayload(f"{url} did not answer with JSON ({exc})") from exc


def read_timeline(body: bytes, *, url: str) -> list[Any]:
    """The entries of a timeline page, or BadPayload when the answer is not a JSON list."""
    data = read_json(body, url=url)
    if not isinstance(data, list):
        kind = "an object" if isinstance(data, dict) else type(data).__name__
        raise BadPayload(f"{url} answered with {kind}, not a list of statuses")
    return data


def read_account_id(body: bytes, *, url: str) -> str:
    """The id of the Account entity that /api/v1/accounts/lookup answered with."""
    data = read_json(body, url=url)
    account_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(account_id, str) or not account_id:
        raise BadPayload(f"{url} did not answer with an account")
    return account_id


_LINK = re.compile(r'<([^>]*)>\s*((?:;\s*[^;,]*)*)')
_REL = re.compile(r'rel\s*=\s*"?([^";,]+)"?', re.I)


def parse_links(header: str | None) -> dict[str, str]:
    """rel → URL of an HTTP Link header (``<url>; rel="next", <url>; rel="prev"``)."""
    links: dict[str, str] = {}
    for match in _LINK.finditer(header or ""):
        rel = _REL.search(match.group(2))
        if rel:
            for name in rel.group(1).split():
                links.setdefault(name.lower(), match.group(1).strip())
    return links


def page_link(links: dict[str, str], rel: Literal["prev", "next"], *, base: str, path: str) -> str | None:
    """The ``prev`` (newer) or ``next`` (older) page, if it is on this server and this timeline.

    A link elsewhere is not followed (the token must not travel there, and it would not be this
    timeline); a ``prev`` link must page with ``min_id``, which returns the statuses immediately
    newer than it: ``since_id`` (older servers) returns the newest ones and could leave a gap.
    """
    target = links.get(rel)
    if not target:
        return None
    url = urljoin(base, target)
    parts, ours = urlsplit(url), urlsplit(base)
    if (parts.scheme, parts.netloc.lower()) != (ours.scheme, ours.netloc.lower()) or parts.path != path:
        return None
    key = "min_id" if rel == "prev" else "max_id"
    return url if parse_qs(parts.query).get(key) else None


def link_id(url: str | None, key: str) -> str | None:
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get(key)
    return values[0] if values else None


def newest(ids: list[str | None]) -> str | None:
    """The newest of Mastodon ids: longer is newer, then lexically (they are not to be cast to
    integers; https://docs.joinmastodon.org/api/guidelines/#id)."""
    present = [i for i in ids if i]
    return max(present, key=lambda i: (len(i), i)) if present else None


# --- statuses ---------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


class StatusAccount(_Strict):
    acct: str = Field(min_length=1)
    display_name: str | None = None
    followers_count: int | None = Field(None, ge=0)


class StatusTag(_Strict):
    name: str


class StatusMention(_Strict):
    acct: str = Field(min_length=1)


class PreviewCard(_Strict):
    url: str | None = None


class MediaAttachment(_Strict):
    description: str | None = None


class Status(_Strict):
    """The fields of a Status this connector reads, each with its documented type."""

    id: str = Field(min_length=1)
    uri: str = Field(min_length=1)
    url: str | None = None
    created_at: str
    edited_at: str | None = None
    content: str
    spoiler_text: str | None = None
    visibility: str | None = None
    language: str | None = None
    account: StatusAccount
    replies_count: int | None = Field(None, ge=0)
    reblogs_count: int | None = Field(None, ge=0)
    favourites_count: int | None = Field(None, ge=0)
    tags: list[StatusTag] = Field(default_factory=list)
    mentions: list[StatusMention] = Field(default_factory=list)
    card: PreviewCard | None = None
    media_attachments: list[MediaAttachment] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EntryOutcome:
    """One timeline entry read: its id in the timeline (for the cursor), and a draft, a reject, or
    neither (a status deliberately not collected: not public, or with no text at all)."""

    timeline_id: str | None
    draft: MentionDraft | None = None
    reject: Reject | None = None


def read_entry(
    entry: Any,
    *,
    index: int,
    instance: str,
    collected_at: datetime,
    max_record_bytes: int,
) -> EntryOutcome:
    """A timeline entry as a MentionDraft of the status it shows, or a Reject saying what is wrong.

    A boost (``reblog`` set) is collapsed onto the status it boosts: the original is read, with its
    own author, counts and ``uri``, so it is one mention however many boosts bring it. The entry's
    own id is still the one returned for the cursor: the timeline is ordered by it.
    """
    timeline_id = entry.get("id") if isinstance(entry, dict) else None
    timeline_id = timeline_id if isinstance(timeline_id, str) and timeline_id else None
    status_data = entry.get("reblog") if isinstance(entry, dict) and entry.get("reblog") is not None else entry
    status_id = status_data.get("id") if isinstance(status_data, dict) else None
    shown_id = status_id if isinstance(status_id, str) and status_id else timeline_id or f"entry-{index}"
    location = f"{instance}#{shown_id}"
    raw = status_raw(status_data)

    def rejected(reason: str) -> EntryOutcome:
        content = status_data.get("content") if isinstance(status_data, dict) else None
        excerpt = html_to_text(content) if isinstance(content, str) else raw.decode("utf-8", "replace")
        return EntryOutcome(timeline_id, reject=Reject(location=location, reason=reason, excerpt=excerpt[:200]))

    if not isinstance(status_data, dict):
        return rejected("timeline entry is not a status object" if status_data is entry else "reblog is not a status")
    if len(raw) > max_record_bytes:
        return rejected(f"status is {len(raw):,} bytes, over the {max_record_bytes:,} byte record limit")
    try:
        status = Status.model_validate(status_data)
    except ValidationError as exc:
        return rejected(payload_problems(exc, whole="status"))
    if status.visibility in PRIVATE_VISIBILITIES:
        return EntryOutcome(timeline_id)
    try:
        draft = _draft(status, raw=raw, instance=instance, collected_at=collected_at)
    except InvalidField as exc:
        return rejected(str(exc))
    return EntryOutcome(timeline_id, draft=draft)


def status_raw(status: Any) -> bytes:
    """The status as received: its JSON, compact, with the keys in the order the server sent them."""
    return json.dumps(status, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")


def _draft(status: Status, *, raw: bytes, instance: str, collected_at: datetime) -> MentionDraft | None:
    host = urlsplit(instance).hostname or ""
    if len(status.uri) > MAX_EXTERNAL_ID:
        raise InvalidField(f"uri is longer than {MAX_EXTERNAL_ID} characters")
    author = qualified(status.account.acct, host)
    if len(author) > MAX_AUTHOR:
        raise InvalidField(f"account.acct is longer than {MAX_AUTHOR} characters")
    published = parse_datetime(status.created_at, field="created_at", now=collected_at)
    if status.edited_at is not None:
        parse_datetime(status.edited_at, field="edited_at", now=collected_at)
    text = status_text(status)
    if not text:
        return None
    url = next((u for u in (status.url, status.uri) if u and urlsplit(u).scheme in ("http", "https")), None)
    links = [*extract_links(text), *content_links(status.content, base=url or instance)]
    if status.card is not None and status.card.url and urlsplit(status.card.url).scheme in ("http", "https"):
        links.append(status.card.url)
    name = clean_text(status.account.display_name, field="account.display_name")
    return MentionDraft(
        external_id=status.uri,
        channel=CHANNEL,
        text=text,
        published_at=published,
        collected_at=collected_at,
        raw=raw,
        url=url,
        author=author,
        author_name=name[:MAX_AUTHOR] if name else None,
        author_followers=status.account.followers_count,
        title=None,
        lang=_language(status.language),
        likes=status.favourites_count,
        shares=status.reblogs_count,
        replies=status.replies_count,
        links=tuple(dict.fromkeys(links)),
        hashtags=tuple(dict.fromkeys(t.name for t in status.tags if t.name)),
        handles=tuple(dict.fromkeys(qualified(m.acct, host) for m in status.mentions)),
    )


def status_text(status: Status) -> str:
    """The plain text of a status: its content warning, a blank line, then its content.

    Paragraphs become blank lines and <br> a newline; a link keeps all of its text (Mastodon
    splits a long URL into visible and "invisible" spans: together they are the URL as written),
    so mentions and hashtags read ``@user`` and ``#tag``. A status with no text at all (a picture
    alone) is given its pictures' descriptions, or none.
    """
    warning = clean_text(status.spoiler_text, field="spoiler_text")
    body = html_to_text(status.content)
    if not body:
        described = [clean_text(m.description, field="description") for m in status.media_attachments]
        body = "\n\n".join(d for d in described if d)
    return "\n\n".join(part for part in (warning, body) if part)


def content_links(markup: str, *, base: str) -> list[str]:
    """The http(s) targets of the links in a status's content, without its mention and hashtag links
    (those point at profiles and tag pages, not at what was shared)."""
    if "href" not in markup:
        return []
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for anchor in root.iter("a"):
        classes = (anchor.get("class") or "").split()
        rels = (anchor.get("rel") or "").lower().split()
        href = (anchor.get("href") or "").strip()
        if not href or "mention" in classes or "hashtag" in classes or "tag" in rels:
            continue
        url = urljoin(base, href)
        if urlsplit(url).scheme in ("http", "https"):
            found.append(url)
    return found


def qualified(acct: str, host: str) -> str:
    """``user@server`` for every account: Mastodon writes local accounts as just ``user``."""
    acct = acct.removeprefix("@")
    return acct if "@" in acct or not host else f"{acct}@{host}"


def _language(value: str | None) -> str | None:
    try:
        return normalise_lang(value)
    except InvalidField:
        return None




def rate_limit_reset(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds until ``X-RateLimit-Reset`` (an ISO 8601 time, as Mastodon sends it), or None."""
    if not value:
        return None
    text = value.strip()
    try:
        when = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
