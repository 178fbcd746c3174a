"""Streaming readers: each yields one record at a time with its location and a resume position.

Memory stays bounded whatever the file size: a record larger than the cap is skipped while it
is read (never held whole) and reported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import regex

_CHUNK = 1 << 20


@dataclass(slots=True)
class RawRecord:
    """One record as read: its parsed object (or the problem), its bytes, where it was."""

    number: int  # 1-based line (NDJSON, CSV) or element index (JSON array)
    data: dict[str, Any] | None
    raw: bytes
    problem: str | None
    resume: dict[str, int]  # where to restart after this record


def detect_format(path: Path, head: bytes) -> str:
    suffix = "".join(path.suffixes[-2:]).lower()
    for ext, fmt in ((".ndjson", "ndjson"), (".jsonl", "ndjson"), (".csv", "csv"), (".tsv", "csv")):
        if ext in suffix:
            return fmt
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"{"):
        return "ndjson"
    if suffix.endswith(".json"):
        return "json"
    return "csv"


def _decode_object(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as uexc:
            return None, f"invalid UTF-8 at byte {uexc.start} of the record"
        return None, f"malformed JSON: {exc}"
    if not isinstance(value, dict):
        return None, f"expected a JSON object, found {type(value).__name__}"
    return value, None


def read_ndjson(stream: BinaryIO, *, max_bytes: int, start: dict[str, int]) -> Iterator[RawRecord]:
    offset = start.get("offset", 0)
    number = start.get("line", 0)
    stream.seek(offset)
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        offset += len(line)
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # Too long: skip to the end of the line without holding it.
            skipped = len(line)
            while True:
                rest = stream.readline(_CHUNK)
                offset += len(rest)
                skipped += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield RawRecord(
                number,
                None,
                line[:200],
                f"record of {skipped:,} bytes is over the {max_bytes:,}-byte cap",
                {"offset": offset, "line": number},
            )
            continue
        body = line.strip()
        if not body:
            continue
        if len(body) > max_bytes:
            yield RawRecord(
                number,
                None,
                body[:200],
                f"record of {len(body):,} bytes is over the {max_bytes:,}-byte cap",
                {"offset": offset, "line": number},
            )
            continue
        data, problem = _decode_object(body)
        yield RawRecord(number, data, body, problem, {"offset": offset, "line": number})


_SURROGATE = regex.compile("[\udc80-\udcff]")


def read_csv(stream: BinaryIO, *, max_bytes: int, start: dict[str, int]) -> Iterator[RawRecord]:
    bom = stream.read(2)
    stream.seek(0)
    # Spreadsheet "Unicode text" exports are UTF-16 with a byte-order mark; everything else is UTF-8.
    encoding = "utf-16" if bom in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    sample = text.read(64 * 1024)
    text.seek(0)
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max_bytes)
    reader = csv.reader(text, dialect)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield RawRecord(1, None, b"", f"unreadable CSV header: {exc}", {"records": 0})
        return
    header = [h.strip() for h in header]
    if _SURROGATE.search("".join(header)):
        yield RawRecord(1, None, b"", "invalid UTF-8 in the CSV header", {"records": 0})
        return
    skip = start.get("records", 0)
    index = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            index += 1
            if index > skip:
                yield RawRecord(
                    reader.line_num, None, b"", f"malformed CSV row: {exc}", {"records": index}
                )
            continue
        index += 1
        if index <= skip:
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        line = reader.line_num
        joined = "\x1f".join(row)
        if _SURROGATE.search(joined):
            raw = joined.encode("utf-8", "surrogateescape")[:200]
            yield RawRecord(line, None, raw, "invalid UTF-8 in the row", {"records": index})
            continue
        if len(row) > len(header):
            yield RawRecord(
                line,
                None,
                joined.encode()[:200],
                f"row has {len(row)} fields but the header has {len(header)}",
                {"records": index},
            )
            continue
        data = {k: v for k, v in zip(header, row, strict=False) if k}
        raw = orjson.dumps(data)
        if len(raw) > max_bytes:
            yield RawRecord(
                line,
                None,
                raw[:200],
                f"record of {len(raw):,} bytes is over the {max_bytes:,}-byte cap",
                {"records": index},
            )
            continue
        yield RawRecord(line, data, raw, None, {"records": index})


_STRUCT = regex.compile(rb'["{}\[\]]')
_IN_STRING = regex.compile(rb'["\\]')


def read_json_array(
    stream: BinaryIO, *, max_bytes: int, start: dict[str, int]
) -> Iterator[RawRecord]:
    """Split a top-level JSON array into its elements without parsing the whole file.

    A small scanner tracks strings and nesting depth and hands each element's bytes to orjson;
    an element growing past the cap stops being kept while it is scanned.
    """
    buf = b""
    pos = 0  # scan position in buf
    offset = 0  # file offset of buf[0]
    depth = 0
    in_string = False
    started = False
    element_start: int | None = None  # index in buf of the current element, while kept
    element_abs = 0  # file offset where the current element began
    discarding = False
    index = 0
    skip = start.get("records", 0)

    def refill() -> bool:
        nonlocal buf, pos, offset, element_start, discarding
        if element_start is not None and not discarding and len(buf) - element_start > max_bytes:
            discarding = True
        keep_from = element_start if element_start is not None and not discarding else pos
        offset += keep_from
        buf = buf[keep_from:]
        pos -= keep_from
        if element_start is not None and not discarding:
            element_start = 0
        chunk = stream.read(_CHUNK)
        buf += chunk
        return bool(chunk)

    while True:
        if pos >= len(buf) and not refill():
            break
        if not started:
            stripped = buf[pos:].lstrip(b"\xef\xbb\xbf \t\r\n")
            if not stripped:
                pos = len(buf)
                continue
            if not stripped.startswith(b"["):
                yield RawRecord(
                    1, None, stripped[:200], "the file is not a JSON array", {"records": 0}
                )
                return
            pos = len(buf) - len(stripped) + 1
            depth = 1
            started = True
            continue
        if in_string:
            m = _IN_STRING.search(buf, pos)
            if m is None:
                pos = len(buf)
            elif m.group() == b'"':
                in_string = False
                pos = m.end()
            elif m.end() < len(buf):  # a backslash: skip it and the escaped character
                pos = m.end() + 1
            else:  # the escaped character is in the next chunk
                pos = m.start()
                if not refill():
                    break
                pos += 2
            continue
        if depth == 1 and element_start is None and not discarding:
            while pos < len(buf) and buf[pos] in b" \t\r\n,":
                pos += 1
            if pos >= len(buf):
                continue
            ch = buf[pos : pos + 1]
            if ch == b"]":
                return
            index += 1
            if ch != b"{" and ch != b"[":
                end = pos
                while end < len(buf) and buf[end] not in b",]":
                    end += 1
                if index > skip:
                    yield RawRecord(
                        index,
                        None,
                        buf[pos:end][:200],
                        "expected a JSON object",
                        {"records": index},
                    )
                pos = end
                continue
            element_start = pos
            element_abs = offset + pos
        m = _STRUCT.search(buf, pos)
        if m is None:
            pos = len(buf)
            continue
        ch = m.group()
        pos = m.end()
        if ch == b'"':
            in_string = True
        elif ch in (b"{", b"["):
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return
            if depth == 1:
                size = offset + pos - element_abs
                element = b"" if discarding or element_start is None else buf[element_start:pos]
                element_start = None
                was_discarded, discarding = discarding, False
                if index <= skip:
                    continue
                resume = {"records": index}
                if was_discarded or size > max_bytes:
                    yield RawRecord(
                        index,
                        None,
                        element[:200],
                        f"record of {size:,} bytes is over the {max_bytes:,}-byte cap",
                        resume,
                    )
                    continue
                data, problem = _decode_object(element)
                yield RawRecord(index, data, element, problem, resume)
    if not started:
        return
    yield RawRecord(
        index + 1, None, b"", "the JSON array ends early (truncated file?)", {"records": index}
    )
