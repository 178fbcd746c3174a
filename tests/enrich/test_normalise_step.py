"""The normalise step: mojibake repaired, Unicode and white space tidied, entities listed."""

from __future__ import annotations

import unicodedata

from voxpop.enrich.normalise import STEP, VERSION, NormalisedText, extract_emoji, normalise_text


def test_step_name_and_version() -> None:
    assert (STEP, VERSION) == ("normalise", "1.0.0")


def test_mojibake_is_repaired_in_several_languages() -> None:
    danish = normalise_text("SmÃ¸rrebrÃ¸d pÃ¥ KÃ¸benhavns HovedbanegÃ¥rd")
    assert danish.text == "Smørrebrød på Københavns Hovedbanegård"
    assert danish.fixed_mojibake
    assert normalise_text("Ã˜l og Ã¦bler").text == "Øl og æbler"  # Windows-1252 mojibake
    french = normalise_text("Le cafÃ© Ã©tait trÃ¨s bon â€“ vraiment.")
    assert french.text == "Le café était très bon – vraiment."
    assert normalise_text("Ð¿Ñ€Ð¸Ð²ÐµÑ‚").text == "привет"


def test_clean_text_is_left_alone_and_not_flagged() -> None:
    for text in ("Crème brûlée à Paris, São Paulo og Æbleskiver.", "Ärlig talat är det gott.", "Plain ASCII text."):
        result = normalise_text(text)
        assert result.text == text
        assert not result.fixed_mojibake


def test_nfc_control_characters_and_white_space() -> None:
    decomposed = unicodedata.normalize("NFD", "Økologisk kaffe")
    result = normalise_text(f"  {decomposed}\u200b\t  er\u00a0godt \r\n\n\n\nNy linje\x07  ")
    assert result.text == "Økologisk kaffe er godt\n\nNy linje"
    assert unicodedata.is_normalized("NFC", result.text)


def test_links_hashtags_mentions_and_emoji_are_extracted() -> None:
    result = normalise_text("Ny latte hos @Starbucks 😡👎🏽 #kaffe #kaffe https://starbucks.dk/menu?x=1. 🇩🇰")
    assert result.links == ("https://starbucks.dk/menu?x=1",)
    assert result.hashtags == ("kaffe",)
    assert result.mentions == ("Starbucks",)
    assert result.emoji == ("😡", "👎🏽", "🇩🇰")


def test_emoji_sequences_stay_whole_and_text_symbols_are_not_emoji() -> None:
    assert extract_emoji("Familien 👨‍👩‍👧 elsker ☕️ og 1️⃣") == ["👨‍👩‍👧", "☕️", "1️⃣"]
    assert extract_emoji("© 2024 Brand™ ®") == []


def test_empty_text() -> None:
    assert normalise_text("") == NormalisedText("")
    assert normalise_text(None) == NormalisedText("")
