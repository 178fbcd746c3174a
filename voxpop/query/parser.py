"""Turn query text into nodes, or into a list of problems, in time linear in the query's length.

Groups are parsed with an explicit stack of frames (no recursion), each frame holding the flat
run of operands and operators of one parenthesised level; when a level closes it is reduced by
precedence: NEAR, then NOT, then AND (and AND NOT), then OR.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from voxpop.query.fields import FIELDS, Value, field_node, is_value_token
from voxpop.query.lexer import MAX_TERMS, Kind, Token, tokenize
from voxpop.query.nodes import (
    And,
    Field,
    Near,
    Node,
    Not,
    Nothing,
    Or,
    Phrase,
    Tag,
    Word,
    WordPattern,
)
from voxpop.query.problems import Problem
from voxpop.query.text import QUERY_WORD, Normalised, fold
from voxpop.query.wildcard import Glob

MAX_LENGTH = 10_000
MAX_DEPTH = 100
_MAX_PROBLEMS = 50  # enough to fix a query by; a pasted novel need not list ten thousand

_TAG_TERM = regex.compile(r"[\p{L}\p{N}\p{M}_*?]+")
_HANDLE_PART = r"[\p{L}\p{N}\p{M}_*?](?:[\p{L}\p{N}\p{M}_.\-*?]*[\p{L}\p{N}\p{M}_*?])?"
_HANDLE_TERM = regex.compile(rf"{_HANDLE_PART}(?:@{_HANDLE_PART})?")
_LOWER_OPERATORS = frozenset({"and", "or", "not", "near"})


@dataclass(slots=True)
class Parsed:
    """What parsing found: the root node (None when there are problems), problems, warnings."""

    root: Node | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def parse_text(text: str) -> Parsed:
    """Parse a query; never raises (except on a bug, which the fuzz tests hunt for)."""
    if len(text) > MAX_LENGTH:
        return Parsed(None, [Problem(MAX_LENGTH + 1, f"the query is longer than {MAX_LENGTH:,} characters "
                                                     f"({len(text):,})", "split it into several saved queries")])
    if not text.strip():
        return Parsed(None, [Problem(1, "the query is empty", 'write what to find, e.g. "acme corp" OR #acme')])
    normalised = Normalised(text)
    parser = _Parser(normalised)
    return parser.run()


class _Stop(Exception):
    """A problem after which the rest of the query cannot be read sensibly."""


class _Frame:
    __slots__ = ("open_pos", "operands", "operators", "nots", "sources")

    def __init__(self, open_pos: int) -> None:
        self.open_pos = open_pos  # the '(' (-1 for the whole query)
        self.operands: list[tuple[Node, list[Token]]] = []  # each with the NOT / '-' written before it
        self.operators: list[Token] = []  # AND, OR, NEAR, or NOT / '-' meaning AND NOT
        self.nots: list[Token] = []  # NOT / '-' waiting for their operand
        self.sources: list[Token | None] = []  # the token of each operand that is a bare term


class _Parser:
    def __init__(self, normalised: Normalised) -> None:
        self.normalised = normalised
        self.text = normalised.text
        self.problems: list[tuple[int, str, str]] = []
        self.warnings: list[tuple[int, str, str]] = []
        self.tokens: list[Token] = []
        self.negative_groups = 0

    # ---- driver ------------------------------------------------------------------------------

    def run(self) -> Parsed:
        tokens, lex_problems = tokenize(self.text)
        self.tokens = tokens
        for problem in lex_problems:
            self.problems.append((problem.pos, problem.message, problem.hint))
        fatal = any(p.fatal for p in lex_problems)
        if not fatal:
            fatal = self._check_parentheses()
        root: Node | None = None
        if not fatal:
            try:
                root = self._parse()
            except _Stop:
                root = None
        problems = self._finish(self.problems)
        warnings = self._finish(self.warnings)
        return Parsed(None if problems else root, problems, warnings)

    def _finish(self, items: list[tuple[int, str, str]]) -> list[Problem]:
        seen = set()
        out = []
        for pos, message, hint in sorted(items, key=lambda item: item[0]):
            problem = Problem(self.normalised.original_offset(pos) + 1 if pos >= 0 else 1, message, hint)
            if problem not in seen:
                seen.add(problem)
                out.append(problem)
        return out[:_MAX_PROBLEMS]

    def report(self, pos: int, message: str, hint: str = "") -> None:
        self.problems.append((pos, message, hint))

    def stop(self, pos: int, message: str, hint: str = "") -> _Stop:
        self.report(pos, message, hint)
        return _Stop()

    def _check_parentheses(self) -> bool:
        """Unbalanced parentheses and nesting deeper than MAX_DEPTH; True if any."""
        open_positions: list[int] = []
        found = False
        for token in self.tokens:
            if token.kind is Kind.LPAREN:
                open_positions.append(token.pos)
                if len(open_positions) == MAX_DEPTH + 1:
                    self.report(token.pos, f"parentheses nested deeper than {MAX_DEPTH} levels",
                                "simplify the query: (a OR b OR c) needs no inner parentheses")
                    found = True
            elif token.kind is Kind.RPAREN:
                if open_positions:
                    open_positions.pop()
                elif not found:  # the first one; the rest follow from it
                    self.report(token.pos, "')' without a matching '('", "remove it, or add '(' where the group starts")
                    found = True
        if open_positions:
            count = len(open_positions)
            self.report(open_positions[0], "unclosed parenthesis",
                        "add ')' at the end" if count == 1 else f"add {count} ')' at the end")
            found = True
        return found

    def _parse(self) -> Node:
        frames = [_Frame(-1)]
        tokens = self.tokens
        index = 0
        while index < len(tokens):
            token = tokens[index]
            frame = frames[-1]
            expecting_operand = len(frame.operands) == len(frame.operators)
            kind = token.kind
            if kind in (Kind.TERM, Kind.QUOTED, Kind.EXACT, Kind.FIELD, Kind.LPAREN):
                if not expecting_operand:
                    raise self._adjacent(frame, token)
                if kind is Kind.LPAREN:
                    frames.append(_Frame(token.pos))
                    index += 1
                    continue
                if kind is Kind.FIELD:
                    node, index = self._field(index)
                else:
                    node = self._term(token)
                    index += 1
                self._push(frame, node, token if kind is Kind.TERM else None)
            elif kind is Kind.RPAREN:
                node = self._reduce(frame)
                frames.pop()
                if node.vacuous:
                    self.negative_groups += 1
                    self.report(frame.open_pos, "this group matches only by what it excludes",
                                "put a term to find inside it, or move the NOT outside: apple AND NOT (juice OR pie)")
                self._push(frames[-1], node, None)
                index += 1
            elif kind in (Kind.NOT, Kind.MINUS):
                if expecting_operand:
                    frame.nots.append(token)
                else:
                    frame.operators.append(token)
                index += 1
            else:  # AND, OR, NEAR
                if expecting_operand:
                    raise self._missing_before(frame, token)
                frame.operators.append(token)
                index += 1
        root = self._reduce(frames[0])
        if root.vacuous and not self.negative_groups:
            culprit = root
            if isinstance(root, Or):
                culprit = next(c for c in root.children if c.vacuous)
            self.report(culprit.pos, "the query matches only by what it excludes",
                        "add something to find: NOT and - only take mentions away, e.g. apple AND NOT juice")
        return root

    @staticmethod
    def _push(frame: _Frame, node: Node, source: Token | None) -> None:
        frame.operands.append((node, frame.nots))
        frame.sources.append(source)
        frame.nots = []

    # ---- errors about operands ---------------------------------------------------------------

    def _adjacent(self, frame: _Frame, token: Token) -> _Stop:
        previous = frame.sources[-1] if frame.sources else None
        this_word = self.text[token.pos:token.end]
        if token.kind is Kind.TERM and this_word.startswith("~"):
            return self.stop(token.pos, "~ works only right after a quoted phrase",
                             'write "apple juice"~3, with no space before ~')
        if this_word.lower() in _LOWER_OPERATORS or (previous and previous.text.lower() in _LOWER_OPERATORS):
            word = this_word if this_word.lower() in _LOWER_OPERATORS else (previous.text if previous else "")
            return self.stop(token.pos, "two terms without an operator between them",
                             f"operators are written in capitals: {word.upper()}; to search the word itself, "
                             f'quote it: "{word}"')
        if previous is not None and token.kind is Kind.TERM:
            first = previous.text
            return self.stop(token.pos, "two terms without an operator between them",
                             f'write "{first} {this_word}" for the phrase, or {first} AND {this_word} for both words')
        return self.stop(token.pos, "two terms without an operator between them",
                         "put AND, OR or NOT between them (or quote them as one phrase)")

    def _missing_before(self, frame: _Frame, token: Token) -> _Stop:
        if frame.nots:
            last = frame.nots[-1]
            return self.stop(last.pos, f"{_name(last)} needs a term after it", "e.g. apple AND NOT juice")
        if frame.operators:
            last = frame.operators[-1]
            return self.stop(last.pos, f"{_name(last)} needs a term after it",
                             f"a term is missing between {_name(last)} and {_name(token)}")
        return self.stop(token.pos, f"{_name(token)} needs a term before it", f"e.g. apple {_name(token)} juice")

    def _missing_after(self, frame: _Frame) -> _Stop:
        if not frame.operands and not frame.operators and not frame.nots:
            if frame.open_pos >= 0:
                return self.stop(frame.open_pos, "empty group ()", "put terms inside the parentheses, or remove them")
            return self.stop(0, "the query is empty", "write what to find")
        last = frame.nots[-1] if frame.nots else frame.operators[-1]
        return self.stop(last.pos, f"{_name(last)} needs a term after it", f"e.g. apple {_name(last)} juice")

    # ---- reducing one level by precedence ----------------------------------------------------

    def _reduce(self, frame: _Frame) -> Node:
        if len(frame.operands) == len(frame.operators):
            raise self._missing_after(frame)
        # NEAR (tighter than NOT: "NOT a NEAR/3 b" is NOT (a NEAR/3 b))
        items: list[tuple[Node, list[Token]]] = [frame.operands[0]]
        operators: list[Token] = []
        previous_near = False
        for operator, (node, nots) in zip(frame.operators, frame.operands[1:], strict=True):
            if operator.kind is not Kind.NEAR:
                items.append((node, nots))
                operators.append(operator)
                previous_near = False
                continue
            left, left_nots = items[-1]
            if previous_near:
                self.report(operator.pos, "NEAR cannot be chained",
                            "join two proximities with AND: (a NEAR/2 b) AND (b NEAR/3 c)")
                left = left.left if isinstance(left, Near) else left
            if nots:
                self.report(nots[0].pos, "NOT inside a NEAR operand",
                            "NEAR looks for things that are there; move the NOT outside: (a NEAR/3 b) AND NOT c")
            self._check_near_operand(left)
            self._check_near_operand(node)
            items[-1] = (Near(left.pos, left, node, operator.distance, operator.ordered), left_nots)
            previous_near = True
        # NOT (prefix), then AND / AND NOT, then OR
        branches: list[list[Node]] = [[_negated(items[0][0], items[0][1])]]
        for operator, (node, nots) in zip(operators, items[1:], strict=True):
            node = _negated(node, nots)
            if operator.kind is Kind.OR:
                branches.append([node])
            elif operator.kind is Kind.AND:
                branches[-1].append(node)
            else:  # NOT or '-' between two operands: AND NOT
                branches[-1].append(_negated(node, [operator]))
        kinds = {op.kind is Kind.OR for op in operators}
        ands = [_join(And, branch) for branch in branches]
        result = _join(Or, ands)
        if len(kinds) == 2:
            first_kind = operators[0].kind is Kind.OR
            switch = next(op for op in operators if (op.kind is Kind.OR) != first_kind)
            reading = result.describe()
            if len(reading) > 120:
                reading = reading[:117] + "…"
            self.warnings.append((switch.pos, "AND and OR are mixed here without parentheses",
                                  f"this reads as {reading} (AND binds tighter than OR); add parentheses to be sure"))
        return result

    def _check_near_operand(self, node: Node) -> None:
        """NEAR operands are text terms or OR-groups of them; report the first thing that is not."""
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, Word | Phrase | Tag | Nothing):
                continue
            if isinstance(current, Or):
                stack.extend(current.children)
                continue
            if isinstance(current, Not):
                self.report(current.pos, "NOT inside a NEAR operand",
                            "move the NOT outside: (a NEAR/3 b) AND NOT c")
            elif isinstance(current, Field):
                self.report(current.pos, "a field inside a NEAR operand",
                            "put the field outside: (a NEAR/3 b) AND site:example.com")
            elif isinstance(current, Near):
                self.report(current.pos, "NEAR cannot be chained",
                            "join two proximities with AND: (a NEAR/2 b) AND (b NEAR/3 c)")
            else:
                self.report(current.pos, "AND inside a NEAR operand",
                            "NEAR takes words, phrases, wildcards, #tags, @handles or (a OR b) groups of them")
            return

    # ---- atoms -------------------------------------------------------------------------------

    def _term(self, token: Token) -> Node:
        if token.kind is Kind.QUOTED:
            reported = len(self.problems)
            words = self._words(token.text, token.inner_pos)
            if not words and len(self.problems) == reported:
                self.report(token.pos, "empty quotes", 'put the phrase inside them: "apple juice"')
                return _never(token.pos)
            if len(words) == 1:
                return Word(token.pos, words[0])
            return Phrase(token.pos, tuple(words), token.slop)
        if token.kind is Kind.EXACT:
            return self._exact(token)
        text = token.text
        if "~" in text:
            at = text.index("~")
            self.report(token.pos + at, "~ works only right after a quoted phrase",
                        'write "apple juice"~3 (the words within 3 extra positions)')
            text = text[:at] or "~"
        if text.startswith(("#", "@")) and len(text) > 1:
            return self._tag(token, text)
        if text.lower().startswith("www."):
            self.warnings.append((token.pos, f"'{text}' is a web address; addresses are not searched as words",
                                  f"use links:{text[4:].split('/')[0]}, site:{text[4:].split('/')[0]} or "
                                  f'url:"{text[4:]}"'))
        reported = len(self.problems)
        words = self._words(text, token.pos)
        if not words and len(self.problems) == reported:
            self.report(token.pos, f"'{text}' has no letters or digits to search for",
                        'to find a symbol, quote the words around it: "AT&T"')
            return _never(token.pos)
        if len(words) == 1:
            return Word(token.pos, words[0])
        return Phrase(token.pos, tuple(words))

    def _words(self, text: str, pos: int, *, exact: bool = False) -> list[WordPattern]:
        words = []
        for match in QUERY_WORD.finditer(text):
            piece = match.group()
            if piece[0] in "*?":
                self.report(pos + match.start(), "a term cannot start with a wildcard",
                            "put at least one letter before * or ?, e.g. appl*")
                continue
            if exact:
                if "*" in piece or "?" in piece:
                    self.report(pos + match.start() + min(i for i in (piece.find("*"), piece.find("?")) if i >= 0),
                                "no wildcards inside {…}", "{…} matches exactly as written; use appl* outside braces")
                    continue
                words.append(WordPattern(piece, piece, exact=True))
                continue
            key = fold(piece)
            if not key:
                continue
            glob = Glob(key) if ("*" in key or "?" in key) else None
            words.append(WordPattern(piece, key, glob=glob))
        return words

    def _exact(self, token: Token) -> Node:
        reported = len(self.problems)
        words = self._words(token.text, token.inner_pos, exact=True)
        if not words and len(self.problems) == reported:
            self.report(token.pos, "nothing inside {}", 'write {Word} or {"Exact Phrase"}')
            return _never(token.pos)
        if len(words) == 1:
            return Word(token.pos, words[0])
        return Phrase(token.pos, tuple(words))

    def _tag(self, token: Token, text: str) -> Node:
        sigil, body = text[0], text[1:]
        noun = "#tag" if sigil == "#" else "@handle"
        pattern = _TAG_TERM if sigil == "#" else _HANDLE_TERM
        if not pattern.fullmatch(body):
            allowed = "letters, digits and _" if sigil == "#" else "letters, digits, _, . and -"
            self.report(token.pos, f"'{text}' is not a {noun}: a {noun} has {allowed} only",
                        f'to search the words, quote them: "{body}"')
            return _never(token.pos)
        if body[0] in "*?":
            self.report(token.pos + 1, "a term cannot start with a wildcard", f"put a letter first, e.g. {sigil}a*")
            return _never(token.pos)
        if sigil == "#" and not any(c.isalpha() for c in body):
            self.report(token.pos, f"'{text}' is not a #tag: a tag needs at least one letter",
                        f"search the number on its own: {body}")
            return _never(token.pos)
        key = fold(body)
        glob = Glob(key) if ("*" in key or "?" in key) else None
        return Tag(token.pos, sigil, body, key, glob)

    def _field(self, index: int) -> tuple[Node, int]:
        name_token = self.tokens[index]
        name = name_token.text
        index += 1
        following = self.tokens[index] if index < len(self.tokens) else None
        if name.lower() not in FIELDS and (following is None or following.spaced or not following.value):
            # "Note: apple" or "apple:" — say the name is unknown rather than that a value is missing
            field_node(name, name_token.pos, self.text[name_token.pos:name_token.end], [], self._term, self.report)
            return Nothing(name_token.pos), index
        if following is None or following.spaced or not following.value:
            raise self.stop(name_token.pos, f"{name}: needs a value right after the colon",
                            f"e.g. {_EXAMPLES.get(name.lower(), name + ':value')}, without a space")
        values: list[Value] = []
        if following.kind is Kind.LPAREN:
            index += 1
            expecting_value = True
            while True:
                if index >= len(self.tokens):
                    raise self.stop(following.pos, "unclosed parenthesis", "add ')' at the end")
                token = self.tokens[index]
                if token.kind is Kind.RPAREN:
                    if expecting_value:
                        raise self.stop(token.pos if values else following.pos,
                                        "a value is missing in the list" if values else "empty group ()",
                                        f"e.g. {name}:(a OR b)")
                    break
                if expecting_value and is_value_token(token):
                    values.append(Value(token.text, token.pos, token))
                    expecting_value = False
                elif not expecting_value and token.kind is Kind.OR:
                    expecting_value = True
                else:
                    raise self.stop(token.pos, f"only OR can join the values of {name}:( … )",
                                    f"write {name}:(a OR b); combine fields with AND outside: {name}:a AND {name}:b")
                index += 1
            end = self.tokens[index].end
            index += 1
        elif is_value_token(following):
            values.append(Value(following.text, following.pos, following))
            end = following.end
            index += 1
        else:
            raise self.stop(name_token.pos, f"{name}: needs a value right after the colon",
                            f"e.g. {_EXAMPLES.get(name.lower(), name + ':value')}")
        label = self.text[name_token.pos:end]
        node = field_node(name, name_token.pos, label, values, self._term, self.report)
        return node, index


_EXAMPLES = {"site": "site:example.com", "links": "links:example.com", "url": 'url:"example.com/page"',
             "author": "author:nike", "title": 'title:"apple juice"', "lang": "lang:da", "language": "language:da",
             "country": "country:dk", "channel": "channel:reddit", "sentiment": "sentiment:negative"}


def _name(token: Token) -> str:
    if token.kind in (Kind.NOT, Kind.MINUS):
        return "NOT" if token.kind is Kind.NOT else "'-'"
    return token.text


def _negated(node: Node, nots: list[Token]) -> Node:
    """The node under its NOTs (an even number cancels out)."""
    if len(nots) % 2 == 0:
        return node
    if isinstance(node, Not):
        return node.child
    return Not(nots[0].pos, node)


def _join(kind: type[And] | type[Or], children: list[Node]) -> Node:
    if len(children) == 1:
        return children[0]
    flat: list[Node] = []
    for child in children:
        if isinstance(child, kind):
            flat.extend(child.children)
        else:
            flat.append(child)
    if kind is Or:  # "a* OR a* OR …" evaluates once
        unique: dict[str, Node] = {}
        for child in flat:
            unique.setdefault(child.describe(), child)
        flat = list(unique.values())
        if len(flat) == 1:
            return flat[0]
    return kind(children[0].pos, flat)


def _never(pos: int) -> Node:
    """Stands in for a term that has a problem (the query is refused anyway)."""
    return Nothing(pos)


__all__ = ["MAX_DEPTH", "MAX_LENGTH", "MAX_TERMS", "Parsed", "parse_text"]
