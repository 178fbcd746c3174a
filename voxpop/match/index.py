"""Many saved queries against one mention without evaluating every query.

Each query says which literal keys it needs (``Query.required_terms``: alternative key sets, one
of which a matching mention must hold entirely). Every alternative is filed under one of its keys
(the longest: long keys are rare keys), so a mention's own keys reach only the queries that could
match it; those candidates are then evaluated in full. A wildcard term is found by its literal
prefix. Queries that need no literal key (a field or a NOT decides alone) are candidates for
every mention.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class QueryIndex:
    #: key → (query number, the whole alternative key set it stands for)
    by_key: dict[str, list[tuple[int, frozenset[str]]]] = field(default_factory=lambda: defaultdict(list))
    always: list[int] = field(default_factory=list)
    queries: list[tuple[Any, Any]] = field(default_factory=list)  # (query id, parsed query)
    #: lengths of the ``prefix*`` keys wildcard terms need (see Document.index_keys)
    prefix_lengths: set[int] = field(default_factory=set)
    #: queries whose required keys decide them entirely (AND/OR of plain words and tags): a
    #: candidate among them matches without being evaluated
    decided: set[int] = field(default_factory=set)
    #: workspace-wide exclusions (one parsed query): a mention they match matches no query
    exclude: Any = None
    #: candidates the index proposed, and how many of them needed a full evaluation (benchmark)
    proposed: int = 0
    evaluated: int = 0

    @classmethod
    def build(cls, compiled: Iterable[tuple[Any, Any]], *, exclude: Any = None) -> QueryIndex:
        index = cls(exclude=exclude)
        for number, (query_id, query) in enumerate(compiled):
            index.queries.append((query_id, query))
            alternatives = query.required_terms()
            if not alternatives or any(not keys for keys in alternatives):
                index.always.append(number)
                continue
            if decided_by_keys(query.root):
                index.decided.add(number)
            for keys in alternatives:
                # a whole word is a better anchor than a wildcard's prefix, a long one than a short one
                anchor = max(keys, key=lambda k: (not k.endswith("*"), len(k), k))
                index.by_key[anchor].append((number, frozenset(keys)))
                index.prefix_lengths.update(len(k) - 1 for k in keys if k.endswith("*"))
        return index

    def candidates(self, document: Any) -> list[int]:
        """Query numbers that could match the analysed mention, in index order."""
        keys = document.index_keys(self.prefix_lengths)
        found = set(self.always)
        for key in keys:
            for number, needed in self.by_key.get(key, ()):
                if number not in found and needed <= keys:
                    found.add(number)
        return sorted(found)

    def matching(self, document: Any) -> list[Any]:
        """Ids of the queries the analysed mention matches (none when an exclusion holds)."""
        if self.exclude is not None and self.exclude.matches_document(document):
            return []
        matched = []
        candidates = self.candidates(document)
        self.proposed += len(candidates)
        for number in candidates:
            if number in self.decided:
                matched.append(self.queries[number][0])
                continue
            self.evaluated += 1
            query_id, query = self.queries[number]
            if query.matches_document(document):
                matched.append(query_id)
        return matched


def decided_by_keys(node: Any) -> bool:
    """True when holding the required keys is not only necessary but sufficient: the query is
    AND/OR over plain words (not exact, no wildcard) and #tags/@handles (no wildcard)."""
    from voxpop.query.nodes import And, Or, Tag, Word

    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, And | Or):
            stack.extend(current.children)
        elif isinstance(current, Word):
            if current.word.glob is not None or current.word.exact:
                return False
        elif isinstance(current, Tag):
            if current.glob is not None:
                return False
        else:
            return False
    return True
