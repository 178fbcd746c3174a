"""`voxpop demo`: a simulated multilingual stream, ingested into the workspace, then summarised."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from voxpop.store import Store
from voxpop.store.mentions import (
    MentionFilter,
    count_by,
    count_mentions,
    list_mentions,
)
from voxpop.store.queries import add_query, list_queries, match_counts
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
    add_demo_queries(store, manifest)
    report = on_import(row, {"path": str(stream_path.resolve()), "format": "ndjson"})
    return summarise(store, manifest, report=report.as_dict() if report is not None else None)


def _word_query(term: str) -> str:
    """A brand or alias as the query language writes it: one word gets a wildcard so inflected
    forms match (Finnish 'Lumoran', 'Voltikilta'); several words are a phrase."""
    words = term.split()
    return f"{words[0]}*" if len(words) == 1 else '"' + term.replace('"', "") + '"'


def demo_queries(manifest: dict[str, Any]) -> dict[str, str]:
    """Saved queries a marketer would write for the simulated world: one per brand, one per
    crisis (brand and issue terms in every language), one for the campaign hashtag."""
    found: dict[str, str] = {}
    for brand in manifest.get("brands", []):
        terms = [_word_query(brand["name"].split()[0])]
        first = brand["name"].split()[0].lower()
        terms += [_word_query(alias) for alias in brand.get("aliases", [])
                  if " " in alias and alias.split()[0].lower() != first]  # Lumora* covers "Lumora Electronics"
        if brand.get("domain"):
            terms.append(f"links:{brand['domain']}")
        found[brand["name"]] = " OR ".join(dict.fromkeys(terms))
    for crisis in manifest.get("crises") or []:
        words = sorted({w for terms in crisis.get("terms", {}).values() for w in terms if w.isalpha()})
        issue = " OR ".join(f"{w}*" for w in words)
        brand = _word_query(crisis["brand"].split()[0])
        if issue:
            found[f"{crisis['brand']} · {crisis['issue'].replace('_', ' ')}"] = f"{brand} AND ({issue})"
    campaign = manifest.get("campaign")
    if campaign and campaign.get("hashtag"):
        found[f"campaign {campaign['hashtag']}"] = campaign["hashtag"]
    return found


def add_demo_queries(store: Store, manifest: dict[str, Any]) -> None:
    with store.write() as conn:
        existing = {q.name for q in list_queries(conn)}
        for name, text in demo_queries(manifest).items():
            if name not in existing:
                add_query(conn, name=name, text=text)


def summarise(store: Store, manifest: dict[str, Any], *, report: dict[str, Any] | None = None) -> dict[str, Any]:
    filters = MentionFilter(source=DEMO_SOURCE)
    with store.read() as conn:
        total = count_mentions(conn, filters=filters)
        last_week = count_mentions(conn, filters=MentionFilter(
            source=DEMO_SOURCE, since=datetime.now(UTC) - timedelta(days=7)))
        counts = match_counts(conn)
        per_query = {q.name: counts.get(q.id, 0) for q in list_queries(conn)}
        channels = count_by(conn, "channel", filters=filters)
        languages = count_by(conn, "lang", filters=filters, limit=30)
        latest = list_mentions(conn, filters=filters, limit=8)
    return {
        "mentions": total,
        "last_7_days": last_week,
        "import": report,
        "queries": dict(sorted(per_query.items(), key=lambda kv: -kv[1])),
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

    bars("Mentions per saved query", summary["queries"])
    bars("Channels", summary["channels"])
    bars("Languages", summary["languages"])
    console.print("\n[bold]Latest mentions[/]", markup=True)
    for m in summary["latest"]:
        console.print(f"  {m['published_at'][:16]} {m['channel']:10} {m['lang'] or '??'} "
                      f"@{m['author']}: {m['text'][:110]}", markup=False)
    console.print("\nNext: voxpop query list · voxpop search 'Fjordwing AND refund*' · voxpop export --help")
