"""The parsed form of a query, and how each part of it is evaluated against a ``Document``.

Text terms (words, phrases, tags, handles) and NEAR are evaluated per word sequence (title,
body) as *intervals* of word positions; AND, OR and NOT combine truth values over the whole
mention. Nesting is at most 100 groups deep (the parser refuses more), so evaluating by
recursion stays far from Python's recursion limit.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from voxpop.query.document import Document, Sequence
from voxpop.query.text import fold, fold_with_offsets
from voxpop.query.wildcard import Glob

Span = tuple[int, int]
#: A match in one sequence: first and last word position, and the character spans to highlight.
Interval = tuple[int, int, tuple[Span, ...]]
#: Highlights being collected: field name → character spans.
Highlights = dict[str, list[Span]]
#: Keys of which at least one set must be wholly present (``None``: no such restriction).
Alternatives = list[frozenset[str]]

_MAX_ALTERNATIVES = 64


@dataclass(frozen=True, slots=True)
class WordPattern:
    """One word of a term: a key, a wildcard pattern over keys, or an exact NFC word."""

    text: str  # as written (NFC), for messages and describe()
    key: str  # the folded key; for an exact word, the NFC word itself; for a wildcard, the folded pattern
    exact: bool = False
    glob: Glob | None = None

    def describe(self) -> str:
        return self.text


class Evaluation:
    """One document being evaluated, with what has been computed for it so far."""

    __slots__ = ("doc", "_intervals")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._intervals: dict[tuple[int, str], list[Interval]] = {}

    def intervals(self, node: Node, sequence: Sequence) -> list[Interval]:
        cache_key = (id(node), sequence.field)
        found = self._intervals.get(cache_key)
        if found is None:
            found = node.intervals(self, sequence)
            self._intervals[cache_key] = found
        return found

    def positions(self, sequence: Sequence, word: WordPattern) -> list[int]:
        """Sorted positions in the sequence where the word pattern matches."""
        if word.glob is None:
            table = sequence.by_surface() if word.exact else sequence.by_key
            return table.get(word.key, [])
        found = sequence.wildcard_positions.get(word.key)  # shared by every query evaluated on it
        if found is None:
            glob = word.glob
            keys = sequence.sorted_keys()
            lists = []
            for index in range(bisect.bisect_left(keys, glob.prefix), len(keys)):
                key = keys[index]
                if not key.startswith(glob.prefix):
                    break
                if glob.match(key):
                    lists.append(sequence.by_key[key])
            found = lists[0] if len(lists) == 1 else list(heapq.merge(*lists))
            sequence.wildcard_positions[word.key] = found
        return found


class Node:
    """A part of a query. ``vacuous`` is true when it holds with every positive atom false."""

    __slots__ = ("pos", "vacuous")

    def __init__(self, pos: int) -> None:
        self.pos = pos  # offset in the NFC query of the token it starts at
        self.vacuous = False

    def truth(self, ev: Evaluation) -> bool:
        raise NotImplementedError

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        """Add the spans of this (true) node's matches to ``out``."""

    def intervals(self, ev: Evaluation, sequence: Sequence) -> list[Interval]:
        """Matches in one sequence (text terms, and OR-groups of them, only)."""
        raise TypeError(f"{type(self).__name__} has no word positions")

    def required(self) -> Alternatives | None:
        return None

    def describe(self) -> str:
        raise NotImplementedError


class TextTerm(Node):
    """A term matched in the title or the body: its intervals in either decide."""

    __slots__ = ()

    def truth(self, ev: Evaluation) -> bool:
        return any(ev.intervals(self, sequence) for sequence in ev.doc.sequences)

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        for sequence in ev.doc.sequences:
            _add_spans(out, sequence.field, ev.intervals(self, sequence))


class Word(TextTerm):
    __slots__ = ("word",)

    def __init__(self, pos: int, word: WordPattern) -> None:
        super().__init__(pos)
        self.word = word

    def intervals(self, ev: Evaluation, sequence: Sequence) -> list[Interval]:
        spans = sequence.spans
        return [(p, p, (spans[p],)) for p in ev.positions(sequence, self.word)]

    def required(self) -> Alternatives | None:
        key = _index_key(self.word)
        return [frozenset({key})] if key else None

    def describe(self) -> str:
        return self.word.describe()


