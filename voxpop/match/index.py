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
    #: how many full evaluations ran (for the benchmark's "candidates per mention")
    evaluated: int = 0

    @classmethod
    def build(cls, compiled: Iterable[tuple[Any, Any]]) -> QueryIndex:
        index = cls()
        for number, (query_id, query) in enumerate(compiled):
            index.queries.append((query_id, query))
            alternatives = query.required_terms()
            if not alternatives or any(not keys for keys in alternatives):
                index.always.append(number)
                continue
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
        """Ids of the queries the analysed mention matches."""
        matched = []
        for number in self.candidates(document):
            self.evaluated += 1
            query_id, query = self.queries[number]
            if query.matches_document(document):
                matched.append(query_id)
        return matched
