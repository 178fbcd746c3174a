"""Edge validation for the web connector: its config, sitemaps, and a fetched page → MentionDraft.

Pure (no network): bytes come from ``voxpop.sources.fetch``. XML is parsed with entities and
DTDs off and no network; HTML main text, title, author and date come from trafilatura.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.etree
import lxml.html
import trafilatura
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from trafilatura.xml import xmltotxt

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
from voxpop.records import CHANNELS, MentionDraft
from voxpop.sources.base import BadPayload, validate_config_model
from voxpop.sources.fetch import FetchResult, gunzip_capped, parse_http_url

HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
SITEMAP_ACCEPT = "application/xml, text/xml;q=0.9, application/gzip;q=0.5, */*;q=0.1"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})
#: Child sitemaps read from a sitemap index (one level, never deeper).
MAX_CHILD_SITEMAPS = 50
MAX_URLS = 1_000
MAX_LINKS = 100
MAX_JSON_LD_BYTES = 200_000


class WebConfig(BaseModel):
    """A web source: pages listed by URL and/or found in a sitemap, and their channel."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    urls: list[str] = Field(default_factory=list, max_length=MAX_URLS)
    sitemap: str | None = None
    channel: str = "web"
    #: Pages read per run from the sitemap (most recently modified first).
    max_pages: int = Field(500, ge=1, le=50_000)

    @field_validator("urls")
    @classmethod
    def _http_urls(cls, values: list[str]) -> list[str]:
        cleaned: list[str] = []
        for index, value in enumerate(values):
            try:
                url = str(parse_http_url(value))
            except ValueError as exc:
                raise ValueError(f"urls[{index}]: {exc}") from exc
            if url not in cleaned:
                cleaned.append(url)
        return cleaned

    @field_validator("sitemap")
    @classmethod
    def _http_sitemap(cls, value: str | None) -> str | None:
        return str(parse_http_url(value)) if value else None

    @field_validator("channel")
    @classmethod
    def _known_channel(cls, value: str) -> str:
        value = value.lower()
        if value not in CHANNELS:
            raise ValueError(f"{value!r} is not a channel; use web, news or blog")
        return value

    @model_validator(mode="after")
    def _something_to_read(self) -> WebConfig:
        if not self.urls and not self.sitemap:
            raise ValueError("give urls (a list of page URLs) or sitemap (a sitemap URL), or both")
        return self


def validate_config(config: dict[str, Any]) -> WebConfig:
    return validate_config_model(WebConfig, config, kind="web", example='{"urls": ["https://..."]}')


# --- sitemaps (https://www.sitemaps.org/protocol.html) ----------------------------------------


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: ``index`` says the locations are sitemaps, not pages."""

    index: bool
    entries: list[tuple[str, str | None]]  # (loc, lastmod)
    skipped: list[str]  # locations that are not http(s) URLs


def _xml_parser() -> lxml.etree.XMLParser:
    return lxml.etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=True,
    )


def read_sitemap(result: FetchResult, *, max_bytes: int) -> Sitemap:
    """A sitemap or sitemap index (plain or gzip-compressed), or BadPayload."""
    body = result.body
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz served as a file, not as a Content-Encoding
        body = gunzip_capped(body, url=result.url, max_bytes=max_bytes)
    try:
        root = lxml.etree.fromstring(body, _xml_parser())
    except lxml.etree.XMLSyntaxError as exc:
        raise BadPayload(f"{result.url} is not a sitemap: {exc}") from exc
    if root is None or not isinstance(root.tag, str):
        raise BadPayload(f"{result.url} is not a sitemap (empty or unreadable XML)")
    kind = lxml.etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise BadPayload(f"{result.url} is not a sitemap: its root element is <{kind}>")
    child = "url" if kind == "urlset" else "sitemap"
    entries: list[tuple[str, str | None]] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for element in root:
        if not isinstance(element.tag, str) or lxml.etree.QName(element).localname != child:
            continue
        loc = _child_text(element, "loc")
        if not loc:
            continue
        try:
            url = str(parse_http_url(urljoin(result.url, loc)))
        except ValueError:
            skipped.append(loc[:200])
            continue
        if url not in seen:
            seen.add(url)
            entries.append((url, _child_text(element, "lastmod")))
    return Sitemap(index=kind == "sitemapindex", entries=entries, skipped=skipped)


def _child_text(element: Any, name: str) -> str | None:
    for child in element:
        if isinstance(child.tag, str) and lxml.etree.QName(child).localname == name:
            return (child.text or "").strip() or None
    return None


def newest_first(entries: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Sitemap entries by <lastmod>, newest first; those without one keep their order, last."""
    dated: list[tuple[str, str | None]] = [(loc, mod) for loc, mod in entries if mod]
    undated: list[tuple[str, str | None]] = [(loc, mod) for loc, mod in entries if not mod]

    def when(item: tuple[str, str | None]) -> float:
        try:
            return parse_datetime(item[1], field="lastmod").timestamp()
        except InvalidField:
            return float("-inf")

    return sorted(dated, key=when, reverse=True) + undated


