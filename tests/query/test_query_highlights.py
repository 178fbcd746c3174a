"""Highlights: character spans into each field's original string, for the parts that matched."""

from __future__ import annotations

from voxpop.query import parse


def spans(query: str, **mention: object) -> dict[str, list[tuple[int, int]]]:
    return parse(query).highlights(mention)


def texts(query: str, **mention: object) -> dict[str, list[str]]:
    return {field: [str(mention[field])[a:b] for a, b in found] for field, found in spans(query, **mention).items()}


def test_words_are_highlighted_in_title_and_text() -> None:
    mention = {"title": "Apple pie", "text": "An apple a day, APPLE!"}
    assert spans("apple", **mention) == {"title": [(0, 5)], "text": [(3, 8), (16, 21)]}


def test_spans_point_into_the_original_string_with_decomposed_accents() -> None:
    text = "Cafe\u0301 crème and café"  # the first é is decomposed: two code points
    assert spans("cafe", text=text) == {"text": [(0, 5), (16, 20)]}
    assert texts("creme", text=text) == {"text": ["crème"]}


def test_phrase_is_one_span_from_first_to_last_word() -> None:
    assert texts('"apple juice"', text="fresh apple-juice now") == {"text": ["apple-juice"]}


def test_tags_and_handles_include_their_sign() -> None:
    assert texts("#blm OR @nike", text="go #BLM with @Nike!") == {"text": ["#BLM", "@Nike"]}


def test_wildcards_highlight_each_matching_word() -> None:
    assert texts("overheat*", text="overheated, overheating; heat") == {"text": ["overheated", "overheating"]}


def test_only_true_branches_and_nothing_under_not() -> None:
    text = "apple pie and cherry"
    assert texts("(apple AND juice) OR cherry", text=text) == {"text": ["cherry"]}
    assert texts("apple AND NOT juice OR pie", text=text) == {"text": ["apple", "pie"]}
    assert texts("cherry -juice", text=text) == {"text": ["cherry"]}


def test_no_highlights_without_a_match() -> None:
    assert spans("apple AND juice", text="apple pie") == {}


def test_near_highlights_the_operands_that_are_near() -> None:
    text = "apple one two juice. x x x x apple x x x x juice"
    assert spans("apple NEAR/2 juice", text=text) == {"text": [(0, 5), (14, 19)]}


def test_proximity_phrase_highlights_its_words() -> None:
    assert texts('"apple juice"~2', text="juice from apple") == {"text": ["juice", "apple"]}


def test_fields_are_highlighted_in_their_own_strings() -> None:
    mention = {"title": "News", "author": "@Nike", "url": "https://blog.Example.com/Sale", "text": "x"}
    assert spans("author:nike AND site:example.com AND url:sale", **mention) == {
        "author": [(0, 5)], "url": [(8, 24), (25, 29)]}  # the host, and the part of the address


def test_title_field_highlights_the_title_only() -> None:
    assert spans("title:apple", title="apple", text="apple") == {"title": [(0, 5)]}


def test_links_in_the_text_are_highlighted() -> None:
    text = "buy at https://shop.example/x now"
    assert texts("links:shop.example", text=text) == {"text": ["https://shop.example/x"]}
