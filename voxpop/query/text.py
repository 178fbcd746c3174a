"""Words, keys, tags, handles and URLs of a text, as the query language defines them.

Both sides use these rules: a mention's title and body are analysed with them, and a query's
terms are split and folded with them, so that a term and a text agree on what a word is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

# Scripts written without spaces: each of their letters is a word of its own (spec: "out of
# scope for now"). Marks that follow such a letter stay with it.
_NOSPACE = r"[[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]&&[\p{L}\p{N}]]"
# An emoji: a flag (two regional indicators), or a pictograph with its variation selector, skin
# tone, tag characters and zero-width-joined companions. Pictographs below U+2200 (©, ®, ™, ‼,
# arrows) count only when written with the emoji variation selector U+FE0F, so that "Nike™" does
# not gain a word "tm".
_EMOJI_TAIL = r"[\ufe0f\p{Emoji_Modifier}\U000e0020-\U000e007f]*"
_EMOJI = (
    r"(?:\p{Regional_Indicator}{2}"
    r"|(?:[\p{Extended_Pictographic}--[\x00-\u21ff]]|[\p{Extended_Pictographic}&&[\x00-\u21ff]]\ufe0f)"
    rf"{_EMOJI_TAIL}(?:\u200d\p{{Extended_Pictographic}}{_EMOJI_TAIL})*"
    r"|\p{Regional_Indicator})"
)
_RUN = rf"[[\p{{L}}\p{{N}}\p{{M}}]--{_NOSPACE}]"
_QUERY_RUN = rf"[[\p{{L}}\p{{N}}\p{{M}}*?]--{_NOSPACE}]"

#: A word of a text: an emoji, a letter of a script without spaces, or a run of L, N and M.
WORD = regex.compile(rf"{_EMOJI}|{_NOSPACE}\p{{M}}*|{_RUN}+", regex.V1)
#: A word of a query term: the same, with the wildcards ``*`` and ``?`` counted as word characters.
QUERY_WORD = regex.compile(rf"{_EMOJI}|{_NOSPACE}\p{{M}}*[*?]*|{_QUERY_RUN}+", regex.V1)

# Tags and handles: the same patterns as voxpop.ingest.normalise (tests check that they agree).
_WORD_CLASS = r"\p{L}\p{N}\p{M}"
TAG = regex.compile(rf"(?<![{_WORD_CLASS}_])#([{_WORD_CLASS}_]*\p{{L}}[{_WORD_CLASS}_]*)")
_HANDLE_PART = rf"[{_WORD_CLASS}_](?:[{_WORD_CLASS}_.\-]*[{_WORD_CLASS}_])?"
HANDLE = regex.compile(rf"(?<![{_WORD_CLASS}_])@({_HANDLE_PART}(?:@{_HANDLE_PART})?)")

# URLs: the same pattern and trailing-punctuation rule as voxpop.ingest.normalise.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\u201c\u201d]+", re.IGNORECASE)
_TRAILING = frozenset(".,;:!?)]}'\u2019\u201d>")


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """A word's key: ``casefold(remove_category_Mn(NFKD(word)))``; never split again."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").casefold()


def is_word_char(char: str) -> bool:
    """Letters, digits and marks: the characters words are made of."""
    return unicodedata.category(char)[0] in "LNM"


@dataclass(frozen=True, slots=True)
class Found:
    """A URL found in a text: where it is (in the text searched) and its value as a link."""

    start: int
    end: int
    url: str


def find_urls(text: str) -> list[Found]:
    """The URLs written in the text, trailing punctuation left out, ``www.`` ones given ``http://``."""
    found: list[Found] = []
    if "://" not in text and "www." not in text.lower():
        return found
    for match in _URL.finditer(text):
        url = match.group(0)
        opens, closes = url.count("("), url.count(")")
        end = len(url)
        while end and url[end - 1] in _TRAILING:
            if url[end - 1] == ")":
                if opens >= closes:
                    break
                closes -= 1
            end -= 1
        url = url[:end]
        found.append(Found(match.start(), match.start() + end, "http://" + url if url[:4].lower() == "www." else url))
    return found


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span replaced by as many spaces (offsets stay valid)."""
    if not spans:
        return text
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


class Normalised:
    """A string in NFC, with a way back from its offsets to offsets in the original string."""

    __slots__ = ("original", "text", "_starts", "_ends")

    def __init__(self, original: str) -> None:
        self.original = original
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        if original.isascii() or unicodedata.is_normalized("NFC", original):
            self.text = original
            return
        self.text, self._starts, self._ends = _nfc_with_offsets(original)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original string that the NFC span [start, end) came from."""
        if self._starts is None or self._ends is None:
            return start, end
        if end <= start:
            at = self._starts[start] if start < len(self._starts) else len(self.original)
            return at, at
        return self._starts[start], self._ends[end - 1]

    def original_offset(self, offset: int) -> int:
        """The offset in the original string of the NFC offset (the end maps to the end)."""
        if self._starts is None:
            return offset
        return self._starts[offset] if offset < len(self._starts) else len(self.original)


def _nfc_with_offsets(original: str) -> tuple[str, list[int], list[int]]:
    """NFC of ``original`` built chunk by chunk, each NFC character knowing its original span.

    A chunk starts at a starter (combining class 0) that does not compose with what precedes
    it, so the NFC of the chunks, joined, is the NFC of the whole.
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(chunk_start: int, chunk_end: int, normal: str) -> None:
        pieces.append(normal)
        if len(normal) == chunk_end - chunk_start:
            starts.extend(range(chunk_start, chunk_end))
            ends.extend(range(chunk_start + 1, chunk_end + 1))
        else:
            starts.extend([chunk_start] * len(normal))
            ends.extend([chunk_end] * len(normal))

    nfc = unicodedata.normalize
    chunk_start = 0
    length = len(original)
    for i in range(1, length + 1):
        if i < length:
            char = original[i]
            if unicodedata.combining(char) or not _starts_chunk(original, chunk_start, i):
                continue
        emit(chunk_start, i, nfc("NFC", original[chunk_start:i]))
        chunk_start = i
    text = "".join(pieces)
    if text != nfc("NFC", original):  # a composition this chunking missed: fall back to proportion
        text = nfc("NFC", original)
        scale = len(original) / max(1, len(text))
        starts = [min(len(original), int(i * scale)) for i in range(len(text))]
        ends = [min(len(original), max(s + 1, int((i + 1) * scale))) for i, s in enumerate(starts)]
    return text, starts, ends


def _starts_chunk(original: str, chunk_start: int, i: int) -> bool:
    char = original[i]
    if char < "\u0300":
        return True
    # Only the last few characters can compose with this one (Hangul L+V+T is the longest case).
    before = original[max(chunk_start, i - 8):i]
    nfc = unicodedata.normalize
    return nfc("NFC", before + char) == nfc("NFC", before) + nfc("NFC", char)


def fold_with_offsets(value: str) -> tuple[str, list[int]]:
    """``value.casefold()`` and, for each folded character, the index of the character it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(value):
        piece = char.casefold()
        folded.append(piece)
        origin.extend([index] * len(piece))
    return "".join(folded), origin