class Phrase(TextTerm):
    """Words at consecutive positions in order, or (with ``slop``) all within ``len + slop``
    positions in any order."""

    __slots__ = ("words", "slop")

    def __init__(self, pos: int, words: tuple[WordPattern, ...], slop: int | None = None) -> None:
        super().__init__(pos)
        self.words = words
        self.slop = slop

    def intervals(self, ev: Evaluation, sequence: Sequence) -> list[Interval]:
        return self._find(ev, sequence, "all")

    def truth(self, ev: Evaluation) -> bool:
        if self.slop is None:
            return super().truth(ev)
        return any(self._find(ev, sequence, "first") for sequence in ev.doc.sequences)

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        if self.slop is None:
            return super().collect(ev, out)
        for sequence in ev.doc.sequences:
            _add_spans(out, sequence.field, self._find(ev, sequence, "apart"))

    def _find(self, ev: Evaluation, sequence: Sequence, mode: str) -> list[Interval]:
        lists = []
        for word in self.words:
            found = ev.positions(sequence, word)
            if not found:
                return []
            lists.append(found)
        if self.slop is None:
            return _consecutive(lists, sequence)
        return _within(self.words, lists, len(self.words) + self.slop, sequence, mode)

    def required(self) -> Alternatives | None:
        keys = frozenset(key for key in map(_index_key, self.words) if key)
        return [keys] if keys else None

    def describe(self) -> str:
        exact = all(w.exact for w in self.words)
        inner = " ".join(w.text for w in self.words)
        text = f'{{"{inner}"}}' if exact else f'"{inner}"'
        return text + (f"~{self.slop}" if self.slop is not None else "")


class Tag(TextTerm):
    """A ``#tag`` or ``@handle`` token (folded; a ``user@host`` handle also answers to ``@user``)."""

    __slots__ = ("sigil", "key", "glob", "text")

    def __init__(self, pos: int, sigil: str, text: str, key: str, glob: Glob | None) -> None:
        super().__init__(pos)
        self.sigil = sigil
        self.text = text
        self.key = key
        self.glob = glob

    def intervals(self, ev: Evaluation, sequence: Sequence) -> list[Interval]:
        table = sequence.tags if self.sigil == "#" else sequence.handles
        if self.glob is None:
            marks = table.get(self.key, [])
        else:
            glob = self.glob
            marks = list({id(m): m for key, ms in table.items() if glob.match(key) for m in ms}.values())
        return sorted((m.first, m.last, (m.span,)) for m in marks)

    def required(self) -> Alternatives | None:
        return None if self.glob else [frozenset({self.sigil + self.key})]

    def describe(self) -> str:
        return self.sigil + self.text


class Nothing(TextTerm):
    """Stands in for a term that had a problem while parsing; matches nothing."""

    __slots__ = ()

    def intervals(self, ev: Evaluation, sequence: Sequence) -> list[Interval]:
        return []

    def describe(self) -> str:
        return "∅"


class Near(Node):
    """A match of ``left`` and one of ``right`` in the same sequence, not overlapping, at most
    ``distance`` words between them (``ordered``: left's match first)."""

    __slots__ = ("left", "right", "distance", "ordered")

    def __init__(self, pos: int, left: Node, right: Node, distance: int, ordered: bool) -> None:
        super().__init__(pos)
        self.left = left
        self.right = right
        self.distance = distance
        self.ordered = ordered

    def truth(self, ev: Evaluation) -> bool:
        for sequence in ev.doc.sequences:
            lefts = ev.intervals(self.left, sequence)
            if lefts and _near_any(lefts, ev.intervals(self.right, sequence), self.distance, self.ordered):
                return True
        return False

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        for sequence in ev.doc.sequences:
            lefts = ev.intervals(self.left, sequence)
            rights = ev.intervals(self.right, sequence)
            if not lefts or not rights:
                continue
            _add_spans(out, sequence.field, _near_partners(lefts, rights, self.distance, self.ordered, True))
            _add_spans(out, sequence.field, _near_partners(rights, lefts, self.distance, self.ordered, False))

    def required(self) -> Alternatives | None:
        return _all_of([self.left.required(), self.right.required()])

    def describe(self) -> str:
        operator = f"NEAR/{self.distance}f" if self.ordered else f"NEAR/{self.distance}"
        return f"({self.left.describe()} {operator} {self.right.describe()})"


