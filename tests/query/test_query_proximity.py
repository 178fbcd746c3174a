"""Every row of the proximity table: NEAR/n, NEAR/nf, ONEAR/n and "…"~n."""

from __future__ import annotations

import pytest

from voxpop.query import parse, validate


def matches(query: str, text: str = "", **mention: object) -> bool:
    return parse(query).matches({"text": text, **mention})


# ---- A NEAR/n B ----------------------------------------------------------------------------------


def test_near_counts_the_words_between() -> None:
    assert matches("apple NEAR/2 juice", "apple fresh cold juice")
    assert not matches("apple NEAR/1 juice", "apple fresh cold juice")
    assert matches("apple NEAR/0 juice", "apple juice")
    assert not matches("apple NEAR/0 juice", "apple, a juice")


def test_near_works_in_either_order() -> None:
    assert matches("apple NEAR/1 juice", "juice of apple")
    assert matches("apple NEAR/0 juice", "juice apple")


def test_near_matches_must_not_overlap() -> None:
    assert not matches("apple NEAR/3 apple", "one apple only")
    assert matches("apple NEAR/3 apple", "apple and apple")
    assert not matches('"apple juice" NEAR/3 juice', "apple juice")
    assert matches('"apple juice" NEAR/3 juice', "apple juice, more juice")


def test_near_operands_may_be_phrases_wildcards_tags_handles_exact_and_or_groups() -> None:
    text = "Fjordwing airline: my refund via @FjordwingHelp never came #fail"
    assert matches('"my refund" NEAR/3 @fjordwinghelp', text)
    assert matches("fjord* NEAR/5 (cancel* OR refund)", text)
    assert matches("#fail NEAR/3 came", text)
    assert matches("{Fjordwing} NEAR/1 airline", text)
    assert not matches("{fjordwing} NEAR/1 airline", text)
    assert matches("(refund OR cancel*) NEAR/2 (@fjordwinghelp OR #fail)", text)
    assert matches("((refund OR x) OR y) NEAR/2 never", text)


def test_phrase_distance_is_measured_from_its_ends() -> None:
    assert matches('"new york" NEAR/1 pizza', "pizza in New York")
    assert not matches('"new york" NEAR/0 pizza', "pizza in New York")


def test_near_stays_inside_title_or_body() -> None:
    assert not matches("apple NEAR/5 juice", title="apple", text="juice")
    assert matches("apple NEAR/5 juice", title="apple juice", text="x")


def test_near_ignores_urls_and_punctuation_when_counting() -> None:
    assert matches("apple NEAR/0 juice", "apple https://x.example/long/path — juice")


# ---- NEAR/nf and ONEAR/n -------------------------------------------------------------------------


@pytest.mark.parametrize("operator", ["NEAR/2f", "NEAR/2F", "ONEAR/2"])
def test_ordered_near_needs_a_before_b(operator: str) -> None:
    assert matches(f"apple {operator} juice", "apple fresh juice")
    assert not matches(f"apple {operator} juice", "juice fresh apple")
    assert not matches(f"apple {operator} juice", "apple a b c juice")
    assert matches(f"apple {operator} juice", "juice apple juice")


def test_ordered_near_reads_as_such() -> None:
    assert parse("a NEAR/3f b").describe() == "(a NEAR/3f b)"
    assert parse("a ONEAR/3 b").describe() == "(a NEAR/3f b)"


# ---- "a b c"~n -----------------------------------------------------------------------------------


def test_proximity_phrase_any_order_within_words_plus_n() -> None:
    assert matches('"a b c"~0', "c a b")
    assert not matches('"a b c"~0', "c x a b")
    assert matches('"a b c"~1', "c x a b")
    assert not matches('"a b c"~1', "c x y a b")
    assert matches('"apple juice"~2', "juice made from apple")


def test_proximity_phrase_needs_a_position_for_each_word() -> None:
    assert not matches('"a a b"~3', "a b")
    assert matches('"a a b"~3', "a x b a")
    assert not matches('"a a b"~0', "a b x a")


def test_proximity_phrase_with_overlapping_wildcards() -> None:
    assert matches('"app* apple"~1', "apple x apple")
    assert not matches('"app* apple"~2', "apple")
    assert matches('"app* ap*"~0', "apply apple")
    assert not matches('"app* ap* apple"~5', "apply apple")


def test_proximity_phrase_stays_inside_title_or_body() -> None:
    assert not matches('"apple juice"~5', title="apple", text="juice")


def test_proximity_phrase_can_be_a_near_operand() -> None:
    assert matches('"apple juice"~1 NEAR/1 fresh', "juice of apple, fresh")


# ---- limits ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["a NEAR/0 b", "a NEAR/100 b", '"a b"~0', '"a b"~100', "a ONEAR/100 b"])
def test_distances_from_0_to_100_are_allowed(query: str) -> None:
    assert not validate(query)


@pytest.mark.parametrize(("query", "column"), [("a NEAR/101 b", 3), ('"a b"~101', 6), ("a ONEAR/1000f b", 3)])
def test_distances_over_100_are_refused(query: str, column: int) -> None:
    problems = validate(query).problems
    assert problems[0].column == column
    assert "100" in problems[0].message
