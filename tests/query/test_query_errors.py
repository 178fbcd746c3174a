"""Every error of the spec's errors section, with the column it points at."""

from __future__ import annotations

import pytest

from voxpop.query import QueryError, parse, validate


def problems(query: str) -> list[tuple[int, str]]:
    return [(p.column, p.message) for p in validate(query).problems]


def first(query: str) -> tuple[int, str]:
    found = problems(query)
    assert found, f"{query!r} should be refused"
    return found[0]


def test_spec_example_unclosed_parenthesis_points_at_it() -> None:
    result = validate("(apple OR orange NEAR/3 juice")
    assert [(p.column, p.message, p.hint) for p in result.problems] == [
        (1, "unclosed parenthesis", "add ')' at the end")]
    with pytest.raises(QueryError) as caught:
        parse("(apple OR orange NEAR/3 juice")
    assert caught.value.render() == ("(apple OR orange NEAR/3 juice\n"
                                     "^ column 1: unclosed parenthesis — add ')' at the end")


def test_problem_render_puts_the_caret_on_the_right_line() -> None:
    [problem] = validate("apple AND\n  (juice").problems
    assert problem.column == 13
    assert problem.render("apple AND\n  (juice") == "  (juice\n  ^ column 13: unclosed parenthesis — add ')' at the end"


@pytest.mark.parametrize("query", ["", "   ", "\n\t "])
def test_empty_or_blank_query(query: str) -> None:
    assert first(query)[0] == 1
    assert "empty" in first(query)[1]


@pytest.mark.parametrize(("query", "column"), [("()", 1), ("apple AND ( )", 11), ("a OR (b AND ())", 13)])
def test_empty_group(query: str, column: int) -> None:
    assert first(query) == (column, "empty group ()")


@pytest.mark.parametrize(
    ("query", "column", "word"),
    [("(a OR b", 1, "unclosed parenthesis"), ("a OR (b AND (c)", 6, "unclosed parenthesis"),
     ("a OR b)", 7, "')'"), (")a(", 1, "')'"), ('"apple juice', 1, "unclosed quote"),
     ('apple AND "juice', 11, "unclosed quote"), ("a AND “juice", 7, "unclosed quote"), ("{Apple", 1, "unclosed {"),
     ("Apple}", 6, "'}'")],
)
def test_unbalanced_parentheses_and_quotes(query: str, column: int, word: str) -> None:
    assert first(query)[0] == column
    assert word in first(query)[1]


def test_many_unbalanced_parentheses_give_one_problem_each_way() -> None:
    assert [(p.column, p.hint) for p in validate("((a").problems] == [(1, "add 2 ')' at the end")]
    assert len(validate("(" * 5000).problems) <= 2
    assert len(validate(")" * 5000).problems) == 1
    assert len(validate(" AND ".join(["x:y"] * 900)).problems) <= 50


def test_parentheses_inside_quotes_are_words() -> None:
    assert not validate('"(apple"')


@pytest.mark.parametrize(
    ("query", "column", "operator"),
    [("apple AND", 7, "AND"), ("AND apple", 1, "AND"), ("apple OR", 7, "OR"), ("OR apple", 1, "OR"),
     ("apple OR OR b", 7, "OR"), ("apple AND OR b", 7, "AND"), ("(apple AND) OR b", 8, "AND"),
     ("apple NEAR/3", 7, "NEAR/3"), ("NEAR/3 apple", 1, "NEAR/3"), ("apple AND NOT", 11, "NOT"),
     ("a NOT", 3, "NOT"), ("NOT AND a", 1, "NOT"), ("(OR a)", 2, "OR")],
)
def test_operator_with_a_missing_operand(query: str, column: int, operator: str) -> None:
    column_found, message = first(query)
    assert column_found == column
    assert message.startswith(operator)


@pytest.mark.parametrize(("query", "column"), [("- apple", 1), ("apple - juice", 7), ("apple -", 7), ("--a", 1),
                                               ("(a -)", 4)])
def test_dangling_minus(query: str, column: int) -> None:
    assert first(query)[0] == column


@pytest.mark.parametrize(
    ("query", "column"),
    [("*apple", 1), ("apple OR ?pple", 10), ('"social *media"', 9), ("#*tag", 2), ("author:*nike", 8),
     ("e-*mail", 3), ("lang:*", 6)],
)
def test_leading_wildcard(query: str, column: int) -> None:
    column_found, message = first(query)
    assert column_found == column
    assert "wildcard" in message
    assert len(problems(query)) == 1


@pytest.mark.parametrize(("query", "column"), [("re:invent", 1), ("apple AND foo:bar", 11), ("lang:xx", 6),
                                               ("country:zz", 9), ("channel:myspace", 9), ("sentiment:angry", 11),
                                               ("apple OR channel:(rss OR nope)", 26)])
