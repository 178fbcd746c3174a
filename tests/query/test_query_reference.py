"""Phrases, proximity phrases and NEAR against a brute-force reading of the spec's sentences."""

from __future__ import annotations

import fnmatch
from itertools import permutations, product

from hypothesis import given, settings
from hypothesis import strategies as st

from voxpop.query import analyse, parse

_WORDS = ["a", "b", "ab", "ba"]
_PATTERNS = ["a", "b", "ab", "ba", "a*", "b*", "a?", "b?"]

texts = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=9)
patterns = st.lists(st.sampled_from(_PATTERNS), min_size=1, max_size=3)
distances = st.integers(min_value=0, max_value=3)


def _fits(pattern: str, word: str) -> bool:
    return fnmatch.fnmatchcase(word, pattern)


def _phrase_matches(words: list[str], phrase: list[str]) -> list[tuple[int, int]]:
    k = len(phrase)
    return [(s, s + k - 1) for s in range(len(words) - k + 1)
            if all(_fits(p, words[s + i]) for i, p in enumerate(phrase))]


def _proximity_holds(words: list[str], phrase: list[str], slop: int) -> bool:
    """Every word of the phrase at its own position, all within len + slop positions."""
    k = len(phrase)
    for chosen in permutations(range(len(words)), k):
        if all(_fits(p, words[q]) for p, q in zip(phrase, chosen, strict=True)):
            if max(chosen) - min(chosen) + 1 <= k + slop:
                return True
    return False


def _near_holds(words: list[str], left: list[str], right: list[str], distance: int, ordered: bool) -> bool:
    for (a1, a2), (b1, b2) in product(_phrase_matches(words, left), _phrase_matches(words, right)):
        if a2 < b1 and b1 - a2 - 1 <= distance:
            return True
        if not ordered and b2 < a1 and a1 - b2 - 1 <= distance:
            return True
    return False


def _quoted(phrase: list[str]) -> str:
    return '"' + " ".join(phrase) + '"'


@settings(max_examples=300, deadline=None)
@given(texts, patterns)
def test_phrase_is_consecutive_in_order(words: list[str], phrase: list[str]) -> None:
    document = analyse({"text": " ".join(words)})
    assert parse(_quoted(phrase)).matches_document(document) == bool(_phrase_matches(words, phrase))


@settings(max_examples=400, deadline=None)
@given(texts, patterns, distances)
def test_proximity_phrase(words: list[str], phrase: list[str], slop: int) -> None:
    document = analyse({"text": " ".join(words)})
    query = parse(_quoted(phrase) + f"~{slop}")
    assert query.matches_document(document) == _proximity_holds(words, phrase, slop)
    highlighted = query.highlights({"text": " ".join(words)})
    assert bool(highlighted) == query.matches_document(document)


@settings(max_examples=400, deadline=None)
@given(texts, patterns, patterns, distances, st.booleans())
def test_near(words: list[str], left: list[str], right: list[str], distance: int, ordered: bool) -> None:
    document = analyse({"text": " ".join(words)})
    operator = f"NEAR/{distance}f" if ordered else f"NEAR/{distance}"
    query = parse(f"{_quoted(left)} {operator} {_quoted(right)}")
    assert query.matches_document(document) == _near_holds(words, left, right, distance, ordered)


@settings(max_examples=200, deadline=None)
@given(texts, patterns, patterns, distances)
def test_near_with_a_proximity_phrase_operand(words: list[str], left: list[str], right: list[str],
                                              distance: int) -> None:
    document = analyse({"text": " ".join(words)})
    query = parse(f"{_quoted(left)}~1 NEAR/{distance} {_quoted(right)}")
    expected = False
    k = len(left)
    for chosen in permutations(range(len(words)), k):
        if not all(_fits(p, words[q]) for p, q in zip(left, chosen, strict=True)):
            continue
        a1, a2 = min(chosen), max(chosen)
        if a2 - a1 + 1 > k + 1:
            continue
        for b1, b2 in _phrase_matches(words, right):
            if (a2 < b1 and b1 - a2 - 1 <= distance) or (b2 < a1 and a1 - b2 - 1 <= distance):
                expected = True
    assert query.matches_document(document) == expected


def test_near_finds_a_proximity_match_that_ends_closer_than_the_shortest_one() -> None:
    # "a b"~1 at positions 0..2 (a, b@2) ends two words before "a a"; its shortest form 0..1 does not.
    document = analyse({"text": "a b b b b a a"})
    assert parse('"a b"~1 NEAR/2 "a a"').matches_document(document)
    assert parse('"a a" NEAR/2 "b a"~1').matches_document(analyse({"text": "a a b b b b a"}))