class Not(Node):
    __slots__ = ("child",)

    def __init__(self, pos: int, child: Node) -> None:
        super().__init__(pos)
        self.child = child
        self.vacuous = not child.vacuous

    def truth(self, ev: Evaluation) -> bool:
        return not self.child.truth(ev)

    def describe(self) -> str:
        return f"NOT {self.child.describe()}"


class And(Node):
    __slots__ = ("children",)

    def __init__(self, pos: int, children: list[Node]) -> None:
        super().__init__(pos)
        self.children = children
        self.vacuous = all(c.vacuous for c in children)

    def truth(self, ev: Evaluation) -> bool:
        return all(c.truth(ev) for c in self.children)

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        for child in self.children:
            child.collect(ev, out)

    def required(self) -> Alternatives | None:
        return _all_of([c.required() for c in self.children])

    def describe(self) -> str:
        return "(" + " AND ".join(c.describe() for c in self.children) + ")"


class Or(Node):
    __slots__ = ("children",)

    def __init__(self, pos: int, children: list[Node]) -> None:
        super().__init__(pos)
        self.children = children
        self.vacuous = any(c.vacuous for c in children)

    def truth(self, ev: Evaluation) -> bool:
        return any(c.truth(ev) for c in self.children)

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        for child in self.children:
            if child.truth(ev):
                child.collect(ev, out)

    def intervals(self, ev: Evaluation, sequence: Sequence) -> list[Interval]:
        merged = heapq.merge(*(ev.intervals(c, sequence) for c in self.children))
        out: list[Interval] = []
        for interval in merged:
            if not out or out[-1] != interval:
                out.append(interval)
        return out

    def required(self) -> Alternatives | None:
        out: Alternatives = []
        for child in self.children:
            alternatives = child.required()
            if alternatives is None:
                return None
            out.extend(a for a in alternatives if a not in out)
            if len(out) > _MAX_ALTERNATIVES * 4:
                return None
        return out

    def describe(self) -> str:
        return "(" + " OR ".join(c.describe() for c in self.children) + ")"


# ---- fields ------------------------------------------------------------------------------------


class Field(Node):
    """A ``name:value`` atom. It counts as positive: ``channel:rss`` alone is a query."""

    __slots__ = ("label",)

    def __init__(self, pos: int, label: str) -> None:
        super().__init__(pos)
        self.label = label  # as written, for describe()

    def describe(self) -> str:
        return self.label


class TitleField(Field):
    """``title:term``: the term (or OR-list of terms) in the title only."""

    __slots__ = ("term",)

    def __init__(self, pos: int, label: str, term: Node) -> None:
        super().__init__(pos, label)
        self.term = term

    def truth(self, ev: Evaluation) -> bool:
        return bool(ev.intervals(self.term, ev.doc.title))

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        _add_spans(out, "title", ev.intervals(self.term, ev.doc.title))

    def required(self) -> Alternatives | None:
        return self.term.required()


class AuthorField(Field):
    """``author:``: the handle or display name, folded, as a whole (``*`` and ``?`` allowed)."""

    __slots__ = ("globs",)

    def __init__(self, pos: int, label: str, globs: list[Glob]) -> None:
        super().__init__(pos, label)
        self.globs = globs

    def _matching(self, ev: Evaluation) -> Iterable[str]:
        for field, key in ev.doc.author_keys:
            if any(g.match(key) for g in self.globs):
                yield field

    def truth(self, ev: Evaluation) -> bool:
        return any(True for _ in self._matching(ev))

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        for field in self._matching(ev):
            value = ev.doc.author if field == "author" else ev.doc.author_name
            out.setdefault(field, []).append((0, len(value or "")))


