"""Wildcard patterns (``*`` any run of code points, ``?`` exactly one) matched without backtracking.

A pattern is split at its stars; the first piece must start the value, the last must end it, and
the pieces between are found leftmost-first. That greedy order is exact for glob patterns and
takes time roughly linear in the value, whatever the number of stars (``a*b*c*d*…`` included).
"""

from __future__ import annotations

import re


class Glob:
    """A compiled wildcard pattern. ``single`` names the one-code-point wildcard (``None``: none)."""

    __slots__ = ("pattern", "prefix", "_head", "_tail", "_middle", "_min_len", "_exact", "_single", "_compiled")

    def __init__(self, pattern: str, *, single: str | None = "?") -> None:
        self.pattern = pattern
        self._single = single
        parts = pattern.split("*")
        self._exact = len(parts) == 1
        self._head = parts[0]
        self._tail = parts[-1] if len(parts) > 1 else ""
        self._middle = [p for p in parts[1:-1] if p]
        self._min_len = sum(len(p) for p in parts)
        cut = len(pattern)
        for wildcard in ("*", single):
            if wildcard and wildcard in pattern:
                cut = min(cut, pattern.index(wildcard))
        #: The literal text every matching value starts with (for a sorted-key range scan).
        self.prefix = pattern[:cut]
        self._compiled: dict[str, re.Pattern[str]] = {}
        if single:
            for part in parts:
                if single in part and part not in self._compiled:
                    regex_text = "".join("." if c == single else re.escape(c) for c in part)
                    self._compiled[part] = re.compile(regex_text, re.DOTALL)

    def __repr__(self) -> str:
        return f"Glob({self.pattern!r})"

    def match(self, value: str) -> bool:
        """Whether the whole value matches the pattern."""
        if len(value) < self._min_len:
            return False
        head, tail = self._head, self._tail
        if self._exact:
            return len(value) == len(head) and self._at(head, value, 0)
        if not self._at(head, value, 0):
            return False
        end = len(value) - len(tail)
        if end < len(head) or not self._at(tail, value, end):
            return False
        position = len(head)
        for part in self._middle:
            found = self._find(part, value, position, end)
            if found < 0:
                return False
            position = found + len(part)
        return True

    def search(self, value: str) -> bool:
        """Whether the pattern matches somewhere inside the value (as if wrapped in stars)."""
        parts = [p for p in self.pattern.split("*") if p]
        position = 0
        for part in parts:
            found = self._find(part, value, position, len(value))
            if found < 0:
                return False
            position = found + len(part)
        return True

    def _at(self, part: str, value: str, position: int) -> bool:
        if not part:
            return True
        compiled = self._compiled.get(part)
        if compiled is None:
            return value.startswith(part, position)
        return compiled.match(value, position, position + len(part)) is not None

    def _find(self, part: str, value: str, start: int, end: int) -> int:
        compiled = self._compiled.get(part)
        if compiled is None:
            return value.find(part, start, end)
        found = compiled.search(value, start, end)
        return -1 if found is None else found.start()


def has_wildcard(text: str, *, single: str | None = "?") -> bool:
    """Whether the text contains ``*`` (or the one-code-point wildcard)."""
    return "*" in text or (single is not None and single in text)
