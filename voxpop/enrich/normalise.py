"""Enrichment step 1, normalise: repair mojibake, NFC, tidy white space, and list the links,
hashtags, @mentions and emoji a text carries.

Built on ``voxpop.ingest.normalise`` (the same link, tag and handle rules as ingest and the query
language); what this step adds is mojibake repair with ftfy, white-space tidying and emoji. The
hot path is short posts: ASCII text skips everything Unicode-related, and ftfy only runs on text
that holds a character pair that UTF-8 read as Windows-1252/Latin-1 produces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

from voxpop.ingest.normalise import extract_handles, extract_hashtags, split_links

STEP = "normalise"
VERSION = "1.0.0"


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """A text made ready for the other steps, and the entities found in it (in order, no repeats)."""

    text: str
    links: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    emoji: tuple[str, ...] = ()
    fixed_mojibake: bool = False


# A UTF-8 lead byte read as Latin-1/Windows-1252 (Â..ô) followed by a continuation byte read the
# same way (0x80-0xBF: C1 controls, Windows-1252's €‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ, or U+00A0-U+00BF).
# Real text almost never has such a pair ("Ã¸", "â€™", "Ð¿"), so ftfy, which costs tens of
# microseconds even on clean text, runs only when one is present.
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014" \
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
# White space other than space and newline (tabs, no-break and other Unicode spaces).
_ODD_SPACE = re.compile(r"[^\S\n ]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANKS = re.compile(r"\n{3,}")

# An emoji: a flag (two regional indicators), a keycap, or a pictograph with its variation
# selector / skin tone, joined by ZWJ into one sequence. Measured against the `emoji` package on
# the same texts (bench/clean_bench.py): same sequences, about twenty times faster.
#: Where emoji live (stdlib ``re`` is much faster than ``regex`` at saying "none here").
_MAYBE_EMOJI = re.compile("[\u203c-\u3299\U0001f000-\U0001faff]")
_EMOJI = regex.compile(
    r"\p{RI}\p{RI}|[#*0-9]\uFE0F?\u20E3"
    r"|\p{Extended_Pictographic}(?:\uFE0F|\p{EMod})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{EMod})?)*"
)


def normalise_text(text: str | None) -> NormalisedText:
    """The text repaired and tidied, with its links, hashtags, @mentions and emoji.

    Mojibake is repaired by ftfy (``fixed_mojibake`` says whether it changed anything); the
    text is NFC, without control characters or zero-width spaces, with runs of spaces and tabs
    made one space, lines trimmed and at most one blank line between paragraphs.
    """
    if not text:
        return NormalisedText("")
    fixed = False
    if not text.isascii():
        if _MOJIBAKE.search(text):
            import ftfy  # imported on first need: most texts never need it

            repaired = ftfy.fix_encoding(text)
            fixed = repaired != text
            text = repaired
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if _untidy(text):
        text = _BLANKS.sub("\n\n", "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")))
    text = text.strip()
    if "http" in text or "www." in text:
        links, bare = split_links(text)
    else:
        links, bare = [], text
    return NormalisedText(
        text=text,
        links=tuple(links),
        hashtags=tuple(extract_hashtags(bare, urls_removed=True)),
        mentions=tuple(extract_handles(bare, urls_removed=True)),
        emoji=() if text.isascii() or not _MAYBE_EMOJI.search(bare) else tuple(extract_emoji(bare)),
        fixed_mojibake=fixed,
    )


def _untidy(text: str) -> bool:
    """Whether white space needs tidying (plain ``in`` tests: a regex here cost ~6 µs a post)."""
    return (
        "  " in text or " \n" in text or "\n " in text or "\n\n\n" in text or "\t" in text
        or text[:1].isspace() or text[-1:].isspace() or (not text.isascii() and _ODD_SPACE.search(text) is not None)
    )


def extract_emoji(text: str) -> list[str]:
    """Emoji sequences in order, without repeats (©, ®, ™ and other text-style symbols count
    only when written with the emoji variation selector)."""
    found: dict[str, None] = {}
    for match in _EMOJI.finditer(text):
        value = match.group(0)
        if len(value) == 1 and ord(value) < 0x2300:
            continue  # ©, ®, ‼, ™, ↔ ...: text symbols unless followed by U+FE0F
        found[value] = None
    return list(found)