class SiteField(Field):
    """``site:``: the mention's URL host is the value or a subdomain of it."""

    __slots__ = ("globs",)

    def __init__(self, pos: int, label: str, globs: list[Glob]) -> None:
        super().__init__(pos, label)
        self.globs = globs

    def truth(self, ev: Evaluation) -> bool:
        host = ev.doc.url_host
        return host is not None and any(host_matches(g, host) for g in self.globs)

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        url, host = ev.doc.url or "", ev.doc.url_host or ""
        at = url.lower().find(host) if host else -1
        if at >= 0:
            out.setdefault("url", []).append((at, at + len(host)))


class LinksField(Field):
    """``links:``: a link of the mention (its link list, or a URL in its title or text) is on
    that host or a subdomain of it."""

    __slots__ = ("globs",)

    def __init__(self, pos: int, label: str, globs: list[Glob]) -> None:
        super().__init__(pos, label)
        self.globs = globs

    def truth(self, ev: Evaluation) -> bool:
        return any(host_matches(g, link.host) for link in ev.doc.links for g in self.globs)

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        for link in ev.doc.links:
            if link.field and link.span and any(host_matches(g, link.host) for g in self.globs):
                out.setdefault(link.field, []).append(link.span)


class UrlField(Field):
    """``url:``: the mention's URL contains the value, case-insensitively (``*``: any characters)."""

    __slots__ = ("globs",)

    def __init__(self, pos: int, label: str, globs: list[Glob]) -> None:
        super().__init__(pos, label)
        self.globs = globs

    def truth(self, ev: Evaluation) -> bool:
        url = ev.doc.url
        return url is not None and any(g.search(url.casefold()) for g in self.globs)

    def collect(self, ev: Evaluation, out: Highlights) -> None:
        url = ev.doc.url or ""
        folded, origin = fold_with_offsets(url)
        for glob in self.globs:
            if "*" in glob.pattern:
                if glob.search(folded):
                    out.setdefault("url", []).append((0, len(url)))
                continue
            start = folded.find(glob.pattern)
            while start >= 0 and glob.pattern:
                end = start + len(glob.pattern)
                out.setdefault("url", []).append((origin[start], origin[end - 1] + 1))
                start = folded.find(glob.pattern, end)


class CodeField(Field):
    """``lang:``, ``country:``, ``channel:``, ``sentiment:``: the mention's value is one of ``codes``."""

    __slots__ = ("attribute", "codes")

    def __init__(self, pos: int, label: str, attribute: str, codes: frozenset[str]) -> None:
        super().__init__(pos, label)
        self.attribute = attribute
        self.codes = codes

    def truth(self, ev: Evaluation) -> bool:
        value = getattr(ev.doc, self.attribute)
        return value is not None and value in self.codes


def host_matches(glob: Glob, host: str) -> bool:
    """The host is the pattern's host or a subdomain of it."""
    if glob.match(host):
        return True
    dot = host.find(".")
    while dot >= 0:
        if glob.match(host[dot + 1:]):
            return True
        dot = host.find(".", dot + 1)
    return False


# ---- positional helpers ------------------------------------------------------------------------


def _add_spans(out: Highlights, field: str, intervals: Iterable[Interval]) -> None:
    spans = [span for interval in intervals for span in interval[2]]
    if spans:
        out.setdefault(field, []).extend(spans)


def _index_key(word: WordPattern) -> str:
    """The key an inverted index finds the word by. A wildcard is found by its literal prefix,
    written ``prefix*`` (see ``Document.index_keys``); '' when it has none to offer."""
    if word.glob is not None:
        return word.glob.prefix + "*" if word.glob.prefix else ""
    return fold(word.key) if word.exact else word.key


def _consecutive(lists: list[list[int]], sequence: Sequence) -> list[Interval]:
    """Phrase starts: positions p where word i matches at p + i for every i."""
    width = len(lists)
    rarest = min(range(width), key=lambda i: len(lists[i]))
    starts = [p - rarest for p in lists[rarest] if p >= rarest]
    for index, found in enumerate(lists):
        if index == rarest or not starts:
            continue
        members = set(found)
        starts = [s for s in starts if s + index in members]
    spans = sequence.spans
    last = width - 1
    return [(s, s + last, ((spans[s][0], spans[s + last][1]),)) for s in starts]


