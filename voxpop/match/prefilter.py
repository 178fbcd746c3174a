"""Before storing: could any saved query match this mention, with what is not yet known counted as 'maybe'?

A firehose carries far more than a workspace listens for, so a streaming source keeps only what
one of the enabled saved queries could match. The store's match stage decides for real later,
after enrichment has filled in the fields a source does not give (language, sentiment, country):
the prefilter must never drop a mention that stage would accept. So queries are evaluated with
three values (Kleene logic): a ``lang:``/``sentiment:``/``country:`` atom whose field is still
unknown is *maybe*, ``NOT maybe`` is maybe, and a mention is kept unless every query is *false*.
Text, author, links, URL and channel are known when the source has made its draft, and the store
keeps them as they are, so they are evaluated exactly.

``QueryWatcher`` holds the compiled filter and rebuilds it when the saved queries or the
workspace exclusions change (looked at every few seconds), so an edit takes effect without a
restart.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from voxpop.match.index import QueryIndex
from voxpop.query import Document, Query, QueryError, parse
from voxpop.query.document import text_keys
from voxpop.query.nodes import And, CodeField, Evaluation, Node, Not, Or

log = logging.getLogger(__name__)

#: Fields a later stage may fill in or change after the store (enrichment): unknown when empty,
#: and ``sentiment`` always, since voxpop's own sentiment is computed after the store.
LATER_FIELDS = ("lang", "country")
ALWAYS_UNKNOWN = frozenset({"sentiment"})

Maybe = bool | None


def unknown_fields(document: Document) -> frozenset[str]:
    """The fields of ``document`` whose value the match stage may see differently."""
    missing = {name for name in LATER_FIELDS if getattr(document, name) is None}
    return ALWAYS_UNKNOWN | missing


def could_match(node: Node, ev: Evaluation, unknown: frozenset[str]) -> Maybe:
    """True: matches whatever the unknown fields turn out to be; False: cannot match; None: maybe."""
    if isinstance(node, CodeField):
        return None if node.attribute in unknown else node.truth(ev)
    if isinstance(node, Not):
        inner = could_match(node.child, ev, unknown)
        return None if inner is None else not inner
    if isinstance(node, And):
        result: Maybe = True
        for child in node.children:
            value = could_match(child, ev, unknown)
            if value is False:
                return False
            if value is None:
                result = None
        return result
    if isinstance(node, Or):
        result = False
        for child in node.children:
            value = could_match(child, ev, unknown)
            if value is True:
                return True
            if value is None:
                result = None
        return result
    # Every other node reads only the text, title, author, links or URL: known at this point.
    return node.truth(ev)


@dataclass
class Prefilter:
    """The enabled saved queries and the exclusions, compiled for the keep/drop decision."""

    index: QueryIndex
    #: Keep this share of the mentions no query could match (a baseline sample of the stream).
    sample_rate: float = 0.0
    kept: int = 0
    dropped: int = 0

    @classmethod
    def build(cls, queries: Iterable[tuple[Any, Query]], *, exclude: Query | None = None,
              sample_rate: float = 0.0) -> Prefilter:
        return cls(QueryIndex.build(list(queries), exclude=exclude), sample_rate=sample_rate)

    def could_match(self, document: Document) -> bool:
        """Whether some enabled query could match ``document`` once its unknown fields are known."""
        unknown = unknown_fields(document)
        ev = Evaluation(document)
        index = self.index
        if index.exclude is not None and could_match(index.exclude.root, ev, unknown) is True:
            return False  # excluded whatever comes later: the match stage would match it to nothing
        candidates = index.candidates(document)
        if any(number in index.decided for number in candidates):
            return True
        return any(could_match(index.queries[number][1].root, ev, unknown) is not False for number in candidates)

    def nothing_could_match(self, title: str | None, text: str | None) -> bool:
        """True when no query can match a mention with this title and text, decided from its
        keys alone (``text_keys``: no Document is built). Most posts of a firehose end here;
        False means "look closer" (``keep`` with the analysed Document)."""
        index = self.index
        if index.always:
            return False
        keys = text_keys(title, text)
        if index.prefix_lengths:
            words = [k for k in keys if k[:1] not in ("#", "@")]
            keys.update(w[:n] + "*" for w in words for n in index.prefix_lengths if len(w) >= n)
        by_key = index.by_key
        for key in keys:
            for _, needed in by_key.get(key, ()):
                if needed <= keys:
                    return False
        return True

    def keep_text(self, title: str | None, text: str | None, document: Callable[[], Document], *,
                  key: str = "") -> bool:
        """``keep``, building the Document only when the keys alone cannot rule the mention out."""
        if self.nothing_could_match(title, text):
            keep = self.sample_rate > 0 and sampled(key, self.sample_rate)
            if keep:
                self.kept += 1
            else:
                self.dropped += 1
            return keep
        return self.keep(document(), key=key)

    def keep(self, document: Document, *, key: str = "") -> bool:
        """``could_match``, or else the sample (decided by a hash of ``key``, so that a replayed
        post gets the same answer as the first time)."""
        keep = self.could_match(document) or (self.sample_rate > 0 and sampled(key, self.sample_rate))
        if keep:
            self.kept += 1
        else:
            self.dropped += 1
        return keep


def sampled(key: str, rate: float) -> bool:
    """A deterministic coin with probability ``rate`` for ``key``."""
    if rate >= 1:
        return True
    digest = hashlib.blake2b(key.encode("utf-8", "replace"), digest_size=8).digest()
    return int.from_bytes(digest, "big") < rate * 2**64


@dataclass(frozen=True, slots=True)
class SavedQueries:
    """What the filter is built from: (id, text) of the enabled queries, and the exclusions."""

    queries: tuple[tuple[Any, str], ...]
    exclusions: tuple[str, ...] = ()


def compile_saved(saved: SavedQueries, *, sample_rate: float = 0.0) -> Prefilter:
    """The prefilter of ``saved``. A query the parser refuses is left out (and logged): the match
    stage skips it too, so nothing it would match is lost."""
    compiled: list[tuple[Any, Query]] = []
    for query_id, text in saved.queries:
        try:
            compiled.append((query_id, parse(text)))
        except QueryError as exc:
            log.warning("saved query %s is not usable and is left out of the prefilter: %s", query_id, exc)
    usable = []
    for expression in saved.exclusions:
        try:
            parse(expression)
            usable.append(f"({expression})")
        except QueryError:
            continue
    exclude = parse(" OR ".join(usable)) if usable else None
    return Prefilter.build(compiled, exclude=exclude, sample_rate=sample_rate)


def load_saved(store: Any) -> SavedQueries:
    """The enabled saved queries and the exclusions, read from ``store``."""
    from voxpop.store.queries import get_exclusions, list_queries

    with store.read() as conn:
        rows = list_queries(conn, enabled_only=True)
        exclusions = get_exclusions(conn)
    return SavedQueries(tuple((row.id, row.text) for row in rows), tuple(exclusions))


@dataclass
class QueryWatcher:
    """The current prefilter, rebuilt when what ``load`` returns changes; ``load`` is asked at
    most every ``check_s`` seconds (reading the queries is cheap; rebuilding only on change)."""

    load: Callable[[], SavedQueries]
    sample_rate: float = 0.0
    check_s: float = 5.0
    clock: Callable[[], float] = time.monotonic
    _saved: SavedQueries | None = None
    _filter: Prefilter | None = None
    _checked: float = field(default=float("-inf"))
    rebuilds: int = 0

    def current(self) -> Prefilter:
        now = self.clock()
        if self._filter is None or now - self._checked >= self.check_s:
            self._checked = now
            saved = self.load()
            if self._filter is None or saved != self._saved:
                self._saved = saved
                self._filter = compile_saved(saved, sample_rate=self.sample_rate)
                self.rebuilds += 1
        return self._filter

    def refresh(self) -> Prefilter:
        """Look at the saved queries now, whatever the time since the last look."""
        self._checked = float("-inf")
        return self.current()

