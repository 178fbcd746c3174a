"""Turning untrusted mention text into HTML safely: escape first, then mark the matched spans;
links only when http(s). And the small SVG chart geometry the dashboard draws server-side."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup, escape


def highlighted(text: str | None, spans: list[tuple[int, int]] | None) -> Markup:
    """``text`` escaped, with <mark> around each (start, end) span. Spans are code point offsets
    into the original text (as Query.highlights gives them), so they are applied before escaping
    changes any length; each piece is escaped on its own."""
    if not text:
        return Markup("")
    out: list[Markup] = []
    position = 0
    for start, end in sorted(spans or []):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        out.append(escape(text[position:start]))
        out.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        position = end
    out.append(escape(text[position:]))
    return Markup("").join(out)


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) with a host; None for javascript:, data: and anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    points: str  # "x,y x,y ..." for <polyline points>
    total: int
    css: str


@dataclass(frozen=True, slots=True)
class LineChart:
    width: int
    height: int
    series: list[Series]
    days: list[str]
    peak: int
    ticks: list[tuple[float, str]]  # x position, label


def line_chart(volumes: dict[str, dict[str, int]], days: list[str], *, width: int = 720,
               height: int = 220, pad: int = 30) -> LineChart:
    """Daily counts per named series as polylines over the same days (missing days count 0)."""
    peak = max([1, *(max(v.values(), default=0) for v in volumes.values())])
    step = (width - 2 * pad) / max(1, len(days) - 1)
    series = []
    for i, (name, per_day) in enumerate(volumes.items()):
        points = " ".join(
            f"{pad + j * step:.1f},{height - pad - (per_day.get(d, 0) / peak) * (height - 2 * pad):.1f}"
            for j, d in enumerate(days))
        series.append(Series(name, points, sum(per_day.values()), f"series-{i % 8}"))
    every = max(1, len(days) // 6)
    ticks = [(pad + j * step, d[5:]) for j, d in enumerate(days) if j % every == 0]
    return LineChart(width, height, series, days, peak, ticks)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    share: float  # of the total, 0..1
    width: float  # px
    css: str


def bars(counts: list[tuple[str, int]], *, width: int = 250) -> list[Bar]:
    total = sum(n for _, n in counts) or 1
    peak = max([1, *(n for _, n in counts)])
    return [Bar(label, n, n / total, max(1.0, width * n / peak), f"series-{i % 8}")
            for i, (label, n) in enumerate(counts)]


@dataclass(frozen=True, slots=True)
class AlertChart:
    width: int
    height: int
    observed: str  # polyline points
    expected: str  # polyline points ("" when there is no history to expect from)
    window: tuple[float, float]  # x from, x to: the alert's span
    peak: float
    ticks: list[tuple[float, str]]


def alert_chart(points: list[tuple[str, float, float | None]], window: tuple[int, int], *, width: int = 720,
                height: int = 220, pad: int = 30) -> AlertChart:
    """Observed and expected counts per bucket (label, observed, expected) as two polylines, with
    the alert's span (bucket indexes from, to) shaded."""
    peak = max([1.0, *(max(o, e or 0.0) for _, o, e in points)])
    step = (width - 2 * pad) / max(1, len(points) - 1)

    def y(value: float) -> float:
        return height - pad - value / peak * (height - 2 * pad)

    observed = " ".join(f"{pad + i * step:.1f},{y(o):.1f}" for i, (_, o, _) in enumerate(points))
    expected = " ".join(f"{pad + i * step:.1f},{y(e):.1f}" for i, (_, _, e) in enumerate(points) if e is not None)
    every = max(1, len(points) // 6)
    ticks = [(pad + i * step, label) for i, (label, _, _) in enumerate(points) if i % every == 0]
    first, last = window
    return AlertChart(width, height, observed, expected, (pad + first * step, pad + max(first, last) * step + 1),
                      peak, ticks)