# --- pages ------------------------------------------------------------------------------------


def body_digest(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


class PageUnreadable(ValueError):
    """A page was fetched but cannot become a mention; the message says why."""


def read_page(
    result: FetchResult,
    *,
    channel: str,
    collected_at: datetime,
    naive_tz: tzinfo,
    max_record_bytes: int,
) -> MentionDraft:
    """A fetched page as a MentionDraft: main text, title, author, date via trafilatura.

    ``external_id`` and ``url`` are the page's canonical URL: its <link rel=canonical> when
    that is on the same site, else the URL after redirects. ``published_at`` is the page's
    published time (article:published_time / JSON-LD datePublished, else trafilatura's date),
    else the collection time. Raises PageUnreadable.
    """
    if result.content_type not in HTML_TYPES:
        raise PageUnreadable(f"not an HTML page (Content-Type {result.content_type})")
    try:
        tree = lxml.html.document_fromstring(decode_html(result.body, result.charset))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise PageUnreadable(f"not readable as HTML ({exc})") from exc
    canonical = canonical_url(tree, result.url)
    lang = _language(tree)
    published = _published(tree, naive_tz=naive_tz, now=collected_at)
    # "Please enable JavaScript" is not the page's text; trafilatura would take it for it.
    for element in list(tree.iter("noscript")):
        element.drop_tree()
    document = trafilatura.bare_extraction(
        tree,  # trafilatura prunes this tree: everything needed from it is read above
        url=canonical,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_links=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or isinstance(document, dict) or document.body is None:
        raise PageUnreadable("no main text found on the page")
    links = [ref.get("target") for ref in document.body.iter("ref") if ref.get("target")]
    text = _body_text(document.body)
    if not text:
        raise PageUnreadable("no main text found on the page")
    title = clean_text(document.title, field="title") if document.title else None
    # The cap is on the mention (its text), not on the HTML around it: real article pages carry
    # megabytes of scripts and markup, which the fetcher already caps at fetch_max_bytes.
    size = len(text.encode("utf-8")) + len((title or "").encode("utf-8"))
    if size > max_record_bytes:
        raise PageUnreadable(f"page text is {size:,} bytes, over the {max_record_bytes:,} byte record limit")
    author = _author(document.author)
    if published is None and document.date:
        published = _first_date([document.date], naive_tz=naive_tz, now=collected_at)
    words = f"{title or ''}\n{text}"
    absolute = [urljoin(canonical, link) for link in links]
    all_links = [u for u in absolute if urlsplit(u).scheme in ("http", "https")]
    return MentionDraft(
        external_id=canonical,
        channel=channel,
        text=text,
        published_at=published or collected_at,
        collected_at=collected_at,
        raw=result.body,
        url=canonical,
        author=author,
        author_name=author,
        title=title,
        lang=lang or _first_lang([document.language]),
        links=tuple(list(dict.fromkeys([*all_links, *extract_links(text)]))[:MAX_LINKS]),
        hashtags=tuple(extract_hashtags(words)),
        handles=tuple(extract_handles(words)),
    )


#: "By" in bylines that trafilatura leaves in front of the name ("af Sofie Jensen").
_BYLINE = re.compile(r"^(?:by|af|av|von|door|par|por|di|przez)\s+(?=\S)", re.I)


def _author(value: str | None) -> str | None:
    if not value:
        return None
    return clean_text(_BYLINE.sub("", value.strip()), field="author")


def page_digest(draft: MentionDraft) -> str:
    """What makes a page a new version: its text and metadata, not its markup or ads."""
    return content_hash(
        draft.external_id, draft.title, draft.text, draft.author, draft.published_at.isoformat()
    )


_WHITESPACE = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_html(body: bytes, declared: str | None) -> str:
    """The page as text: BOM, else HTTP charset, else <meta charset>, else UTF-8, else cp1252."""
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", "replace")
    found = _META_CHARSET.search(body[:4096])
    meta = found.group(1).decode("ascii", "replace") if found else None
    for encoding in (declared, meta, "utf-8"):
        if not encoding:
            continue
        try:
            text = body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        break
    else:
        text = body.decode("cp1252", "replace")
    # lxml refuses text that still declares an encoding (XHTML served with <?xml ...?>)
    return _XML_DECLARATION.sub("", text, count=1)


def _body_text(body: Any) -> str:
    # Extracted with include_links so <ref> targets are known; the refs are then unwrapped and
    # source line breaks collapsed, which gives the same text as an extraction without links.
    lxml.etree.strip_tags(body, "ref")
    for element in body.iter():
        if element.text:
            element.text = _WHITESPACE.sub(" ", element.text)
        if element.tail:
            element.tail = _WHITESPACE.sub(" ", element.tail)
    return clean_text(xmltotxt(body, include_formatting=False), field="text") or ""


def canonical_url(tree: Any, final_url: str) -> str:
    """<link rel=canonical> when absolute http(s) on the same site as ``final_url``, else it."""
    final = _without_fragment(final_url)
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            candidate = _without_fragment(urljoin(final, link.get("href").strip()))
            if urlsplit(candidate).scheme in ("http", "https") and _site(candidate) == _site(final):
                return candidate
            break
    return final


def _without_fragment(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def _site(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower().removeprefix("www."), parts.port


_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "date",
)


def _published(tree: Any, *, naive_tz: tzinfo, now: datetime) -> datetime | None:
    """The publication time the page's metadata states (meta, JSON-LD, <time>), or None."""
    candidates: list[str] = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and meta.get("content"):
            candidates.append(meta.get("content"))
    candidates.extend(_json_ld_dates(tree))
    for time_el in tree.iter("time"):
        marks = f"{time_el.get('itemprop') or ''} {time_el.get('class') or ''}".lower()
        if time_el.get("datetime") and ("datepublished" in marks or "published" in marks):
            candidates.append(time_el.get("datetime"))
    return _first_date(candidates, naive_tz=naive_tz, now=now)


def _first_date(candidates: list[str], *, naive_tz: tzinfo, now: datetime) -> datetime | None:
    for value in candidates:
        try:
            return parse_datetime(value, field="published", naive_tz=naive_tz, now=now)
        except InvalidField:
            continue
    return None


def _json_ld_dates(tree: Any) -> list[str]:
    found: list[str] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        if len(script.text) > MAX_JSON_LD_BYTES:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack and len(found) < 5:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item[:50])
            elif isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    found.append(item["datePublished"])
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph[:50])
    return found


def _language(tree: Any) -> str | None:
    """The page's declared language: <html lang>, Content-Language, og:locale."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or "").lower()
        if key in ("content-language", "og:locale") and meta.get("content"):
            candidates.append(meta.get("content").split(",")[0])
    return _first_lang(candidates)


def _first_lang(candidates: list[str | None]) -> str | None:
    for value in candidates:
        if value:
            try:
                code = normalise_lang(value)
            except InvalidField:
                continue
            if code:
                return code
    return None
