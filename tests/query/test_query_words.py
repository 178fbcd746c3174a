"""Text, words and keys; hashtags and handles: the rules a mention's text is read with."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from voxpop.ingest.normalise import extract_handles, extract_hashtags, extract_links
from voxpop.query import analyse, parse
from voxpop.query.text import HANDLE, TAG, blank, find_urls, fold
from voxpop.records import Mention


def matches(query: str, **mention: object) -> bool:
    return parse(query).matches(mention)


def words(text: str) -> list[str]:
    return analyse({"text": text}).text.surfaces


# ---- words -------------------------------------------------------------------------------------


def test_separators_split_words() -> None:
    assert words("don't e-mail AT&T snake_case") == ["don", "t", "e", "mail", "AT", "T", "snake", "case"]


def test_digits_and_marks_belong_to_words() -> None:
    assert words("iPhone15 cafe\u0301!") == ["iPhone15", "café"]


def test_text_is_taken_in_nfc() -> None:
    decomposed = "Cafe\u0301"
    assert words(decomposed) == [unicodedata.normalize("NFC", decomposed)]


def test_each_emoji_is_a_word_of_its_own() -> None:
    assert words("love😀it 👍🏽👍 🇩🇰! ❤️") == ["love", "😀", "it", "👍🏽", "👍", "🇩🇰", "❤️"]
    assert matches("😀", text="love😀it")
    assert matches('"love 😀 it"', text="love😀it")


def test_zwj_sequence_is_one_emoji_word() -> None:
    assert words("family 👨\u200d👩\u200d👧 day") == ["family", "👨\u200d👩\u200d👧", "day"]


def test_trademark_sign_is_not_a_word() -> None:
    assert words("Nike™ shoes") == ["Nike", "shoes"]
    assert not matches("tm", text="Nike™ shoes")


def test_chinese_japanese_thai_characters_are_each_a_word() -> None:
    assert words("東京ラーメン") == ["東", "京", "ラ", "ー", "メ", "ン"]
    assert words("กินข้าว") == ["กิ", "น", "ข้", "า", "ว"]
    assert matches("東京", text="我爱東京")  # an unquoted run of such characters is a phrase of them
    assert not matches("東京", text="東 x 京")


# ---- keys --------------------------------------------------------------------------------------


def test_key_is_casefold_without_nonspacing_marks_of_nfkd() -> None:
    assert fold("Café") == "cafe"
    assert fold("marknadsföring") == "marknadsforing"
    assert fold("Øresund") == "øresund"  # ø has no decomposition
    assert fold("Straße") == "strasse"
    assert fold("ﬁne") == "fine"  # NFKD: the ligature is two letters


def test_matching_is_case_and_accent_insensitive() -> None:
    assert matches("cafe", text="Café au lait")
    assert matches("CAFÉ", text="cafe au lait")
    assert matches("marknadsforing", text="Kurs i marknadsföring")
    assert not matches("oresund", text="Øresundsbron: Øresund")
    assert matches("øresund", text="ØRESUND")


def test_sharp_s_folds_to_ss_inside_one_key() -> None:
    assert matches("strasse", text="Die Straße ist lang")
    assert matches("STRASSE", text="straße")
    assert not matches('"stra sse"', text="Straße")  # never split again
    assert not matches("stra", text="Straße")


def test_positions_count_words_only() -> None:
    sequence = analyse({"text": "Hello, world!!! — (again)"}).text
    assert sequence.keys == ["hello", "world", "again"]
    assert matches('"world again"', text="world!!! — (again)")


def test_urls_are_removed_from_the_words() -> None:
    text = "visit https://example.com/blue-shoes today, or www.shop.example/red now"
    assert words(text) == ["visit", "today", "or", "now"]
    assert matches('"visit today"', text=text)
    assert not matches("shoes", text=text)
    assert not matches("example", text=text)


def test_url_trailing_punctuation_is_not_part_of_the_url() -> None:
    found = find_urls("see (https://example.com/a_(b)), and www.x.org.")
    assert [f.url for f in found] == ["https://example.com/a_(b)", "http://www.x.org"]


# ---- title and body ----------------------------------------------------------------------------


def test_title_and_body_are_two_sequences() -> None:
    mention = {"title": "Fresh apple", "text": "juice for everyone"}
    assert matches("apple AND juice", **mention)
    assert matches("apple OR nothing", **mention)
    assert not matches('"apple juice"', **mention)
    assert not matches("apple NEAR/0 juice", **mention)
    assert matches('"fresh apple"', **mention)


def test_a_stored_mention_is_read_by_attributes() -> None:
    now = datetime(2024, 5, 1, tzinfo=UTC)
    mention = Mention(id=1, source_id=1, external_id="x", channel="reddit", text="Café #Launch by @acme",
                      published_at=now, collected_at=now, updated_at=now, version=1, title="News",
                      url="https://blog.example.com/p", author="acme", lang="da")
    assert not matches("cafe AND #launch AND @acme AND title:news")  # an empty mention
    query = parse("cafe AND #launch AND @acme AND title:news AND channel:reddit AND site:example.com AND lang:da")
    assert query.matches(mention)
    assert not parse("sentiment:positive").matches(mention)  # no sentiment on a Mention yet: unknown


# ---- hashtags and handles ----------------------------------------------------------------------


def test_tag_only_after_a_non_word_character() -> None:
    assert not analyse({"text": "I code in C# daily"}).text.tags
    assert not analyse({"text": "mail bob@x.com now"}).text.handles
    assert not matches("#daily", text="I code in C#daily")
    assert matches("#blm", text="(#BLM)")


def test_tag_is_letters_digits_marks_and_underscore() -> None:
    assert matches("#black_friday", text="Deals! #Black_Friday")
    assert not matches("#black", text="#black_friday")
    assert matches("black AND friday", text="#black_friday")
    assert matches('"black friday"', text="#black_friday")
    assert not analyse({"text": "#2024 #_"}).text.tags  # a tag needs a letter
    assert matches("#café", text="#CAFE\u0301")


def test_handle_allows_dots_and_dashes_inside() -> None:
    assert matches("@nike.bsky.social", text="via @nike.bsky.social.")
    assert matches("@jean-luc", text="cc @Jean-Luc")
    assert not matches("@nike", text="via @nike.bsky.social")


def test_fediverse_handle_also_matches_the_user_part() -> None:
    text = "thanks @user@host.social!"
    assert matches("@user@host.social", text=text)
    assert matches("@user", text=text)
    assert not matches("@host.social", text=text)
    assert not matches("@user@other.social", text=text)


def test_words_inside_tags_and_handles_are_ordinary_words() -> None:
    assert matches("blm", text="#BLM")
    assert not matches("#blm", text="BLM")
    assert matches("nike", text="@nike")
    assert not matches("@nike", text="nike")
    assert matches('"go blm now"', text="go #BLM now")


def test_tags_and_handles_in_urls_are_not_tags() -> None:
    assert not matches("#frag", text="see https://example.com/page#frag")


# ---- agreement with the ingest rules -----------------------------------------------------------

_ALPHABET = st.sampled_from(list("ab é_#@.-:/wht ps()!,\n") + ["www.", "http://", "https://", "ø", "1"])


@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_urls_tags_and_handles_agree_with_ingest(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    found = find_urls(text)
    assert _unique([f.url for f in found]) == extract_links(text)
    searched = blank(text, [(f.start, f.end) for f in found])
    assert _unique([m.group(1) for m in TAG.finditer(searched)]) == extract_hashtags(text)
    assert _unique([m.group(1) for m in HANDLE.finditer(searched)]) == extract_handles(text)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


# ---- any text ------------------------------------------------------------------------------------

_ACCENTED = st.sampled_from(list("aecoø ßAEC-'#@.") + ["e\u0301", "\u0301", "é", "ﬁ", "😀", "東", "\u200d", "https://x.y/"])


@given(st.lists(_ACCENTED, max_size=30).map("".join))
def test_nfc_and_nfd_texts_match_alike_and_spans_point_at_the_words(text: str) -> None:
    query = parse("e* OR a* OR c* OR o* OR #e* OR @a*")
    for form in ("NFC", "NFD"):
        original = unicodedata.normalize(form, text)
        assert query.matches({"text": original}) == query.matches({"text": unicodedata.normalize("NFC", text)})
        for start, end in query.highlights({"text": original}).get("text", []):
            assert 0 <= start < end <= len(original)
            piece = unicodedata.normalize("NFC", original[start:end])
            assert fold(piece.lstrip("#@"))[:1] in "eaco", (original, piece)


@given(st.text(max_size=200))
def test_any_text_can_be_analysed_and_matched(text: str) -> None:
    document = analyse({"title": text, "text": text, "links": [text], "url": text, "author": text})
    for query in ["a* OR #a* OR @a* OR links:a.com OR site:a.com OR url:a OR author:a*", '"a b"~2 NEAR/3 c*']:
        assert isinstance(parse(query).matches_document(document), bool)
    sequence = document.text
    assert len(sequence.keys) == len(sequence.spans) == len(sequence.surfaces)
    assert all(0 <= a < b <= len(text) for a, b in sequence.spans)
