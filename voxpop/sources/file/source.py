"""The ``file`` source: read an export, hand out batches whose cursor lets a killed import resume."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

from voxpop.ingest.normalise import InvalidField
from voxpop.records import Reject
from voxpop.settings import Settings
from voxpop.sources.base import Batch, SourceConfigError, SourceGone
from voxpop.sources.file.parse import FieldMap, RecordParser
from voxpop.sources.file.readers import detect_format, read_csv, read_json_array, read_ndjson

#: Files at least this big are read and parsed in a second process while this one writes.
PARALLEL_MIN_BYTES = 8 << 20

READERS = {"ndjson": read_ndjson, "csv": read_csv, "json": read_json_array}
FORMATS = ("auto", *READERS)


def fingerprint(path: Path) -> str:
    """Identifies a file's content cheaply: its size and first 64 KiB."""
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(65536)
    return hashlib.blake2b(head + str(size).encode(), digest_size=12).hexdigest()


class FileSource:
    kind: ClassVar[str] = "file"
    description: ClassVar[str] = "CSV, JSON-array and NDJSON exports (interchange format, --map for others)"

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> dict[str, Any]:
        unknown = set(config) - {"path", "format", "map", "channel"}
        if unknown:
            raise SourceConfigError(f"file source: unknown option(s) {', '.join(sorted(unknown))}")
        if not config.get("path"):
            raise SourceConfigError("file source needs path=FILE")
        fmt = config.get("format", "auto")
        if fmt not in FORMATS:
            raise SourceConfigError(f"file source: format must be one of {', '.join(FORMATS)}")
        try:
            mapping = FieldMap(config.get("map")).as_config()
        except ValueError as exc:
            raise SourceConfigError(str(exc)) from exc
        cleaned: dict[str, Any] = {"path": str(config["path"]), "format": fmt}
        if mapping:
            cleaned["map"] = mapping
        if config.get("channel"):
            cleaned["channel"] = str(config["channel"]).lower()
        return cleaned

    def __init__(self, *, source_id: int, name: str, config: dict[str, Any], settings: Settings,
                 client: Any = None) -> None:
        self.source_id = source_id
        self.name = name
        self.config = self.validate_config(config)
        self.settings = settings
        self.path = Path(self.config["path"]).expanduser()
        self.parser = RecordParser(
            naive_tz=settings.naive_tz,
            fields=FieldMap(self.config.get("map")),
            default_channel=self.config.get("channel", "file"),
        )

    def collect(self, cursor: dict[str, Any]) -> Iterator[Batch]:
        if not self.path.is_file():
            raise SourceGone(f"{self.path}: no such file")
        try:
            fp = fingerprint(self.path)
        except OSError as exc:
            raise SourceGone(f"{self.path}: cannot read: {exc.strerror}") from exc
        files: dict[str, Any] = dict(cursor.get("files", {}))
        state = files.get(fp, {})
        start = {} if state.get("complete") else state.get("resume", {})
        yield from self._read(fp, files, start)

    def wants_reader_process(self) -> bool:
        """Large files are parsed in a reader process while this one writes (ingest/runner.py)."""
        try:
            return self.path.stat().st_size >= PARALLEL_MIN_BYTES
        except OSError:
            return False

    def _read(self, fp: str, files: dict[str, Any], start: dict[str, int]) -> Iterator[Batch]:
        """Read and parse from ``start``; each batch carries the cursor that resumes after it."""
        total = self.path.stat().st_size
        batch_size = self.settings.import_batch_size
        label = self.path.name
        with self.path.open("rb") as compressed, _maybe_gunzip(compressed) as stream:
            fmt = self.config["format"]
            if fmt == "auto":
                name = self.path.with_suffix("") if self.path.suffix.lower() == ".gz" else self.path
                fmt = detect_format(name, stream.read(4096))
                stream.seek(0)
            reader = READERS[fmt]
            batch = Batch()
            resume: dict[str, int] = dict(start)
            for record in reader(stream, max_bytes=self.settings.max_record_bytes, start=start):
                resume = record.resume
                if record.data is None:
                    reason = record.problem or "unreadable"
                    batch.rejects.append(Reject(f"{label}:{record.number}", reason, _excerpt(record.raw)))
                else:
                    try:
                        batch.mentions.append(self.parser.parse(record.data, record.raw))
                    except InvalidField as exc:
                        batch.rejects.append(Reject(f"{label}:{record.number}", str(exc), _excerpt(record.raw)))
                if len(batch.mentions) + len(batch.rejects) >= batch_size:
                    files[fp] = {"path": str(self.path), "resume": resume, "complete": False}
                    batch.cursor = {"files": dict(files)}
                    batch.progress = (_position(compressed, stream, resume), total)
                    yield batch
                    batch = Batch()
            files[fp] = {"path": str(self.path), "resume": resume, "complete": True}
            batch.cursor = {"files": dict(files)}
            batch.progress = (total, total)
            yield batch




def _maybe_gunzip(stream: BinaryIO) -> BinaryIO:
    """gzip-compressed exports are read as they are; offsets then count uncompressed bytes."""
    magic = stream.read(2)
    stream.seek(0)
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return contextlib.nullcontext(stream)  # type: ignore[return-value]


def _position(file: BinaryIO, stream: BinaryIO, resume: dict[str, int]) -> int:
    """Bytes of the file on disk consumed so far, for the progress bar."""
    if file is stream and "offset" in resume:
        return resume["offset"]
    try:
        return int(file.tell())
    except (OSError, ValueError):
        return 0


def _excerpt(raw: bytes) -> str:
    return raw[:200].decode("utf-8", "replace")
