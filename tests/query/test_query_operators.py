"""Operators and precedence, the '-' prefix, implicit adjacency and purely negative queries."""

from __future__ import annotations

import pytest

from voxpop.query import QueryError, parse, validate


def matches(query: str, text: str = "", **mention: object) -> bool:
    return parse(query).matches({"text": text, **mention})


@pytest.mark.parametrize(
    ("query", "reading"),
    [
        ("a OR b AND c", "(a OR (b AND c))"),
        ("a OR b NOT c", "(a OR (b AND NOT c))"),
        ("a OR b AND NOT c", "(a OR (b AND NOT c))"),
        ("NOT a NEAR/3 b AND c", "(NOT (a NEAR/3 b) AND c)"),
        ("apple -(juice OR pie)", "(apple AND NOT (juice OR pie))"),
        ("a AND b OR c AND d", "((a AND b) OR (c AND d))"),
        ("(a OR b) AND c", "((a OR b) AND c)"),
        ("a -b -c", "(a AND NOT b AND NOT c)"),
        ("-b AND a", "(NOT b AND a)"),
        ("a AND NOT NOT b", "(a AND b)"),
        ("title:x OR y", "(title:x OR y)"),
        ('"a b"~2 AND c', '("a b"~2 AND c)'),
        ("a NEAR/2 b OR c", "((a NEAR/2 b) OR c)"),
    ],
)
def test_precedence(query: str, reading: str) -> None:
    assert parse(query).describe() == reading


def test_precedence_decides_matching() -> None:
    assert matches("a OR b AND c", "a")
    assert not matches("a OR b AND c", "b")
    assert matches("a OR b AND c", "b c")
    assert matches("a OR b NOT c", "a c")
    assert not matches("a OR b NOT c", "b c")
    assert matches("a OR b NOT c", "b")


def test_not_binds_looser_than_near() -> None:
    query = "NOT a NEAR/3 b AND c"
    assert matches(query, "a x x x x x b c")  # a and b too far apart: NOT (…) holds
    assert not matches(query, "a b c")


def test_minus_excludes_a_group() -> None:
    query = "apple -(juice OR pie)"
    assert matches(query, "apple tart")
    assert not matches(query, "apple pie")
    assert not matches(query, "apple juice")


def test_minus_only_at_the_start_of_a_term() -> None:
    assert parse("apple-juice").describe() == '"apple juice"'
    assert parse("(-juice AND apple)").describe() == "(NOT juice AND apple)"
    assert matches("apple -juice", "apple")
    assert not matches("apple -juice", "apple juice")


def test_infix_not_and_and_not_mean_the_same() -> None:
    for query in ["apple NOT juice", "apple AND NOT juice", "apple -juice"]:
        assert matches(query, "apple pie"), query
        assert not matches(query, "apple juice"), query


def test_operators_must_be_capitals() -> None:
    problems = validate("apple and juice").problems
    assert problems and problems[0].column == 7
    assert "capitals" in problems[0].hint
    assert matches('"apple and juice"', "apple and juice")


def test_two_terms_without_an_operator_are_an_error_with_a_hint() -> None:
    with pytest.raises(QueryError) as caught:
        parse("apple juice")
    problem = caught.value.problems[0]
    assert problem.column == 7
    assert '"apple juice"' in problem.hint
    assert "apple AND juice" in problem.hint


def test_groups_without_an_operator_are_an_error() -> None:
    assert validate("(a OR b) c").problems[0].column == 10
    assert validate('a "b c"').problems[0].column == 3


@pytest.mark.parametrize(
    ("query", "column"),
    [("NOT x", 1), ("-x", 1), ("(NOT a) OR (NOT b)", 1), ("apple OR NOT juice", 10), ("apple OR -juice", 10),
     ("NOT channel:rss", 1), ("NOT (a OR b)", 1), ("apple AND (NOT juice)", 11)],
)
def test_purely_negative_queries_and_groups_are_rejected(query: str, column: int) -> None:
    problems = validate(query).problems
    assert problems, query
    assert problems[0].column == column
    assert "excludes" in problems[0].message


def test_both_negative_groups_are_reported() -> None:
    assert [p.column for p in validate("(NOT a) OR (NOT b)").problems] == [1, 12]


def test_field_atoms_count_as_positive() -> None:
    assert parse("channel:rss").matches({"channel": "rss"})
    assert parse("channel:rss AND NOT apple").matches({"channel": "rss", "text": "pear"})
    assert parse("site:example.com -apple").matches({"url": "https://example.com"})


def test_negation_combined_with_positive_terms_is_fine() -> None:
    for query in ["a AND NOT b", "NOT b AND a", "(a OR b) AND NOT (c OR d)", "a OR (b AND NOT c)", "NOT NOT a"]:
        assert not validate(query), query


def test_mixing_and_or_without_parentheses_warns() -> None:
    result = validate("a OR b AND c")
    assert not result  # valid
    assert result.ok
    assert len(result.warnings) == 1
    assert result.warnings[0].column == 8
    assert "(a OR (b AND c))" in result.warnings[0].hint
    assert validate("a AND b OR c").warnings[0].column == 9
    assert validate("a OR b -c").warnings
    assert not validate("a OR (b AND c)").warnings
    assert not validate("a AND b AND NOT c").warnings
    assert parse("a OR b AND c").warnings


def test_mixing_inside_a_group_warns_at_that_group() -> None:
    assert validate("x AND (a OR b AND c)").warnings[0].column == 15
