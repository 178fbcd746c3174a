"""Cut a query (already in NFC) into tokens, in one left-to-right pass.

Problems found here are returned with the tokens; a ``fatal`` one (an unclosed quote or brace,
too many terms) means the tokens after it are missing and the query is not parsed further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

#: Characters read as the double quote of a phrase.
QUOTES = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
_STOPS = frozenset("(){}") | QUOTES
_FIELD = re.compile(r"([A-Za-z][A-Za-z0-9_]*):")
_PROXIMITY = re.compile(r"(O?NEAR)/([0-9]+)([fF]?)")
MAX_DISTANCE = 100
MAX_TERMS = 1000


class Kind(Enum):
    TERM = "term"  # a bare term (or a field's bare value)
    QUOTED = "quoted"  # "a phrase", text without the quotes; slop = ~n or None
    EXACT = "exact"  # {Word} or {"Exact phrase"}; text inside the braces
    LPAREN = "("
    RPAREN = ")"
    AND = "AND"
    OR = "OR"
    NOT = "NOT"
    MINUS = "-"  # '-' at the start of a term or group
    NEAR = "NEAR"  # distance, ordered
    FIELD = "field"  # name: (text is the name as written)


@dataclass(slots=True)
class Token:
    kind: Kind
    pos: int  # offset in the NFC query
    end: int
    text: str
    spaced: bool = True  # white space (or the start) right before it
    value: bool = False  # lexed as a field's value (no operators, no fields)
    distance: int = 0  # NEAR/n, "…"~n
    ordered: bool = False  # NEAR/nf, ONEAR/n
    slop: int | None = None
    inner_pos: int = 0  # EXACT/QUOTED: where the text inside starts


@dataclass(frozen=True, slots=True)
class LexProblem:
    pos: int
    message: str
    hint: str = ""
    fatal: bool = False


def tokenize(text: str) -> tuple[list[Token], list[LexProblem]]:
    """The tokens of the query and the problems met while cutting it."""
    tokens: list[Token] = []
    problems: list[LexProblem] = []
    length = len(text)
    i = 0
    spaced = True
    value_next = False  # the next token is a field's value
    list_depth = 0  # > 0 inside a field's parenthesised list of values
    terms = 0

    def add(token: Token) -> None:
        nonlocal terms
        if token.kind in (Kind.TERM, Kind.QUOTED, Kind.EXACT):
            terms += 1
            if terms > MAX_TERMS:
                problems.append(LexProblem(token.pos, f"the query has more than {MAX_TERMS:,} terms",
                                           "split it into several saved queries", fatal=True))
        tokens.append(token)

    while i < length and not (problems and problems[-1].fatal):
        char = text[i]
        if char.isspace():
            i += 1
            spaced = True
            value_next = False
            continue
        in_list = list_depth > 0
        as_value = value_next or in_list
        value_next = False
        if char == "(":
            if as_value:
                list_depth += 1
            add(Token(Kind.LPAREN, i, i + 1, char, spaced, as_value))
            i += 1
        elif char == ")":
            list_depth = max(0, list_depth - 1)
            add(Token(Kind.RPAREN, i, i + 1, char, spaced, as_value))
            i += 1
        elif char in QUOTES:
            close = _next_quote(text, i + 1)
            if close < 0:
                problems.append(LexProblem(i, "unclosed quote", 'add the closing " after the phrase', fatal=True))
                break
            token = Token(Kind.QUOTED, i, close + 1, text[i + 1:close], spaced, as_value, inner_pos=i + 1)
            i = close + 1
            if i < length and text[i] == "~":
                i = _read_slop(text, i, token, problems)
                token.end = i
            add(token)
        elif char == "{":
            close, inner_start, inner_end = _exact_bounds(text, i)
            if close < 0:
                problems.append(LexProblem(i, "unclosed {", "add } after the exact word or phrase", fatal=True))
                break
            add(Token(Kind.EXACT, i, close + 1, text[inner_start:inner_end], spaced, as_value, inner_pos=inner_start))
            i = close + 1
        elif char == "}":
            problems.append(LexProblem(i, "'}' without an opening '{'", "write {Word} or {\"Exact phrase\"}",
                                       fatal=True))
            break
        elif char == "-" and not as_value and (spaced or text[i - 1] == "("):
            add(Token(Kind.MINUS, i, i + 1, char, spaced))
            i += 1
            if i >= length or text[i].isspace() or text[i] in ")-":
                problems.append(LexProblem(i - 1, "'-' must be directly followed by the term or group it excludes",
                                           "write -juice or -(juice OR pie), without a space", fatal=True))
                break
            spaced = False
            continue
        else:
            end = i
            while end < length and not text[end].isspace() and text[end] not in _STOPS:
                end += 1
            word = text[i:end]
            field = None if as_value else _FIELD.match(word)
            if field:
                add(Token(Kind.FIELD, i, i + field.end(), field.group(1), spaced))
                i += field.end()
                spaced = False
                value_next = True
                continue
            add(_bare(word, i, end, spaced, as_value, in_list, problems))
            i = end
        spaced = False
    return tokens, problems


def _bare(word: str, start: int, end: int, spaced: bool, as_value: bool, in_list: bool,
          problems: list[LexProblem]) -> Token:
    if not as_value or in_list:
        if word in ("AND", "OR", "NOT"):
            return Token(Kind[word], start, end, word, spaced, as_value)
        if not in_list and (word in ("NEAR", "ONEAR") or word.startswith(("NEAR/", "ONEAR/"))):
            return _proximity(word, start, end, spaced, problems)
    return Token(Kind.TERM, start, end, word, spaced, as_value)


def _proximity(word: str, start: int, end: int, spaced: bool, problems: list[LexProblem]) -> Token:
    token = Token(Kind.NEAR, start, end, word, spaced, distance=MAX_DISTANCE)
    name = "ONEAR" if word.startswith("ONEAR") else "NEAR"
    match = _PROXIMITY.fullmatch(word)
    if match:
        token.distance = int(match.group(2))
        token.ordered = name == "ONEAR" or bool(match.group(3))
        if token.distance > MAX_DISTANCE:
            problems.append(LexProblem(start, f"{name}/{match.group(2)}: the distance is over {MAX_DISTANCE}",
                                       f"use a distance from 0 to {MAX_DISTANCE}, e.g. {name}/10"))
            token.distance = MAX_DISTANCE
        return token
    rest = word[len(name):]
    if rest in ("", "/"):
        problems.append(LexProblem(start, f"{name} needs a distance in words",
                                   f"write {name}/5 (at most 5 words apart); to search the word, write \"near\""))
    else:
        problems.append(LexProblem(start, f"'{word}' is not a proximity operator",
                                   "write NEAR/5, NEAR/5f (in this order) or ONEAR/5"))
    return token


def _next_quote(text: str, start: int) -> int:
    for index in range(start, len(text)):
        if text[index] in QUOTES:
            return index
    return -1


def _read_slop(text: str, i: int, token: Token, problems: list[LexProblem]) -> int:
    tilde = i
    i += 1
    digits_end = i
    while digits_end < len(text) and "0" <= text[digits_end] <= "9":
        digits_end += 1
    if digits_end == i:
        problems.append(LexProblem(tilde, "~ needs a number of words", 'write "apple juice"~3'))
        return i
    token.slop = int(text[i:digits_end])
    if token.slop > MAX_DISTANCE:
        problems.append(LexProblem(tilde, f"~{text[i:digits_end]}: the distance is over {MAX_DISTANCE}",
                                   f"use a distance from 0 to {MAX_DISTANCE}"))
        token.slop = MAX_DISTANCE
    return digits_end


def _exact_bounds(text: str, brace: int) -> tuple[int, int, int]:
    """(index of the closing brace, start and end of the text inside) or (-1, …) if unclosed."""
    i = brace + 1
    while i < len(text) and text[i].isspace():
        i += 1
    if i < len(text) and text[i] in QUOTES:
        close_quote = _next_quote(text, i + 1)
        if close_quote < 0:
            return -1, 0, 0
        j = close_quote + 1
        while j < len(text) and text[j].isspace():
            j += 1
        if j < len(text) and text[j] == "}":
            return j, i + 1, close_quote
        return -1, 0, 0
    close = text.find("}", brace + 1)
    return close, brace + 1, close
