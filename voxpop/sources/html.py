"""HTML fragments as plain text and links — shared by every connector that receives HTML
(feed entries, Mastodon statuses, Hacker News comments)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from voxpop.ingest.normalise import clean_text

_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tr ul".split()
)
_DROP = ("script", "style", "template", "noscript", "iframe", "object")
_SPACES = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")
_BREAKS = re.compile(r"\n{3,}")


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment: tags and scripts gone, paragraphs kept as blank lines."""
    if not markup or not markup.strip():
        return ""
    if "<" not in markup and "&" not in markup:
        return _tidy(markup)
    root = _fragment(markup)
    if root is None:
        return _tidy(markup)
    for element in list(root.iter(*_DROP)):
        element.drop_tree()
    parts: list[str] = []
    in_pre = 0  # source line breaks are only kept inside <pre>

    def add(text: str) -> None:
        parts.append(text if in_pre else _ANY_SPACE.sub(" ", text))

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else None  # comments have no str tag
        if event == "start":
            if tag == "br":
                parts.append("\n")
            elif tag in _BLOCKS:
                parts.append("\n\n")
            in_pre += tag == "pre"
            if tag and element.text:
                add(element.text)
        else:
            in_pre -= tag == "pre"
            if tag in _BLOCKS:
                parts.append("\n\n")
            if element is not root and element.tail:
                add(element.tail)
    return _tidy("".join(parts))


def html_links(markup: str | None, *, base: str) -> list[str]:
    """The http(s) targets of <a href> in an HTML fragment, made absolute against ``base``."""
    if not markup or "href" not in markup:
        return []
    root = _fragment(markup)
    if root is None:
        return []
    found: list[str] = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href:
            url = urljoin(base, href)
            if urlsplit(url).scheme in ("http", "https"):
                found.append(url)
    return list(dict.fromkeys(found))


def _fragment(markup: str) -> Any:
    try:
        return lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    return clean_text(_BREAKS.sub("\n\n", "\n".join(lines)), field="text") or ""


