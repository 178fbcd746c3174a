"""Write a simulated stream as NDJSON (one UTF-8 JSON object per line), counting as it goes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any

import orjson

from voxpop.simulate.config import SimulationConfig
from voxpop.simulate.stream import simulate_with_truth

_BATCH = 2000


@dataclass(slots=True)
class SimulationStats:
    """What was written: totals and counts per language, channel and kind of mention."""

    count: int = 0
    bytes: int = 0
    first_published_at: str | None = None
    last_published_at: str | None = None
    languages: Counter[str] = field(default_factory=Counter)
    channels: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "bytes": self.bytes,
            "first_published_at": self.first_published_at,
            "last_published_at": self.last_published_at,
            "languages": dict(sorted(self.languages.items())),
            "channels": dict(sorted(self.channels.items())),
            "kinds": dict(sorted(self.kinds.items())),
        }


def write_ndjson(cfg: SimulationConfig, fileobj: IO[bytes], *, truth: IO[bytes] | None = None) -> SimulationStats:
    """Write the stream to a binary file object; optionally each mention's truth to ``truth``.

    Truth lines are ``{"id": ..., "kind": ..., "brand": ..., "sentiment": ..., "original_id": ...,
    "event": ...}``, in the same order as the mentions.
    """
    stats = SimulationStats()
    dumps = orjson.dumps
    newline = orjson.OPT_APPEND_NEWLINE
    lines: list[bytes] = []
    truths: list[bytes] = []
    languages = stats.languages
    channels = stats.channels
    kinds = stats.kinds
    written = 0
    last = None
    for record, fact in simulate_with_truth(cfg):
        line = dumps(record, option=newline)
        lines.append(line)
        written += len(line)
        languages[record["lang"]] += 1
        channels[record["channel"]] += 1
        kinds[fact.kind] += 1
        last = record["published_at"]
        if stats.first_published_at is None:
            stats.first_published_at = last
        if truth is not None:
            truths.append(dumps({"id": record["id"], **fact._asdict()}, option=newline))
        if len(lines) >= _BATCH:
            stats.count += len(lines)
            fileobj.write(b"".join(lines))
            lines.clear()
            if truth is not None:
                truth.write(b"".join(truths))
                truths.clear()
    if lines:
        stats.count += len(lines)
        fileobj.write(b"".join(lines))
    if truth is not None and truths:
        truth.write(b"".join(truths))
    stats.bytes = written
    stats.last_published_at = last
    return stats
