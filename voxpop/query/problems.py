"""What is wrong with a query, said so that a marketer can fix it: a column, a message and a hint."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing to fix (or, as a warning, to look at) in a query.

    ``column`` is the 1-based code point index into the whole query text, newlines included.
    """

    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"column {self.column}: {self.message}" + (f" — {self.hint}" if self.hint else "")

    def render(self, query: str) -> str:
        """The query line the problem is on, and a caret under its column with the message."""
        before = query[: self.column - 1]
        line_start = before.rfind("\n") + 1
        line_end = query.find("\n", line_start)
        line = query[line_start: None if line_end == -1 else line_end]
        return f"{line}\n{' ' * (self.column - 1 - line_start)}^ {self}"


class QueryError(ValueError):
    """A query that cannot be used; ``problems`` lists every problem found, each with its column."""

    def __init__(self, query: str, problems: list[Problem]) -> None:
        self.query = query
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems) or "invalid query")

    def render(self) -> str:
        """Every problem under the line of the query it points at (for a terminal)."""
        return "\n".join(p.render(self.query) for p in self.problems)


@dataclass(frozen=True, slots=True)
class Validation:
    """What ``validate`` found: ``problems`` (the query cannot be used while there are any) and
    ``warnings`` (it can, but may not mean what was intended).

    The result is falsy when there are no problems, like an empty list of problems::

        result = validate(text)
        if result:                      # something to fix
            for problem in result.problems: ...
        for warning in result.warnings: ...   # e.g. AND and OR mixed without parentheses
    """

    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when the query can be used (warnings allowed)."""
        return not self.problems

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __len__(self) -> int:
        return len(self.problems)
