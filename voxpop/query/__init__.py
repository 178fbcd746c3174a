"""The query language of saved queries: parse, validate, match a mention, highlight what matched.

The normative description is docs/queries.md (for users) and the shared QUERY_LANGUAGE spec.

    >>> from voxpop.query import parse
    >>> q = parse('"acme corp" OR (#acme AND NOT site:acme.example)')
    >>> q.matches({"text": "Loving my new ACME Corp. kettle"})
    True
"""

from __future__ import annotations

from typing import Any

from voxpop.query.document import Document, analyse
from voxpop.query.nodes import Alternatives, Evaluation, Highlights, Node
from voxpop.query.parser import MAX_DEPTH, MAX_LENGTH, MAX_TERMS, parse_text
from voxpop.query.problems import Problem, QueryError, Validation


class Query:
    """A parsed query. Build with ``parse``; evaluate against any number of mentions."""

    __slots__ = ("text", "root", "warnings")

    def __init__(self, text: str, root: Node, warnings: list[Problem]) -> None:
        self.text = text
        self.root = root
        #: Things that may not mean what was intended (e.g. AND and OR mixed without parentheses).
        self.warnings: tuple[Problem, ...] = tuple(warnings)

    def __repr__(self) -> str:
        return f"Query({self.text!r})"

    def describe(self) -> str:
        """The query with every grouping made explicit: ``a OR b AND c`` → ``(a OR (b AND c))``."""
        return self.root.describe()

    def matches(self, mention: Any) -> bool:
        """Whether the mention (a ``Mention``, a dict, or an analysed ``Document``) matches."""
        return self.root.truth(Evaluation(analyse(mention)))

    def matches_document(self, document: Document) -> bool:
        """Whether an analysed mention matches (analyse once, evaluate many queries)."""
        return self.root.truth(Evaluation(document))

    def highlights(self, mention: Any) -> dict[str, list[tuple[int, int]]]:
        """Per field (``title``, ``text``, ``author``, ``author_name``, ``url``): sorted, merged
        character spans ``(start, end)`` into that field's original string that matched.

        Only parts of the query that hold contribute (the true branches of an OR, nothing under
        NOT); a mention that does not match has no highlights.
        """
        ev = Evaluation(analyse(mention))
        if not self.root.truth(ev):
            return {}
        found: Highlights = {}
        self.root.collect(ev, found)
        return {name: _merged(spans) for name, spans in found.items() if spans}

    def required_terms(self) -> Alternatives | None:
        """Keys for an inverted-index prefilter: a list of alternative key sets such that a
        mention can match only if, for at least one set, it has every key in that set
        (``Document.index_keys`` lists a mention's keys: word keys, ``#tag``, ``@handle``).

        An OR at the top gives one set per branch; an AND merges its children's sets. A wildcard
        term is required by its literal prefix as ``prefix*`` (``recal*`` for ``recal*`` and
        ``recal?``): pass the lengths of such prefixes to ``Document.index_keys``. ``None``
        means no such restriction can be derived (a field or a NOT decides alone): the query
        must then be evaluated against every mention.
        """
        return self.root.required()


def parse(text: str) -> Query:
    """Parse a query; raises ``QueryError`` (with every problem found) when it cannot be used."""
    if not isinstance(text, str):
        raise QueryError(str(text), [Problem(1, "a query is text", f"got {type(text).__name__}")])
    parsed = parse_text(text)
    if parsed.problems or parsed.root is None:
        raise QueryError(text, parsed.problems or [Problem(1, "invalid query")])
    return Query(text, parsed.root, parsed.warnings)


def validate(text: str) -> Validation:
    """Check a query without raising. The result has ``problems`` and ``warnings``, tuples of
    ``Problem`` (``.column`` 1-based code point index into the query, ``.message``, ``.hint``),
    and ``.ok``; it is falsy when there are no problems (warnings alone leave it falsy)."""
    if not isinstance(text, str):
        return Validation((Problem(1, "a query is text", f"got {type(text).__name__}"),))
    try:
        parsed = parse_text(text)
    except RecursionError:  # cannot happen by design (no recursion while parsing); kept as a net
        return Validation((Problem(1, f"parentheses nested deeper than {MAX_DEPTH} levels"),))
    return Validation(tuple(parsed.problems), tuple(parsed.warnings))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


__all__ = ["MAX_DEPTH", "MAX_LENGTH", "MAX_TERMS", "Document", "Problem", "Query", "QueryError", "Validation",
           "analyse", "parse", "validate"]
