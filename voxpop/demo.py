"""`voxpop demo`: a simulated multilingual stream, ingested into the workspace, then summarised."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from voxpop.store import Store
from voxpop.store.mentions import (
    MentionFilter,
    count_by,
    count_mentions,
    iter_mentions,
    list_mentions,
)
from voxpop.store.sources import SourceRow, add_source, find_source

DEMO_SOURCE = "demo"


def run_demo(store: Store, data_dir: Path, *, count: int,
             on_import: Callable[[SourceRow, dict[str, Any]], Any]) -> dict[str, Any]:
    """Simulate (once; later runs reuse the stream), import, and return the summary."""
    from voxpop.simulate import SimulationConfig, write_ndjson

    demo_dir = data_dir / "demo"
    demo_dir.mkdir(parents=True, exist_ok=True)
    stream_path = demo_dir / "stream.ndjson"
    manifest_path = demo_dir / "manifest.json"
    if not stream_path.exists() or not manifest_path.exists():
        end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        cfg = SimulationConfig(count=count, days=28, seed=7, end=end)
        tmp = stream_path.with_suffix(".partial")
        with tmp.open("wb") as f:
            write_ndjson(cfg, f)
        manifest_path.write_text(json.dumps(cfg.manifest(), indent=2, ensure_ascii=False, default=str))
        tmp.replace(stream_path)
    manifest = json.loads(manifest_path.read_text())
    with store.write() as conn:
        row = find_source(conn, name=DEMO_SOURCE)
        if row is None:
            row = add_source(conn, name=DEMO_SOURCE, kind="file", enabled=False,
                             config={"path": str(stream_path.resolve())})
    report = on_import(row, {"path": str(stream_path.resolve()), "format": "ndjson"})
    return summarise(store, manifest, report=report.as_dict() if report is not None else None)


def summarise(store: Store, manifest: dict[str, Any], *, report: dict[str, Any] | None = None) -> dict[str, Any]:
    filters = MentionFilter(source=DEMO_SOURCE)
    brands = manifest.get("brands", [])
    per_brand: Counter[str] = Counter()
    terms = {b["name"]: [a.lower() for a in [b["name"], *b.get("aliases", [])]] for b in brands}
    with store.read() as conn:
        total = count_mentions(conn, filters=filters)
        last_week = count_mentions(conn, filters=MentionFilter(
            source=DEMO_SOURCE, since=datetime.now(UTC) - timedelta(days=7)))
        # Saved queries arrive with the query engine; until then a brand is counted by its names.
        for m in iter_mentions(conn, filters=filters):
            haystack = f"{m.title or ''} {m.text}".lower()
            for name, names in terms.items():
                if any(n in haystack for n in names):
                    per_brand[name] += 1
        channels = count_by(conn, "channel", filters=filters)
        languages = count_by(conn, "lang", filters=filters, limit=30)
        latest = list_mentions(conn, filters=filters, limit=8)
    return {
        "mentions": total,
        "last_7_days": last_week,
        "import": report,
        "brands": dict(per_brand.most_common()),
        "channels": dict(channels),
        "languages": {k or "und": v for k, v in languages},
        "latest": [
            {"published_at": m.published_at.isoformat(), "channel": m.channel, "lang": m.lang,
             "author": m.author,
             "text": ((m.title + " — " if m.title else "") + m.text[:160]).replace("\n", " ")}
            for m in latest
        ],
        "campaign": manifest.get("campaign"),
        "crises": manifest.get("crises"),
    }


def print_summary(summary: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    console.print(f"\n[bold]voxpop demo workspace[/]: {summary['mentions']:,} mentions "
                  f"({summary['last_7_days']:,} in the last 7 days)", markup=True)

    def bars(title: str, data: dict[str, int]) -> None:
        table = Table(title=title, title_justify="left", show_header=False, box=None)
        peak = max(data.values(), default=1)
        for key, value in data.items():
            table.add_row(str(key), f"{value:>8,}", "█" * max(1, round(30 * value / peak)))
        console.print(table)

    bars("Mentions per brand", summary["brands"])
    bars("Channels", summary["channels"])
    bars("Languages", summary["languages"])
    console.print("\n[bold]Latest mentions[/]", markup=True)
    for m in summary["latest"]:
        console.print(f"  {m['published_at'][:16]} {m['channel']:10} {m['lang'] or '??'} "
                      f"@{m['author']}: {m['text'][:110]}", markup=False)
    console.print("\nNext: voxpop mentions list --help · voxpop export --help · voxpop source add --help")
