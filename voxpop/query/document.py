"""A mention analysed once for matching: its title and body as word sequences, and its fields.

``analyse(mention)`` builds a ``Document`` that any number of queries can be evaluated against
(``Query.matches_document``); a multi-query index reuses it, and ``Document.index_keys`` gives
the keys such an index files the mention under.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from voxpop.query.text import HANDLE, TAG, WORD, Found, Normalised, blank, find_urls, fold

#: The fields of a mention the matcher reads, as attributes of a Mention or keys of a dict.
MENTION_FIELDS = ("title", "text", "author", "author_name", "url", "links", "lang", "country", "channel",
                  "sentiment")


@dataclass(frozen=True, slots=True)
class Mark:
    """A tag or handle of a text: the positions of its first and last word and its characters."""

    first: int
    last: int
    span: tuple[int, int]


class Sequence:
    """The words of one text field (title or body), in order, with their keys and character spans.

    ``spans`` are offsets into the field's original string, whatever its normalisation.
    """

    __slots__ = ("field", "original", "keys", "surfaces", "spans", "by_key", "tags", "handles", "urls",
                 "wildcard_positions", "_sorted_keys", "_by_surface")

    def __init__(self, field: str, value: str | None) -> None:
        self.field = field
        self.original = value or ""
        self.keys: list[str] = []
        self.surfaces: list[str] = []
        self.spans: list[tuple[int, int]] = []
        self.by_key: dict[str, list[int]] = {}
        self.tags: dict[str, list[Mark]] = {}
        self.handles: dict[str, list[Mark]] = {}
        self.urls: list[tuple[str, tuple[int, int]]] = []
        #: Positions of each wildcard pattern already looked up (a cache shared by all queries).
        self.wildcard_positions: dict[str, list[int]] = {}
        self._sorted_keys: list[str] | None = None
        self._by_surface: dict[str, list[int]] | None = None
        if self.original:
            self._analyse()

    def __len__(self) -> int:
        return len(self.keys)

    def _analyse(self) -> None:
        normalised = Normalised(self.original)
        text = normalised.text
        urls: list[Found] = find_urls(text)
        self.urls = [(u.url, normalised.original_span(u.start, u.end)) for u in urls]
        searched = blank(text, [(u.start, u.end) for u in urls])
        starts: list[int] = []
        by_key = self.by_key
        for position, match in enumerate(WORD.finditer(searched)):
            surface = match.group()
            key = fold(surface)
            start, end = match.span()
            starts.append(start)
            self.surfaces.append(surface)
            self.keys.append(key)
            self.spans.append(normalised.original_span(start, end))
            by_key.setdefault(key, []).append(position)
        if "#" in searched:
            for match in TAG.finditer(searched):
                mark = self._mark(starts, match.start(), match.end(), normalised)
                self.tags.setdefault(fold(match.group(1)), []).append(mark)
        if "@" in searched:
            for match in HANDLE.finditer(searched):
                mark = self._mark(starts, match.start(), match.end(), normalised)
                handle = match.group(1)
                key = fold(handle)
                self.handles.setdefault(key, []).append(mark)
                if "@" in handle:  # user@host.social is also @user
                    self.handles.setdefault(fold(handle.split("@", 1)[0]), []).append(mark)

    @staticmethod
    def _mark(starts: list[int], start: int, end: int, normalised: Normalised) -> Mark:
        first = bisect.bisect_left(starts, start + 1)
        last = max(first, bisect.bisect_left(starts, end) - 1)
        return Mark(first, last, normalised.original_span(start, end))

    def sorted_keys(self) -> list[str]:
        """The distinct keys, sorted (wildcards scan the range that starts with their prefix)."""
        if self._sorted_keys is None:
            self._sorted_keys = sorted(self.by_key)
        return self._sorted_keys

    def by_surface(self) -> dict[str, list[int]]:
        """Positions of each exact NFC word (for ``{Exact}`` terms)."""
        if self._by_surface is None:
            table: dict[str, list[int]] = {}
            for position, surface in enumerate(self.surfaces):
                table.setdefault(surface, []).append(position)
            self._by_surface = table
        return self._by_surface


@dataclass(frozen=True, slots=True)
class Link:
    """A link of a mention: its host, and where it is written when it was found in the title or text."""

    host: str
    field: str | None = None
    span: tuple[int, int] | None = None


class Document:
    """A mention analysed for matching. Build with ``analyse``; read-only afterwards."""

    __slots__ = ("title", "text", "sequences", "author", "author_name", "author_keys", "url", "url_host",
                 "links", "lang", "country", "channel", "sentiment")

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.title = Sequence("title", _text(values.get("title")))
        self.text = Sequence("text", _text(values.get("text")))
        #: Title first, then body: phrases and NEAR stay inside one of them.
        self.sequences: tuple[Sequence, Sequence] = (self.title, self.text)
        self.author = _text(values.get("author"))
        self.author_name = _text(values.get("author_name"))
        keys: list[tuple[str, str]] = []
        if self.author:
            keys.append(("author", author_key(self.author)))
        if self.author_name:
            keys.append(("author_name", author_key(self.author_name)))
        #: (field, folded whole value) of the author's handle and display name.
        self.author_keys: tuple[tuple[str, str], ...] = tuple(keys)
        self.url = _text(values.get("url"))
        self.url_host = host_of(self.url) if self.url else None
        links: list[Link] = []
        raw_links = values.get("links") or ()
        if isinstance(raw_links, str):
            raw_links = (raw_links,)
        for link in raw_links:
            host = host_of(link) if isinstance(link, str) else None
            if host:
                links.append(Link(host))
        for sequence in self.sequences:
            for url, span in sequence.urls:
                host = host_of(url)
                if host:
                    links.append(Link(host, sequence.field, span))
        self.links: tuple[Link, ...] = tuple(links)
        self.lang = _code(values.get("lang"), split_region=True)
        self.country = _code(values.get("country"))
        self.channel = _code(values.get("channel"))
        self.sentiment = _code(values.get("sentiment"))

    def index_keys(self, prefix_lengths: Iterable[int] = ()) -> frozenset[str]:
        """Every key the mention could be found by in an inverted index: word keys, ``#tag`` and
        ``@handle`` keys (a ``user@host`` handle also as ``@user``), and for each length n in
        ``prefix_lengths`` the ``prefix*`` marker of every word key at least n long (how a
        wildcard term ``recal*`` is found). ``Query.required_terms`` speaks the same keys."""
        keys: set[str] = set()
        for sequence in self.sequences:
            keys.update(sequence.by_key)
            keys.update("#" + tag for tag in sequence.tags)
            keys.update("@" + handle for handle in sequence.handles)
        lengths = sorted(set(prefix_lengths))
        if lengths:
            words = [k for sequence in self.sequences for k in sequence.by_key]
            keys.update(word[:n] + "*" for word in words for n in lengths if len(word) >= n)
        return frozenset(keys)


def text_keys(*values: str | None) -> set[str]:
    """``Document.index_keys()`` (without wildcard prefixes) of a mention whose title and text
    are ``values``, computed without building the Document: what a search index stores. Same
    rules as ``Sequence``: NFC, URLs blanked out, words folded, tags and handles (a
    ``user@host`` handle also as ``@user``)."""
    keys: set[str] = set()
    for value in values:
        if not value:
            continue
        text = value if value.isascii() or unicodedata.is_normalized("NFC", value) else unicodedata.normalize(
            "NFC", value)
        urls = find_urls(text)
        searched = blank(text, [(u.start, u.end) for u in urls]) if urls else text
        keys.update(map(fold, WORD.findall(searched)))
        if "#" in searched:
            keys.update("#" + fold(tag) for tag in TAG.findall(searched))
        if "@" in searched:
            for handle in HANDLE.findall(searched):
                keys.add("@" + fold(handle))
                if "@" in handle:
                    keys.add("@" + fold(handle.split("@", 1)[0]))
    return keys


def analyse(mention: Any) -> Document:
    """The ``Document`` for a stored ``Mention`` (attributes) or a dict with any of the keys in
    ``MENTION_FIELDS`` (a missing key is unknown or empty). A Document is returned as it is."""
    if isinstance(mention, Document):
        return mention
    if isinstance(mention, Mapping):
        return Document(mention)
    return Document({name: getattr(mention, name, None) for name in MENTION_FIELDS})


def author_key(value: str) -> str:
    """A handle or display name as ``author:`` compares it: folded, without a leading ``@``,
    white space collapsed."""
    return fold(" ".join(value.strip().removeprefix("@").split()))


def host_of(url: str) -> str | None:
    """The lower-case host of a URL (``example.com/x`` is read as ``http://example.com/x``)."""
    text = url.strip()
    if "://" not in text:
        text = "http://" + text.lstrip("/")
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _code(value: object, *, split_region: bool = False) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().lower()
    if split_region:
        code = code.replace("_", "-").split("-", 1)[0]
    return code
