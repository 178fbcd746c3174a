"""Turn loosely typed field values from any source into the clean values of a MentionDraft.

Shared by every connector so that dates, counts, links, tags and handles mean the same
everywhere. Every function raises ``InvalidField`` with a message fit for the user.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import parsedate_to_datetime

import regex

#: Earliest and latest (relative to now) publication times accepted as real.
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=2)


class InvalidField(ValueError):
    """A field's value cannot be used; the message names the field and the problem."""


def parse_datetime(value: object, *, field: str, naive_tz: tzinfo = UTC, now: datetime | None = None) -> datetime:
    """ISO 8601 (with or without zone), RFC 2822, or Unix seconds (ms accepted) → aware UTC.

    Naive times are taken in ``naive_tz``. Times before 1990 or more than two days ahead of
    ``now`` are refused as absurd.
    """
    if value is None or value == "":
        raise InvalidField(f"{field} is missing")
    parsed: datetime
    if isinstance(value, bool):
        raise InvalidField(f"{field}: {value!r} is not a date")
    if isinstance(value, int | float):
        parsed = _from_epoch(float(value), field)
    elif isinstance(value, str):
        text = value.strip()
        parsed = _parse_text_datetime(text, field)
    elif isinstance(value, datetime):
        parsed = value
    else:
        raise InvalidField(f"{field}: {type(value).__name__} is not a date")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=naive_tz)
    parsed = parsed.astimezone(UTC)
    current = now or datetime.now(UTC)
    if parsed < EARLIEST or parsed > current + FUTURE_SLACK:
        raise InvalidField(f"{field}: {parsed.isoformat()} is an absurd date (before 1990 or in the future)")
    return parsed


def _from_epoch(seconds: float, field: str) -> datetime:
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        raise InvalidField(f"{field}: {seconds!r} is not a date")
    if abs(seconds) >= 1e11:  # milliseconds, as many exporters write them
        seconds /= 1000.0
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise InvalidField(f"{field}: {seconds!r} is out of range") from exc


def _parse_text_datetime(text: str, field: str) -> datetime:
    if not text:
        raise InvalidField(f"{field} is missing")
    if text[0].isdigit() and (text.replace(".", "", 1).isdigit()):
        return _from_epoch(float(text), field)
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        pass
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        raise InvalidField(f"{field}: {text[:40]!r} is not an ISO 8601, RFC 2822 or Unix date")
    return parsed


def parse_count(value: object, *, field: str) -> int | None:
    """A non-negative engagement or follower count, or None when unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidField(f"{field}: {value!r} is not a count")
    try:
        if isinstance(value, str):
            number = int(value.strip().replace(",", "").replace("_", ""))
        elif isinstance(value, int | float):
            number = int(value)
        else:
            raise TypeError(type(value).__name__)
    except (TypeError, ValueError, OverflowError) as exc:
        raise InvalidField(f"{field}: {str(value)[:30]!r} is not a whole number") from exc
    if number < 0:
        raise InvalidField(f"{field}: {number} is negative")
    if number > 2**62:
        raise InvalidField(f"{field}: {number} is implausibly large")
    return number


def clean_text(value: object, *, field: str, required: bool = False) -> str | None:
    """NFC text with control characters (except newlines and tabs) removed and ends trimmed."""
    if value is None:
        if required:
            raise InvalidField(f"{field} is missing")
        return None
    if not isinstance(value, str):
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        else:
            raise InvalidField(f"{field}: expected text, got {type(value).__name__}")
    if value.isprintable() and (value.isascii() or unicodedata.is_normalized("NFC", value)):
        text = value.strip()  # the common case: nothing to repair
    else:
        text = unicodedata.normalize("NFC", value)
        if _CONTROL.search(text):
            text = _CONTROL.sub("", text)
        text = text.strip()
    if required and not text:
        raise InvalidField(f"{field} is empty")
    return text or None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_WORD = r"\p{L}\p{N}\p{M}"
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\u201c\u201d]+", re.IGNORECASE)
_TAG = regex.compile(rf"(?<![{_WORD}_])#([{_WORD}_]*\p{{L}}[{_WORD}_]*)")
_HANDLE_PART = rf"[{_WORD}_](?:[{_WORD}_.\-]*[{_WORD}_])?"
_HANDLE = regex.compile(rf"(?<![{_WORD}_])@({_HANDLE_PART}(?:@{_HANDLE_PART})?)")
_TRAILING = ".,;:!?)]}'\u2019\u201d>"


def extract_links(text: str | None) -> list[str]:
    """URLs written in the text, trailing punctuation removed, in order, without repeats."""
    return split_links(text)[0]


def split_links(text: str | None) -> tuple[list[str], str]:
    """The URLs in the text, and the text with them blanked out (one pass for both)."""
    if not text:
        return [], ""
    found: list[str] = []
    pieces: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        url = match.group(0)
        while url and url[-1] in _TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        pieces.append(text[last:match.start()])
        pieces.append(" ")
        last = match.start() + len(url)
        if url.lower().startswith("www."):
            url = "http://" + url
        if url not in found:
            found.append(url)
    if not pieces:
        return [], text
    pieces.append(text[last:])
    return found, "".join(pieces)


def without_urls(text: str) -> str:
    """The text with URLs blanked out (tags and handles inside URLs are not tags or handles)."""
    return split_links(text)[1]


def extract_hashtags(text: str | None, *, urls_removed: bool = False) -> list[str]:
    """Hashtags (without '#') as the query language defines them, in order, without repeats."""
    if not text or "#" not in text:
        return []
    return _unique(m.group(1) for m in _TAG.finditer(text if urls_removed else without_urls(text)))


def extract_handles(text: str | None, *, urls_removed: bool = False) -> list[str]:
    """@handles (without the first '@') as the query language defines them, without repeats."""
    if not text or "@" not in text:
        return []
    return _unique(m.group(1) for m in _HANDLE.finditer(text if urls_removed else without_urls(text)))


def _unique(values: object) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for value in values:  # type: ignore[attr-defined]
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


def content_hash(*parts: str | None) -> str:
    """A stable digest of the parts that define an item's content (edits change it)."""
    joined = "\x1f".join(part or "" for part in parts)
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def normalise_lang(value: object, *, field: str = "lang") -> str | None:
    """An ISO 639-1 code (lower case, region dropped: 'en-GB' → 'en'), or None."""
    text = clean_text(value, field=field)
    if text is None:
        return None
    code = text.replace("_", "-").split("-", 1)[0].lower()
    if code in {"und", "unknown", "xx", "zxx"}:
        return None
    if not (2 <= len(code) <= 3 and code.isascii() and code.isalpha()):
        raise InvalidField(f"{field}: {text[:20]!r} is not a language code")
    return code


def normalise_country(value: object, *, field: str = "country") -> str | None:
    text = clean_text(value, field=field)
    if text is None:
        return None
    code = text.upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise InvalidField(f"{field}: {text[:20]!r} is not an ISO 3166 alpha-2 code")
    return code