def _within(words: tuple[WordPattern, ...], lists: list[list[int]], width: int, sequence: Sequence,
            mode: str = "all") -> list[Interval]:
    """Windows of ``width`` positions holding every word at a position of its own, any order.

    ``mode``: ``all`` windows (for NEAR operands), the ``first`` one only (for truth), or
    ``apart`` windows that do not overlap (for highlights).
    """
    if mode == "all":
        return _within_all(words, lists, width, sequence)
    placer = _Placer(words, lists, sequence)
    union = placer.union
    total = len(words)
    out: list[Interval] = []
    after = -1
    for start_index, start in enumerate(union):
        if start <= after:
            continue
        end = start + width - 1
        stop_index = bisect.bisect_right(union, end, start_index)
        if stop_index - start_index < total:
            continue
        chosen = placer.place(start, end, union[start_index:stop_index])
        if chosen is None:
            continue
        out.append((chosen[0], chosen[-1], tuple(sequence.spans[p] for p in chosen)))
        if mode == "first":
            break
        if mode == "apart":
            after = chosen[-1]
    return out


def _within_all(words: tuple[WordPattern, ...], lists: list[list[int]], width: int,
                sequence: Sequence) -> list[Interval]:
    """Every window start and every window end at which the phrase can be placed, each with a
    placement that uses that very position. A NEAR operand needs both: the match ending as late
    as possible before the other operand, or starting as early as possible after it — the
    shortest placement from a given start can leave a valid match that ends closer unseen."""
    total = len(words)
    found: dict[tuple[int, int], list[int]] = {}
    for by_end in (False, True):
        placer = _Placer(words, lists, sequence)  # fresh: its matching slides forward only
        union = placer.union
        for index, position in enumerate(union):
            if by_end:
                low, high = position - width + 1, position
                first, stop = bisect.bisect_left(union, low), index + 1
            else:
                low, high = position, position + width - 1
                first, stop = index, bisect.bisect_right(union, high, index)
            if stop - first < total:
                continue
            chosen = placer.place(low, high, union[first:stop])
            if chosen is None:
                continue
            chosen = placer.using(chosen, position)
            found.setdefault((chosen[0], chosen[-1]), chosen)
    spans = sequence.spans
    return [(a, b, tuple(spans[p] for p in chosen)) for (a, b), chosen in sorted(found.items())]