def test_unknown_field_or_field_value(query: str, column: int) -> None:
    assert first(query)[0] == column


@pytest.mark.parametrize(("query", "column"), [("a NEAR/ b", 3), ("a NEAR b", 3), ("a ONEAR/ b", 3),
                                               ("a NEAR/x b", 3), ("a NEAR/101 b", 3), ("a NEAR/3g b", 3),
                                               ('"a b"~ c', 6)])
def test_near_without_a_number_or_too_far(query: str, column: int) -> None:
    assert first(query)[0] == column


@pytest.mark.parametrize(("query", "column"), [("apple~2", 6), ('"a b" ~2', 7), ('{"a b"}~2', 8), ("a~", 2)])
def test_tilde_only_right_after_a_quoted_phrase(query: str, column: int) -> None:
    assert first(query) == (column, "~ works only right after a quoted phrase")


def test_near_like_words_that_are_not_operators() -> None:
    assert not validate("NEARBY OR near").problems


@pytest.mark.parametrize(("query", "column"), [("a NEAR/2 b NEAR/3 c", 12), ("a NEAR/2 b ONEAR/3 c", 12),
                                               ("(a NEAR/2 b) NEAR/3 c", 2)])
def test_chained_near(query: str, column: int) -> None:
    assert first(query) == (column, "NEAR cannot be chained")


@pytest.mark.parametrize(
    ("query", "column", "what"),
    [("a NEAR/3 NOT b", 10, "NOT"), ("a NEAR/3 -b", 10, "NOT"), ("(NOT a OR NOT b) NEAR/3 c", 1, "excludes"),
     ("(a AND NOT b) NEAR/3 c", 2, "AND"),
     ("a NEAR/3 site:example.com", 10, "field"), ("title:a NEAR/3 b", 1, "field"),
     ("a NEAR/3 (b OR lang:da)", 16, "field"), ("a NEAR/3 (b AND c)", 11, "AND")],
)
def test_not_or_a_field_inside_a_near_operand(query: str, column: int, what: str) -> None:
    column_found, message = first(query)
    assert column_found == column
    assert what in message


def test_not_before_near_applies_to_the_whole_near() -> None:
    assert not validate("x AND NOT a NEAR/3 b")


@pytest.mark.parametrize(("query", "column"), [("NOT apple", 1), ("-apple", 1), ("NOT (a OR b)", 1),
                                               ("(NOT a) OR (NOT b)", 1), ("-site:example.com", 1)])
def test_purely_negative_query(query: str, column: int) -> None:
    assert first(query)[0] == column


def test_nesting_deeper_than_100() -> None:
    assert not validate("(" * 100 + "a" + ")" * 100)
    assert first("(" * 101 + "a" + ")" * 101)[0] == 101
    assert first("x AND " + "(" * 4000 + "a" + ")" * 4000)[0] == 107


def test_deep_nesting_is_a_query_error_not_a_recursion_error() -> None:
    with pytest.raises(QueryError):
        parse("(" * 5000 + "a" + ")" * 5000)
    with pytest.raises(QueryError):
        parse("(" * 5000)
    with pytest.raises(QueryError):
        parse(")" * 5000)


def test_query_over_10000_characters() -> None:
    assert not validate("a" * 10_000)
    column, message = first("a" * 10_001)
    assert column == 10_001
    assert "10,000" in message


def test_query_over_1000_terms() -> None:
    assert not validate(" OR ".join(["apple"] * 1000))
    column, message = first(" OR ".join(["apple"] * 1001))
    assert column == 1000 * 9 + 1
    assert "1,000" in message


def test_a_phrase_counts_as_one_term() -> None:
    phrase = '"' + " ".join(["w"] * 1500) + '"'
    assert not validate(phrase)


def test_columns_count_code_points_of_the_original_query() -> None:
    assert first("café juice")[0] == 6  # é is one code point
    assert first("cafe\u0301 juice")[0] == 7  # the decomposed é is two
    assert first("😀 OR\n(x")[0] == 6  # newlines count


def test_every_problem_has_a_message_and_a_hint() -> None:
    for query in ["(a", "a b", "NOT a", "re:x", "a NEAR/200 b", "*a", "", "()", "a AND", "lang:xx", '"a']:
        for problem in validate(query).problems:
            assert problem.message and problem.hint, (query, problem)


def test_several_independent_problems_are_all_reported() -> None:
    found = problems("lang:xx AND foo:bar AND *x")
    assert [column for column, _ in found] == [6, 13, 25]


def test_query_error_carries_problems() -> None:
    with pytest.raises(QueryError) as caught:
        parse("apple juice")
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.problems[0].column == 7
    assert "column 7" in str(error)
