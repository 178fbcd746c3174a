"""Every row of the spec's terms table, and the rules below it."""

from __future__ import annotations

import pytest

from voxpop.query import parse, validate


def matches(query: str, text: str = "", **mention: object) -> bool:
    return parse(query).matches({"text": text, **mention})


# ---- word ----------------------------------------------------------------------------------------


def test_word_matches_a_word_with_the_same_key() -> None:
    assert matches("apple", "An APPLE a day")
    assert not matches("apple", "pineapples and applesauce")


def test_lower_case_operator_names_are_words() -> None:
    assert matches('"rock and roll"', "Rock and roll!")
    assert matches("near", "the shop near you")
    assert matches("and", "this and that")
    assert not matches("near", "nearby")


# ---- "phrase" ------------------------------------------------------------------------------------


def test_phrase_is_consecutive_positions_in_order() -> None:
    assert matches('"apple juice"', "fresh Apple-juice here")
    assert not matches('"apple juice"', "juice apple")
    assert not matches('"apple juice"', "apple and juice")


def test_inside_quotes_everything_is_words() -> None:
    assert matches('"AND"', "this and that")
    assert matches('"black AND white"', "black and white")
    assert matches('"#blm protest"', "the blm protest")
    assert matches('"re:invent"', "AWS re:Invent 2024")
    assert parse('"a OR b"').describe() == '"a OR b"'


def test_single_word_in_quotes_is_that_word() -> None:
    assert matches('"apple"', "apple")


def test_wildcards_inside_phrases() -> None:
    assert matches('"social medi*"', "social media managers")
    assert matches('"social medi*"', "Social Medias")
    assert not matches('"social medi*"', "social network media")
    assert matches('"b?g deal"', "big deal")


# ---- wor* and wo?d ---------------------------------------------------------------------------------


def test_star_is_zero_or_more_code_points_of_the_key() -> None:
    assert matches("overheat*", "it OVERHEATED twice")
    assert matches("overheat*", "overheat")
    assert matches("caf*", "Café")  # on the key: accents already gone
    assert matches("stras*", "Straße")  # the key is strasse
    assert not matches("overheat*", "heat")


def test_question_mark_is_exactly_one_code_point_of_the_key() -> None:
    assert matches("wo?d", "word")
    assert matches("wo?d", "WOOD")
    assert not matches("wo?d", "wod")
    assert not matches("wo?d", "would")
    assert matches("stra??e", "Straße")  # strasse: two code points between a and e
    assert not matches("stra?e", "Straße")


def test_wildcards_in_the_middle_and_several() -> None:
    assert matches("c*l*r", "colour")
    assert matches("c*l*r", "color")
    assert not matches("c*l*r", "cola")
    assert matches("a*b*c", "abc")


@pytest.mark.parametrize("query", ["*apple", "?pple", '"social *media"', "#*tag", "e-*mail"])
def test_a_wildcard_cannot_start_a_term(query: str) -> None:
    result = validate(query)
    assert result
    assert any("wildcard" in p.message for p in result.problems)


# ---- {Exact} -------------------------------------------------------------------------------------


def test_braces_compare_the_nfc_word_exactly() -> None:
    assert matches("{Apple}", "I like Apple")
    assert not matches("{Apple}", "I like apple")
    assert not matches("{Apple}", "I like APPLE")
    assert matches("{Café}", "Cafe\u0301 Noir")  # NFC on both sides
    assert not matches("{Café}", "Cafe Noir")


def test_braced_phrase_is_exact_and_consecutive() -> None:
    assert matches('{"Exact Phrase"}', "an Exact Phrase here")
    assert not matches('{"Exact Phrase"}', "an exact phrase here")
    assert not matches('{"Exact Phrase"}', "Phrase Exact")


# ---- #tag and @handle ----------------------------------------------------------------------------


def test_tag_and_handle_terms_are_folded() -> None:
    assert matches("#BlackFriday", "#blackfriday deals")
    assert matches("@NIKE", "cc @nike")
    assert matches("#blm", "#BLM")


def test_tag_terms_take_wildcards() -> None:
    assert matches("#black*", "#BlackFriday")
    assert not matches("#black*", "black friday")


# ---- separators in unquoted terms ----------------------------------------------------------------


def test_unquoted_term_with_separators_is_a_phrase() -> None:
    assert parse("e-mail").describe() == '"e mail"'
    assert parse("don't").describe() == '"don t"'
    assert matches("e-mail", "send an e mail")
    assert matches("e-mail", "send an E-Mail")
    assert not matches("e-mail", "email")
    assert matches("don't", "I don’t know")
    assert matches("AT&T", "at&t store")
    assert not matches("AT&T", "at the store")


def test_typographic_quotes_are_quotes() -> None:
    for query in ["“apple juice”", "„apple juice“", "«apple juice»", "»apple juice«", "“apple juice\""]:
        assert parse(query).describe() == '"apple juice"', query
        assert matches(query, "apple juice")


def test_terms_in_nfd_are_read_in_nfc() -> None:
    assert matches("{Cafe\u0301}", "Café")
    assert matches("cafe\u0301", "CAFE")