class _Placer:
    """Gives each word of a proximity phrase a position of its own inside a window.

    Words with the same pattern form a group that needs as many positions as it has words. When
    the groups' positions are disjoint (plain distinct words) counting suffices; otherwise it is a
    bipartite matching, kept from one window to the next and repaired by augmenting paths.
    """

    def __init__(self, words: tuple[WordPattern, ...], lists: list[list[int]], sequence: Sequence) -> None:
        index_of: dict[tuple[str, bool], int] = {}
        self.lists: list[list[int]] = []
        self.needed: list[int] = []
        for word, found in zip(words, lists, strict=True):
            index = index_of.setdefault((word.key, word.exact), len(self.lists))
            if index == len(self.lists):
                self.lists.append(found)
                self.needed.append(0)
            self.needed[index] += 1
        self.union = sorted(set(chain.from_iterable(self.lists)))
        self.disjoint = len(self.union) == sum(len(found) for found in self.lists)
        self.goal = len(words)
        self.sequence = sequence
        self.members: list[set[int]] = [] if self.disjoint else [set(found) for found in self.lists]
        self._groups_by_word: dict[tuple[str, str], list[int]] = {}
        self.held: list[list[int]] = [[] for _ in self.lists]
        self.owner: dict[int, int] = {}

    def place(self, start: int, end: int, window: list[int]) -> list[int] | None:
        """Sorted positions for all the words inside [start, end], or None."""
        counts_ok = True
        for found, count in zip(self.lists, self.needed, strict=True):
            first = bisect.bisect_left(found, start)
            if bisect.bisect_right(found, end, first) - first < count:
                counts_ok = False
                break
        if not counts_ok:
            return None
        if self.disjoint:
            chosen: list[int] = []
            for found, count in zip(self.lists, self.needed, strict=True):
                first = bisect.bisect_left(found, start)
                chosen.extend(found[first:first + count])
            return sorted(chosen)
        return self._match(start, window)

    def using(self, chosen: list[int], position: int) -> list[int]:
        """The placement ``chosen`` (just returned by ``place``) changed to use ``position``: a
        word of the same group gives its place up. Each word keeps a position of its own, and
        the span stays inside the window, which holds ``position``."""
        if position in chosen:
            return chosen
        if self.disjoint:
            groups = [g for g, found in enumerate(self.lists) if _holds(found, position)]
            group_of = {p: g for g, found in enumerate(self.lists) for p in chosen if _holds(found, p)}
        else:
            groups = self._groups_of(position)
            group_of = dict(self.owner)
        for group in groups:
            for taken in chosen:
                if group_of.get(taken) == group:
                    return sorted([p for p in chosen if p != taken] + [position])
        return chosen

    def _groups_of(self, position: int) -> list[int]:
        word = (self.sequence.keys[position], self.sequence.surfaces[position])
        groups = self._groups_by_word.get(word)
        if groups is None:  # a group's membership depends only on the word, so compute once per word
            groups = [g for g, members in enumerate(self.members) if position in members]
            self._groups_by_word[word] = groups
        return groups

    def _match(self, start: int, window: list[int]) -> list[int] | None:
        held, owner = self.held, self.owner
        for position in [p for p in owner if p < start]:  # positions that left the window
            group = owner.pop(position)
            held[group].remove(position)
        assigned = len(owner)
        while assigned < self.goal:
            free = [p for p in window if p not in owner]
            if not free or not self._augment(free):
                return None
            assigned += 1
        return sorted(owner)

    def _augment(self, free: list[int]) -> bool:
        """One augmenting path from any free position to a group with room (breadth first)."""
        held, owner, needed = self.held, self.owner, self.needed
        parent: dict[int, tuple[int, int | None]] = {}
        queue: list[int] = []
        for position in free:
            for group in self._groups_of(position):
                if group not in parent:
                    parent[group] = (position, None)
                    queue.append(group)
        for group in queue:  # grows while iterating
            if len(held[group]) < needed[group]:
                while True:
                    moved, previous = parent[group]
                    held[group].append(moved)
                    owner[moved] = group
                    if previous is None:
                        return True
                    held[previous].remove(moved)
                    group = previous
            for position in held[group]:
                for other in self._groups_of(position):
                    if other not in parent:
                        parent[other] = (position, group)
                        queue.append(other)
        return False


def _holds(found: list[int], position: int) -> bool:
    at = bisect.bisect_left(found, position)
    return at < len(found) and found[at] == position


def _near_any(lefts: list[Interval], rights: list[Interval], distance: int, ordered: bool) -> bool:
    return bool(_near_partners(lefts, rights, distance, ordered, True, first_only=True))


def _near_partners(subjects: list[Interval], others: list[Interval], distance: int, ordered: bool,
                   subjects_first: bool, *, first_only: bool = False) -> list[Interval]:
    """The subjects that have a partner among ``others``: not overlapping, at most ``distance``
    words between. With ``ordered``, the left operand's match must come first; ``subjects_first``
    says whether the subjects are the left operand."""
    if not others:
        return []
    firsts = sorted(o[0] for o in others)
    lasts = sorted(o[1] for o in others)
    after_allowed = subjects_first or not ordered  # a partner after the subject
    before_allowed = not subjects_first or not ordered  # a partner before the subject
    found: list[Interval] = []
    for subject in subjects:
        first, last = subject[0], subject[1]
        hit = False
        if after_allowed:
            i = bisect.bisect_left(firsts, last + 1)
            hit = i < len(firsts) and firsts[i] <= last + 1 + distance
        if not hit and before_allowed:
            i = bisect.bisect_left(lasts, first - 1 - distance)
            hit = i < len(lasts) and lasts[i] <= first - 1
        if hit:
            found.append(subject)
            if first_only:
                break
    return found


def _all_of(requirements: list[Alternatives | None]) -> Alternatives | None:
    """Requirements of an AND: every child's, combined as far as that stays small."""
    known = sorted((r for r in requirements if r is not None), key=len)
    if not known:
        return None
    result: Alternatives = [frozenset()]
    for alternatives in known:
        combined = list({a | b for a in result for b in alternatives})
        if len(combined) <= _MAX_ALTERNATIVES:
            result = combined
    return result
