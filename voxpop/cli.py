"""The command line: `voxpop --help` lists the commands; each has --help with an example.

Exit codes: 0 done; 1 failed (the message says why); 2 bad usage; 3 done, but some input
records were rejected (they are listed, and kept in the database's ingest_rejects table).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from voxpop import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REJECTS = 0, 1, 2, 3

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", markup=True)
    sys.exit(code)


def emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def load_settings() -> Any:
    from voxpop.settings import SettingsError, get_settings

    try:
        return get_settings()
    except SettingsError as exc:
        fail(f"invalid settings: {exc}")


def open_workspace(*, create: bool = True) -> Any:
    """The store, migrated on first use of an embedded workspace; refuses an outdated schema."""
    from voxpop.store import StoreError, open_store

    settings = load_settings()
    try:
        store = open_store(settings)
        if store.current_revision() is None and (create or store.dialect == "sqlite"):
            store.upgrade()
        store.ensure_current()
    except StoreError as exc:
        fail(str(exc))
    return store


def source_or_fail(store: Any, name: str) -> Any:
    """The source called ``name``, or exit 2 with the message that it does not exist."""
    from voxpop.store.sources import SourceNotFound, get_source

    try:
        with store.read() as conn:
            return get_source(conn, name=name)
    except SourceNotFound as exc:
        fail(str(exc), EXIT_USAGE)


@contextmanager
def progress_bar(label: str, *, enabled: bool, in_bytes: bool = True) -> Iterator[Callable[..., None]]:
    if not enabled or not err.is_terminal:
        yield lambda *a, **k: None
        return
    amount = DownloadColumn() if in_bytes else MofNCompleteColumn()
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), amount,
               TextColumn("{task.fields[stats]}"), TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task(label, total=None, stats="")

        def update(done: int, total: int | None, stats: str) -> None:
            bar.update(task, completed=done, total=total, stats=stats)

        yield update


def _run_with_progress(store: Any, row: Any, *, config: dict[str, Any] | None, label: str,
                       show: bool, process: bool = True) -> Any:
    from voxpop.ingest.runner import run_source

    started = datetime.now(UTC)
    with progress_bar(label, enabled=show) as update:
        staged = 0

        def on_batch(batch: Any, report: Any) -> None:
            nonlocal staged
            seconds = max((datetime.now(UTC) - started).total_seconds(), 1e-6)
            done = report.counts.inserted + report.counts.updated + report.counts.unchanged
            if process and done - staged >= STAGES_EVERY:
                # the stages keep up as the import goes: what landed is enriched, matched and
                # searchable within one batch, not only when the whole file is in
                from voxpop.runtime.pipeline import run_stages

                report.matched += run_stages(store).matched.matches
                staged = done
            stats = f"{done:,} stored · {report.rejected:,} rejected · {done / seconds:,.0f}/s"
            if batch.progress:
                update(batch.progress[0], batch.progress[1], stats)
            else:
                update(done, None, stats)

        report = run_source(store, row, config=config, progress=on_batch)
    return after_ingest(store, report, show=show) if process else report


#: During an import with processing, the stages after the store run after every this many mentions.
STAGES_EVERY = 10_000


def after_ingest(store: Any, report: Any, *, show: bool) -> Any:
    """The stages after the store (voxpop.runtime.pipeline): enrich, match, index for search."""
    from voxpop.runtime.pipeline import run_stages

    with stages_progress(enabled=show) as update:
        report.matched = (report.matched or 0) + run_stages(store, progress=update).matched.matches
    return report


@contextmanager
def stages_progress(*, enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """One progress bar per pipeline stage, shown as each stage starts working."""
    if not enabled or not err.is_terminal:
        yield None
        return
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=False) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _print_report(report: Any, *, as_json: bool, seconds: float | None = None) -> int:
    data = report.as_dict()
    if seconds is not None:
        data["seconds"] = round(seconds, 3)
    if as_json:
        emit_json(data)
    else:
        c = report.counts
        rate = f" in {seconds:.1f}s" if seconds is not None else ""
        matched = f"; {report.matched:,} query matches" if report.matched else ""
        out.print(f"{report.source}: {c.inserted:,} new, {c.updated:,} updated, {c.unchanged:,} unchanged, "
                  f"{report.rejected:,} rejected{rate}{matched}")
        for r in report.rejects[:20]:
            err.print(f"  rejected {r.location}: {r.reason}", markup=False)
        if report.rejected > 20:
            err.print(f"  … and {report.rejected - 20:,} more (voxpop source rejects {report.source})")
        if report.error:
            err.print(f"[bold red]error:[/] {report.source}: {report.error} (source is now {report.state})")
    if report.error:
        return EXIT_FAILED
    return EXIT_REJECTS if report.rejected else EXIT_OK


# ---- the group ------------------------------------------------------------------------------


class _Group(click.Group):
    """Failures nobody planned for still end in one clear line and exit code 1, not a traceback
    (VOXPOP_DEBUG=1 shows the traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        import os

        import sqlalchemy as sa

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except sa.exc.SQLAlchemyError as exc:
            if os.environ.get("VOXPOP_DEBUG"):
                raise
            fail(f"database error: {getattr(exc, 'orig', None) or exc}")
        except OSError as exc:
            if os.environ.get("VOXPOP_DEBUG"):
                raise
            fail(f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="voxpop")
def main() -> None:
    """voxpop — self-hosted social listening.

    Settings come from VOXPOP_* environment variables: VOXPOP_DATA_DIR (default ./voxpop-data,
    holding the SQLite database voxpop.db) and VOXPOP_DATABASE_URL (PostgreSQL for teams).

    \b
    Examples:
      voxpop demo                       start here: a simulated workspace
      voxpop import export.csv --map text=body,published_at=created
      voxpop source add news --kind rss --set url=https://example.com/feed.xml
      voxpop collect                    run every source that is due
    """


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def init(as_json: bool) -> None:
    """Create the workspace (data directory and database) and bring its schema up to date.

    \b
    Example:  VOXPOP_DATA_DIR=~/listening voxpop init
    """
    store = open_workspace()
    info = {"database": store.engine.url.render_as_string(hide_password=True),
            "revision": store.current_revision()}
    if as_json:
        emit_json(info)
    else:
        out.print(f"workspace ready: {info['database']} (schema {info['revision']})")


@main.group()
def db() -> None:
    """Database maintenance: migrations.

    \b
    Example:  voxpop db current && voxpop db upgrade
    """


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration (idempotent; safe to run at each deploy).

    \b
    Example:  VOXPOP_DATABASE_URL=postgresql://voxpop@db/voxpop voxpop db upgrade
    """
    from voxpop.store import StoreError, open_store

    settings = load_settings()
    try:
        store = open_store(settings)
        before = store.current_revision()
        store.upgrade()
    except StoreError as exc:
        fail(str(exc))
    after = store.current_revision()
    out.print(f"schema: {before or 'empty'} → {after}" if before != after else f"schema already at {after}")


@db.command("current")
def db_current() -> None:
    """Show the schema revision of the database and the one this voxpop needs.

    \b
    Example:  VOXPOP_DATABASE_URL=postgresql://voxpop@db/voxpop voxpop db current
    """
    from voxpop.store import StoreError, open_store

    try:
        store = open_store(load_settings())
        out.print(f"database: {store.current_revision() or 'empty'}; needed: {store.head_revision()}")
    except StoreError as exc:
        fail(str(exc))


# ---- sources --------------------------------------------------------------------------------


def _parse_duration(text: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = text.strip().lower()
    try:
        if text[-1] in units:
            return int(float(text[:-1]) * units[text[-1]])
        return int(text)
    except (ValueError, IndexError):
        raise click.BadParameter(f"{text!r} is not a duration like 90s, 15m, 6h or 1d") from None


def _parse_since(text: str | None) -> datetime | None:
    if not text:
        return None
    if text[-1:].lower() in "smhd" and text[:-1].replace(".", "", 1).isdigit():
        return datetime.now(UTC) - timedelta(seconds=_parse_duration(text))
    from voxpop.ingest.normalise import InvalidField, parse_datetime

    try:
        return parse_datetime(text, field="--since")
    except InvalidField as exc:
        raise click.BadParameter(f"{exc}; or give a duration like 7d") from None


@main.group()
def source() -> None:
    """Add, list, remove and run sources (feeds, pages, files).

    \b
    Example:  voxpop source add acme --kind rss --set url=https://acme.example/feed.xml
              voxpop source run acme && voxpop source list
    """


@source.command("add")
@click.argument("name")
@click.option("--kind", required=True, help="Connector: rss, web, mastodon, hackernews, file ('voxpop source kinds').")
@click.option("--set", "options", multiple=True, metavar="KEY=VALUE",
              help="Connector option; repeat. A list option (urls) takes comma-separated values.")
@click.option("--interval", default="15m", show_default=True, help="How often 'voxpop collect' may run it.")
@click.option("--json", "as_json", is_flag=True, help="Print the new source as JSON.")
def source_add(name: str, kind: str, options: tuple[str, ...], interval: str, as_json: bool) -> None:
    """Add a source.

    \b
    Examples:
      voxpop source add acme-blog --kind rss --set url=https://acme.example/feed.xml
      voxpop source add press --kind web --set sitemap=https://acme.example/sitemap.xml
      voxpop source add pages --kind web --set urls=https://a.example/x,https://b.example/y
      voxpop source add crm --kind file --set path=/data/export.csv --set map=text=body
    """
    from voxpop.sources import registry
    from voxpop.sources.base import SourceConfigError
    from voxpop.store.sources import SourceExists, add_source

    config: dict[str, Any] = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{option!r} is not KEY=VALUE", param_hint="--set")
        config[key.strip()] = [v for v in value.split(",") if v] if key.strip() == "urls" else value
    try:
        cls = registry.load(kind)
        config = cls.validate_config(config)
    except SourceConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    store = open_workspace()
    try:
        with store.write() as conn:
            row = add_source(conn, name=name, kind=kind, config=config, interval_s=_parse_duration(interval))
    except SourceExists as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json(row.public())
    else:
        out.print(f"added source {row.name} ({row.kind}); run it with: voxpop source run {row.name}")


@source.command("kinds")
def source_kinds() -> None:
    """List the connectors this installation knows (built-ins and installed plugins).

    \b
    Example:  voxpop source kinds
    """
    from voxpop.sources import registry

    for kind in sorted(registry.available()):
        try:
            description = registry.load(kind).description
        except Exception as exc:  # a broken plugin must not hide the others
            description = f"(cannot load: {exc})"
        out.print(f"{kind:10} {description}")


@source.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the sources as JSON.")
def source_list(as_json: bool) -> None:
    """Show every source with its health: state, last success, last error, next run, items.

    \b
    Example:  voxpop source list --json | jq '.[] | select(.state != "ok")'
    """
    from voxpop.store.sources import list_sources

    store = open_workspace()
    with store.read() as conn:
        rows = list_sources(conn)
    if as_json:
        emit_json([r.public() for r in rows])
        return
    if not rows:
        out.print("no sources yet; add one with 'voxpop source add' or import a file with 'voxpop import'")
        return
    table = Table("name", "kind", "state", "last success", "last error", "next run", "items")
    for r in rows:
        # An import source is run by hand (enabled=False keeps 'collect' off it); a source
        # disabled after a failure says so in its state.
        state = r.state if r.enabled or r.state == "disabled" else f"{r.state} (manual)"
        table.add_row(r.name, r.kind, state,
                      _ago(r.last_success_at), (r.last_error or "")[:60], _ago(r.next_run_at),
                      f"{r.items_collected:,}")
    out.print(table)


def _ago(when: datetime | None) -> str:
    if when is None:
        return "—"
    delta = datetime.now(UTC) - when
    seconds = int(delta.total_seconds())
    future = seconds < 0
    seconds = abs(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            text = f"{seconds // size}{unit}"
            break
    else:
        text = f"{seconds}s"
    return f"in {text}" if future else f"{text} ago"


@source.command("remove")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def source_remove(name: str, yes: bool) -> None:
    """Remove a source and every mention it collected.

    \b
    Example:  voxpop source remove old-blog --yes
    """
    from voxpop.store.sources import remove_source

    store = open_workspace()
    row = source_or_fail(store, name)
    if not yes and not click.confirm(f"Remove {row.name} and its {row.items_collected:,} mentions?"):
        fail("nothing removed", EXIT_FAILED)
    with store.write() as conn:
        removed = remove_source(conn, name=name)
    out.print(f"removed {name} and {removed:,} mentions")


@source.command("run")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def source_run(name: str, as_json: bool) -> None:
    """Collect from one source now.

    \b
    Example:  voxpop source run acme-blog
    """
    store = open_workspace()
    row = source_or_fail(store, name)
    started = datetime.now(UTC)
    report = _run_with_progress(store, row, config=None, label=name, show=not as_json)
    sys.exit(_print_report(report, as_json=as_json,
                           seconds=(datetime.now(UTC) - started).total_seconds()))


@source.command("rejects")
@click.argument("name", required=False)
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def source_rejects(name: str | None, limit: int, as_json: bool) -> None:
    """Show the latest rejected input records (where, and why), for one source or all.

    \b
    Example:  voxpop source rejects import --limit 20
    """
    from voxpop.store.mentions import recent_rejects

    store = open_workspace()
    source_id = source_or_fail(store, name).id if name else None
    with store.read() as conn:
        rows = recent_rejects(conn, source_id=source_id, limit=limit)
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        out.print(f"{r['created_at']:%Y-%m-%d %H:%M} {r['location']}: {r['reason']}", markup=False)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--all", "run_all", is_flag=True, help="Run every enabled source, not only those due.")
def collect(as_json: bool, run_all: bool) -> None:
    """Collect once from every enabled source that is due (or --all).

    \b
    Example (from cron):  */15 * * * * voxpop collect --json >> collect.log
    """
    from voxpop.store.sources import list_sources

    store = open_workspace()
    now = datetime.now(UTC)
    with store.read() as conn:
        rows = [r for r in list_sources(conn, enabled_only=True)
                if run_all or r.next_run_at is None or r.next_run_at <= now]
    reports = [_run_with_progress(store, r, config=None, label=r.name, show=not as_json) for r in rows]
    if as_json:
        emit_json([r.as_dict() for r in reports])
    else:
        if not reports:
            out.print("no source is due; 'voxpop source list' shows when each runs next")
        for report in reports:
            _print_report(report, as_json=False)
    if any(r.error for r in reports):
        sys.exit(EXIT_FAILED)
    sys.exit(EXIT_REJECTS if any(r.rejected for r in reports) else EXIT_OK)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
def process(as_json: bool) -> None:
    """Run the stages after the store over everything they have not seen yet: enrichment
    (language), saved-query matching, and the search index. import, collect and run do this
    themselves.

    \b
    Example:  voxpop import big-export.ndjson --no-process && voxpop process
    """
    from voxpop.runtime.pipeline import run_stages

    store = open_workspace()
    with stages_progress(enabled=not as_json) as update:
        done = run_stages(store, progress=update)
    if as_json:
        emit_json(done.as_dict())
    else:
        enriched, matched = done.enriched, done.matched
        out.print(f"enriched {enriched.mentions:,} mentions ({enriched.languages_filled:,} languages filled in); "
                  f"{matched.matches:,} query matches in {matched.mentions:,} mentions; "
                  f"{done.indexed.mentions:,} indexed for search")
        for problem in matched.invalid_queries:
            err.print(f"  skipped saved query {problem}", markup=False)


@main.command()
@click.option("--query", "query_name", default=None, help="A saved query's mentions (default: every mention).")
@click.option("--cluster", "cluster_id", type=int, default=None, help="One duplicate cluster's mentions.")
@click.option("--since", default="7d", show_default=True, help="The period: 7d, 24h, or an ISO date.")
@click.option("--recent", default="24h", show_default=True,
              help="Emerging terms: this latest part of the period against the rest of it.")
@click.option("--json", "as_json", is_flag=True, help="Print keywords, themes and emerging terms as JSON.")
def topics(query_name: str | None, cluster_id: int | None, since: str, recent: str, as_json: bool) -> None:
    """What is being said: keywords and themes of a saved query's (or a cluster's) mentions, and
    emerging terms — rising in the recent window against the rest of the period. Spam left out.

    \b
    Example:  voxpop topics --query fjordwing --since 14d --recent 24h
    """
    from voxpop.enrich.topics import emerging_terms, keywords, themes
    from voxpop.store.queries import QueryNotFound, get_query, matched_texts

    start, cut = _parse_since(since), _parse_since(recent)
    store = open_workspace()
    with store.read() as conn:
        query_id = None
        if query_name:
            try:
                query_id = get_query(conn, name=query_name).id
            except QueryNotFound:
                fail(f"no saved query named {query_name!r}; 'voxpop query list' shows them", EXIT_USAGE)
        rows = matched_texts(conn, query_id=query_id, cluster_id=cluster_id, since=start)
        newer = matched_texts(conn, query_id=query_id, cluster_id=cluster_id, since=cut) if cut else []
    texts, langs = [t for t, _ in rows], [lang for _, lang in rows]
    baseline = [t for t, _ in rows[len(newer):]]  # rows are newest first: the rest of the period
    found_keywords = keywords(texts, lang=langs)
    found_themes = themes(texts, lang=langs)
    rising = emerging_terms([t for t, _ in newer], baseline) if newer and baseline else []
    if as_json:
        emit_json({"mentions": len(texts), "keywords": [_fields(k) for k in found_keywords],
                   "themes": [_fields(t) for t in found_themes], "emerging": [_fields(e) for e in rising]})
        return
    out.print(f"{len(texts):,} mentions since {start:%Y-%m-%d %H:%M}" if start else f"{len(texts):,} mentions")
    out.print("keywords: " + ", ".join(f"{k.term} ({k.count})" for k in found_keywords), markup=False)
    for theme in found_themes:
        out.print(f"theme: {' · '.join(theme.terms)} ({theme.count} mentions)", markup=False)
    for term in rising:
        out.print(f"rising: {term.term} — {term.recent_count} recent vs {term.baseline_count} before, "
                  f"lift {term.lift:.1f}", markup=False)
    if not texts:
        out.print("no mentions in this period")


def _fields(item: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(item)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
def reenrich(as_json: bool) -> None:
    """Recompute every enrichment of every stored mention with the current steps (after an
    upgrade that brings a new step version, or after sentiment corrections), then match again.
    Users' sentiment corrections are kept. Safe to interrupt: it resumes where it stopped.

    \b
    Example:  voxpop reenrich
    """
    from voxpop.enrich.stage import STAGE
    from voxpop.runtime.pipeline import run_stages
    from voxpop.store.queries import set_cursor

    store = open_workspace()
    with store.write() as conn:
        set_cursor(conn, stage=STAGE, position=0)
    with stages_progress(enabled=not as_json) as update:
        done = run_stages(store, progress=update)
    matches = _rematch_all(store, show=not as_json)  # sentiment: and lang: queries see the new results
    if as_json:
        emit_json({**done.as_dict(), "query_matches": matches})
    else:
        out.print(f"re-enriched {done.enriched.mentions:,} mentions; {matches:,} query matches recomputed")


@main.command("run")
@click.option("--once", is_flag=True, help="Run every due source one time, then exit.")
@click.option("--max-running", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Sources collected at the same time.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per source run (for log collectors).")
def run_service(once: bool, max_running: int, as_json: bool) -> None:
    """The long-running service: collects every enabled source at its interval and matches what
    lands against the saved queries. SIGTERM or Ctrl-C stops it gracefully (cursors saved).

    \b
    Example:  voxpop run            (under systemd, supervisord or a container)
    """
    import signal

    from voxpop.runtime.scheduler import Scheduler

    store = open_workspace()

    def report(r: Any) -> None:
        if as_json:
            click.echo(json.dumps({"at": datetime.now(UTC).isoformat(), **r.as_dict()}, default=str))
        else:
            _print_report(r, as_json=False)

    def stages(done: Any) -> None:
        if as_json:
            click.echo(json.dumps({"at": datetime.now(UTC).isoformat(), "stages": done.as_dict()}, default=str))
        else:
            err.print(f"stages: {done.enriched.mentions:,} enriched, {done.matched.matches:,} query matches, "
                      f"{done.indexed.mentions:,} indexed for search")

    scheduler = Scheduler(store, max_running=max_running, on_report=report, on_stages=stages)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: scheduler.stop())
    if not as_json:
        err.print(f"voxpop run: collecting (max {max_running} at once); Ctrl-C or SIGTERM stops")
    scheduler.run(once=once)
    if not as_json:
        err.print("voxpop run: stopped; every source's cursor is saved")


# ---- import / export ------------------------------------------------------------------------


@main.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", "ndjson", "csv", "json"]), default="auto",
              show_default=True, help="Input format; auto looks at the extension and first bytes.")
@click.option("--map", "mapping", default=None, metavar="FIELD=COLUMN,...",
              help="Where voxpop's fields are in your export, e.g. text=body,published_at=created "
                   "(dotted paths reach into nested JSON: author=user.screen_name).")
@click.option("--source", "source_name", default="import", show_default=True,
              help="The file source the records belong to; ids are unique per source.")
@click.option("--channel", default=None, help="Channel for records that do not name one (default: file).")
@click.option("--no-process", is_flag=True,
              help="Only store; leave enrichment and query matching to a later 'voxpop process'.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_(path: Path, fmt: str, mapping: str | None, source_name: str, channel: str | None,
            no_process: bool, as_json: bool) -> None:
    """Import a CSV, JSON-array or NDJSON export (voxpop's interchange format or --map'ped).

    Re-importing the same file adds nothing; an interrupted import resumes where it stopped.
    Bad records are reported with file and line, and the rest still lands.

    \b
    Interchange fields: id, url, author, title, text, published_at, lang, channel
      (optional: author_name, country, sentiment, likes, shares, replies, views)
    Example:  voxpop import brandwatch.csv --map text=Snippet,published_at=Date,url=Url
    """
    from voxpop.sources.base import SourceConfigError
    from voxpop.sources.file.source import FileSource
    from voxpop.store.sources import add_source, find_source

    config: dict[str, Any] = {"path": str(path.resolve()), "format": fmt}
    if mapping:
        config["map"] = mapping
    if channel:
        config["channel"] = channel
    try:
        config = FileSource.validate_config(config)
    except SourceConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    store = open_workspace()
    with store.write() as conn:
        row = find_source(conn, name=source_name)
        if row is None:
            row = add_source(conn, name=source_name, kind="file", config={"path": config["path"]},
                             enabled=False)
    if row.kind != "file":
        fail(f"source {source_name!r} is a {row.kind} source; choose another --source", EXIT_USAGE)
    started = datetime.now(UTC)
    report = _run_with_progress(store, row, config=config, label=path.name, show=not as_json,
                                process=not no_process)
    sys.exit(_print_report(report, as_json=as_json,
                           seconds=(datetime.now(UTC) - started).total_seconds()))


def _filters(source_name: str | None, channel: str | None, lang: str | None, since: str | None) -> Any:
    from voxpop.store.mentions import MentionFilter

    return MentionFilter(source=source_name, channel=channel, lang=lang, since=_parse_since(since))


def _filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--since", default=None, help="Only mentions published since: 7d, 12h or a date.")(func)
    func = click.option("--lang", default=None, help="Only this language (ISO 639-1).")(func)
    func = click.option("--channel", default=None, help="Only this channel (rss, mastodon, ...).")(func)
    return click.option("--source", "source_name", default=None, help="Only this source.")(func)


@main.group()
def mentions() -> None:
    """Look at stored mentions.

    \b
    Example:  voxpop mentions list --lang sv --since 2d
    """


@mentions.command("list")
@_filter_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="Print the mentions as JSON.")
def mentions_list(source_name: str | None, channel: str | None, lang: str | None, since: str | None,
                  limit: int, as_json: bool) -> None:
    """The latest mentions, newest first.

    \b
    Example:  voxpop mentions list --channel reddit --lang da --since 7d --limit 50
    """
    from voxpop.export import mention_record
    from voxpop.store.mentions import list_mentions

    store = open_workspace()
    with store.read() as conn:
        rows = list_mentions(conn, filters=_filters(source_name, channel, lang, since), limit=limit)
    if as_json:
        emit_json([mention_record(m) for m in rows])
        return
    for m in rows:
        head = f"#{m.id} {m.published_at:%Y-%m-%d %H:%M} {m.channel:10} {m.lang or '??'} @{m.author or '?'}"
        body = (m.title + " — " if m.title else "") + m.text
        out.print(f"[bold]{head}[/]", markup=True)
        out.print("  " + body[:200].replace("\n", " "), markup=False)


@mentions.command("correct")
@click.argument("mention_id", type=int)
@click.option("--sentiment", "label", required=True, type=click.Choice(["positive", "neutral", "negative"]),
              help="The right sentiment for this mention.")
@click.option("--by", "corrected_by", default=None, help="Who corrected it (kept with the correction).")
def mentions_correct(mention_id: int, label: str, corrected_by: str | None) -> None:
    """Correct a mention's sentiment. The correction is the mention's sentiment from now on, and
    the sentiment step learns from it: new mentions with the same cues are read the same way
    (run 'voxpop reenrich' to apply it to what is already stored).

    \b
    Example:  voxpop mentions correct 42 --sentiment negative --by ann
    """
    from voxpop.store.corrections import CorrectionError, correct_sentiment

    store = open_workspace()
    try:
        with store.write() as conn:
            correct_sentiment(conn, mention_id=mention_id, label=label, corrected_by=corrected_by)
    except CorrectionError as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"mention {mention_id} is {label} now; the sentiment step learns from it for new mentions")


@mentions.command("show")
@click.argument("mention_id", type=int)
@click.option("--raw", is_flag=True, help="Also print the payload exactly as it was received.")
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
def mentions_show(mention_id: int, raw: bool, as_json: bool) -> None:
    """One mention in full: its fields, earlier versions, and the saved queries it matched with
    the words that made it match.

    \b
    Example:  voxpop mentions show 42 --raw
    """
    from voxpop.export import mention_record
    from voxpop.store.mentions import get_mention, get_raw, history
    from voxpop.store.queries import queries_matching

    store = open_workspace()
    with store.read() as conn:
        mention = get_mention(conn, mention_id=mention_id)
        if mention is None:
            fail(f"no mention {mention_id}; 'voxpop mentions list' shows ids as #N", EXIT_USAGE)
        versions = history(conn, mention_id=mention_id)
        matched = queries_matching(conn, mention_id=mention_id)
        payload = get_raw(conn, mention_id=mention_id) if raw else None
    highlights: dict[str, Any] = {}
    if matched:
        from voxpop.query import QueryError, parse

        for q in matched:
            try:
                highlights[q.name] = parse(q.text).highlights(mention)
            except QueryError:
                highlights[q.name] = {}
    record = mention_record(mention)
    if as_json:
        emit_json({**record, "queries": [{"name": q.name, "highlights": highlights.get(q.name, {})} for q in matched],
                   "history": [{"version": v["version"], "text": v["text"], "title": v["title"],
                                "replaced_at": v["replaced_at"]} for v in versions],
                   **({"raw": payload.decode("utf-8", "replace")} if payload is not None else {})})
        return
    for key in ("id", "source", "channel", "url", "author", "author_name", "published_at", "collected_at", "lang",
                "country", "sentiment", "likes", "shares", "replies", "views", "version"):
        if record.get(key) not in (None, ""):
            out.print(f"{key:>13}: {record[key]}", markup=False)
    if mention.title:
        out.print(f"\n[bold]{_marked(mention.title, highlights, 'title')}[/]", markup=True)
    out.print("\n" + _marked(mention.text, highlights, "text"), markup=True)
    for q in matched:
        out.print(f"\nmatched [bold]{q.name}[/]: {q.text}", markup=True, highlight=False)
    for v in versions:
        out.print(f"\nversion {v['version']} (replaced {v['replaced_at']:%Y-%m-%d %H:%M}): {v['text'][:200]}",
                  markup=False)
    if payload is not None:
        out.print("\nraw payload:", markup=False)
        out.print(payload.decode("utf-8", "replace"), markup=False)


def _marked(text: str, highlights: dict[str, Any], field: str) -> str:
    """The text, escaped for rich, with every span any query matched in reverse video."""
    from rich.markup import escape

    spans = sorted({tuple(span) for found in highlights.values() for span in found.get(field, [])})
    pieces, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        pieces.append(escape(text[last:start]))
        pieces.append(f"[reverse]{escape(text[start:end])}[/reverse]")
        last = end
    pieces.append(escape(text[last:]))
    return "".join(pieces)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ndjson", "csv", "parquet"]), default="ndjson",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output; required for parquet).")
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON (needs --output).")
def export(fmt: str, output: Path | None, source_name: str | None, channel: str | None,
           lang: str | None, since: str | None, as_json: bool) -> None:
    """Export mentions in the interchange format (plus voxpop's own fields), streamed.

    \b
    Examples:
      voxpop export --format csv -o mentions.csv --since 30d
      voxpop export --format parquet -o mentions.parquet
      voxpop export | gzip > all.ndjson.gz
    """
    from voxpop.export import write_export

    if fmt == "parquet" and output is None:
        fail("parquet needs --output FILE", EXIT_USAGE)
    store = open_workspace()
    filters = _filters(source_name, channel, lang, since)
    with store.read() as conn:
        if output is None:
            count = write_export(conn, fmt, sys.stdout.buffer, filters=filters)
        else:
            tmp = output.with_name(output.name + ".partial")
            with tmp.open("wb") as f:
                count = write_export(conn, fmt, f, filters=filters)
            tmp.replace(output)
    if output is not None:
        if as_json:
            emit_json({"format": fmt, "output": str(output), "mentions": count})
        else:
            err.print(f"wrote {count:,} mentions to {output}")


# ---- saved queries ---------------------------------------------------------------------------


def render_problems(text: str, problems: list[Any], *, kind: str = "error") -> list[str]:
    """Each problem as the query line it is on, a caret under its column, and the message."""
    lines_out = []
    for p in problems:
        column = max(1, int(getattr(p, "column", 1) or 1))
        before = text[: column - 1]
        line_start = before.rfind("\n") + 1
        line_end = text.find("\n", line_start)
        line = text[line_start: None if line_end == -1 else line_end]
        offset = column - 1 - line_start
        hint = getattr(p, "hint", "") or ""
        lines_out.append(line)
        lines_out.append(" " * offset + f"^ column {column}: {kind}: {p.message}" + (f" — {hint}" if hint else ""))
    return lines_out


def _check_or_fail(text: str, *, as_json: bool = False) -> None:
    from voxpop.query import validate

    result = validate(text)
    problems = list(result.problems)
    warnings = list(getattr(result, "warnings", []))
    if as_json:
        return
    for line in render_problems(text, problems) + render_problems(text, warnings, kind="warning"):
        err.print(line, markup=False, highlight=False, soft_wrap=True)
    if problems:
        sys.exit(EXIT_USAGE)


def _problems_json(items: list[Any]) -> list[dict[str, Any]]:
    return [{"column": p.column, "message": p.message, "hint": getattr(p, "hint", "")} for p in items]


@main.group()
def query() -> None:
    """Saved queries: which mentions belong to a brand, product, competitor or campaign.

    The language is described in docs/queries.md (boolean operators, phrases, wildcards, NEAR,
    fields such as site:, author:, lang:, channel:).

    \b
    Example:  voxpop query add acme '"Acme Corp" OR #acme OR @acme -site:acme.example'
    """


@query.command("check")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print problems and warnings as JSON.")
def query_check(text: str, as_json: bool) -> None:
    """Validate a query: each problem with a caret under its column, and a hint.

    \b
    Example:  voxpop query check '(apple OR orange NEAR/3 juice'
    """
    from voxpop.query import validate

    result = validate(text)
    if as_json:
        emit_json({"valid": not result.problems, "problems": _problems_json(list(result.problems)),
                   "warnings": _problems_json(list(getattr(result, "warnings", [])))})
        sys.exit(EXIT_USAGE if result.problems else EXIT_OK)
    _check_or_fail(text)
    out.print("query is valid")


def _backfill(store: Any, row: Any, *, show: bool) -> Any:
    from voxpop.match.stage import backfill_query

    with progress_bar(f"backfill {row.name}", enabled=show, in_bytes=False) as update:
        return backfill_query(store, row, progress=lambda done, total: update(done, total, ""))


def _search_backfill(store: Any, row: Any, *, show: bool) -> Any:
    """The new query searched back VOXPOP_QUERY_BACKFILL_DAYS days through the search sources whose
    terms come from the saved queries (voxpop/sources/backfill.py); before the match backfill, so
    that what it finds is matched too."""
    from voxpop.sources.backfill import search_backfill

    report = search_backfill(store, query_id=row.id, text=row.text)
    if show and report.sources:
        out.print(f"searched the last {report.days} days through {len(report.sources)} search source(s): "
                  f"{report.inserted:,} new mentions")
        for done in report.sources:
            if done.error:
                out.print(f"  {done.source}: {done.error}")
    return report


@query.command("add")
@click.argument("name")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the saved query and its matches as JSON.")
def query_add(name: str, text: str, as_json: bool) -> None:
    """Save a query and match it against everything stored (new mentions are matched as they land).

    \b
    Example:  voxpop query add lumora-fire 'Lumora AND (battery OR fire OR overheat*)'
    """
    from voxpop.store.queries import QueryExists, add_query

    _check_or_fail(text)
    store = open_workspace()
    try:
        with store.write() as conn:
            row = add_query(conn, name=name, text=text)
    except QueryExists as exc:
        fail(str(exc), EXIT_USAGE)
    searched = _search_backfill(store, row, show=not as_json)
    report = _backfill(store, row, show=not as_json)
    if as_json:
        emit_json({**row.public(matches=report.matches), "search_backfill": searched.as_dict()})
    else:
        out.print(f"saved {name}: {report.matches:,} of {report.mentions:,} stored mentions match")


@query.command("edit")
@click.argument("name")
@click.argument("text")
def query_edit(name: str, text: str) -> None:
    """Change a saved query; its matches are recomputed over history.

    \b
    Example:  voxpop query edit lumora-fire 'Lumora AND (battery OR fire OR recall)'
    """
    from voxpop.store.queries import QueryNotFound, update_query

    _check_or_fail(text)
    store = open_workspace()
    try:
        with store.write() as conn:
            row = update_query(conn, name=name, text=text)
    except QueryNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    report = _backfill(store, row, show=True)
    out.print(f"updated {name}: {report.matches:,} of {report.mentions:,} stored mentions match")


@query.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the queries as JSON.")
def query_list(as_json: bool) -> None:
    """Every saved query with its number of matches.

    \b
    Example:  voxpop query list --json
    """
    from voxpop.store.queries import list_queries, match_counts

    store = open_workspace()
    with store.read() as conn:
        rows = list_queries(conn)
        counts = match_counts(conn)
    if as_json:
        emit_json([r.public(matches=counts.get(r.id, 0)) for r in rows])
        return
    if not rows:
        out.print("no saved queries yet; add one with: voxpop query add NAME 'QUERY'")
        return
    table = Table("name", "matches", "enabled", "query")
    for r in rows:
        table.add_row(r.name, f"{counts.get(r.id, 0):,}", "yes" if r.enabled else "no", r.text)
    out.print(table)


@query.command("disable")
@click.argument("name")
def query_disable(name: str) -> None:
    """Stop matching new mentions with a query (its matches so far are kept).

    \b
    Example:  voxpop query disable old-campaign
    """
    _set_enabled(name, False)


@query.command("enable")
@click.argument("name")
def query_enable(name: str) -> None:
    """Match new mentions with a disabled query again (and catch up on history).

    \b
    Example:  voxpop query enable old-campaign
    """
    _set_enabled(name, True)


def _set_enabled(name: str, enabled: bool) -> None:
    from voxpop.store.queries import QueryNotFound, update_query

    store = open_workspace()
    try:
        with store.write() as conn:
            row = update_query(conn, name=name, enabled=enabled)
    except QueryNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    if enabled:
        _backfill(store, row, show=True)
    out.print(f"{name} is {'enabled' if enabled else 'disabled'}")


@query.command("remove")
@click.argument("name")
def query_remove(name: str) -> None:
    """Delete a saved query and its matches.

    \b
    Example:  voxpop query remove old-campaign
    """
    from voxpop.store.queries import QueryNotFound, remove_query

    store = open_workspace()
    try:
        with store.write() as conn:
            removed = remove_query(conn, name=name)
    except QueryNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"removed {name} and its {removed:,} matches")


@main.group()
def exclude() -> None:
    """Workspace-wide exclusions: mentions they match count for no saved query (and no search) —
    the brand's own accounts and sites, partners, known spam sources.

    \b
    Example:  voxpop exclude add 'site:acme.example OR author:acme_official'
    """


def _rematch_all(store: Any, *, show: bool = True) -> int:
    """Every saved query recomputed over history (after the exclusions changed)."""
    from voxpop.match.stage import backfill_query, match_pending
    from voxpop.store.queries import list_queries

    match_pending(store)
    with store.read() as conn:
        rows = list_queries(conn)
    total = 0
    for row in rows:
        with progress_bar(f"rematch {row.name}", enabled=show, in_bytes=False) as update:
            total += backfill_query(store, row, progress=lambda done, end: update(done, end, "")).matches
    return total


@exclude.command("add")
@click.argument("expression")
def exclude_add(expression: str) -> None:
    """Add an exclusion (any query expression, usually site:, author: or links:); every saved
    query's matches are recomputed.

    \b
    Example:  voxpop exclude add 'author:(acme_official OR acmesupport)'
    """
    from voxpop.store.queries import get_exclusions, set_exclusions

    _check_or_fail(expression)
    store = open_workspace()
    with store.write() as conn:
        current = get_exclusions(conn)
        if expression in current:
            fail(f"{expression!r} is already excluded", EXIT_USAGE)
        set_exclusions(conn, expressions=[*current, expression])
    total = _rematch_all(store)
    out.print(f"excluded {expression}; saved queries now have {total:,} matches in all")


@exclude.command("remove")
@click.argument("expression")
def exclude_remove(expression: str) -> None:
    """Remove an exclusion (written exactly as listed); every saved query's matches are recomputed.

    \b
    Example:  voxpop exclude remove 'site:acme.example'
    """
    from voxpop.store.queries import get_exclusions, set_exclusions

    store = open_workspace()
    with store.write() as conn:
        current = get_exclusions(conn)
        if expression not in current:
            fail(f"{expression!r} is not an exclusion; 'voxpop exclude list' shows them", EXIT_USAGE)
        set_exclusions(conn, expressions=[e for e in current if e != expression])
    total = _rematch_all(store)
    out.print(f"no longer excluded: {expression}; saved queries now have {total:,} matches in all")


@exclude.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the exclusions as JSON.")
def exclude_list(as_json: bool) -> None:
    """The workspace-wide exclusions.

    \b
    Example:  voxpop exclude list --json
    """
    from voxpop.store.queries import get_exclusions

    store = open_workspace()
    with store.read() as conn:
        current = get_exclusions(conn)
    if as_json:
        emit_json(current)
    elif not current:
        out.print("no exclusions")
    else:
        for expression in current:
            out.print(expression, markup=False)


@main.command()
@click.argument("text")
@_filter_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="Print the mentions as JSON.")
def search(text: str, source_name: str | None, channel: str | None, lang: str | None, since: str | None,
           limit: int, as_json: bool) -> None:
    """Search stored mentions with the query language, newest first.

    A full-text index (FTS5 on SQLite, GIN on PostgreSQL) proposes candidates and the query
    matcher checks each one, so results are exactly what the saved query would match.

    \b
    Example:  voxpop search 'Fjordwing NEAR/5 (cancel* OR refund)' --since 7d
    """
    from voxpop.export import mention_record
    from voxpop.match.search import search_mentions
    from voxpop.match.stage import MatchReport, compile_exclusions
    from voxpop.query import parse
    from voxpop.store.queries import get_exclusions

    _check_or_fail(text)
    compiled = parse(text)
    store = open_workspace()
    with store.read() as conn:
        excluded = compile_exclusions(get_exclusions(conn), MatchReport())
    page = search_mentions(store, compiled, filters=_filters(source_name, channel, lang, since), limit=limit,
                           exclude=excluded)
    found = page.mentions
    if page.unindexed:
        err.print(f"note: about {page.unindexed:,} mentions stored moments ago are not indexed yet and were not "
                  "searched; run 'voxpop process' (or wait for the running import) to include them")
    if as_json:
        emit_json([mention_record(m) for m in found])
        return
    for m in found:
        out.print(f"[bold]{m.published_at:%Y-%m-%d %H:%M} {m.channel:10} {m.lang or '??'} @{m.author or '?'}[/]",
                  markup=True)
        out.print("  " + ((m.title + " — " if m.title else "") + m.text)[:200].replace("\n", " "), markup=False)
    if not found:
        out.print("no mention matches")


# ---- simulate / demo ------------------------------------------------------------------------


@main.command()
@click.option("--count", type=click.IntRange(1), default=None, help="Number of mentions (default: from --days).")
@click.option("--days", type=click.IntRange(1, 3650), default=28, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True, help="Same seed, same stream.")
@click.option("--end", default=None, help="Last day of the stream (ISO date; default: a fixed date).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="NDJSON file to write (default: standard output).")
@click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the ground truth (brands, campaign, crises) as JSON here.")
def simulate(count: int | None, days: int, seed: int, end: str | None, output: Path | None,
             manifest: Path | None) -> None:
    """Write a realistic multilingual demo stream (NDJSON, interchange format).

    Several fictional brands over several weeks: posts, comments and articles in da, sv, nb,
    fi, en, de, fr, es and it, with daily and weekly rhythm, a campaign, a crisis, spam and
    syndicated or translated copies. Reproducible: same options, same bytes.

    \b
    Example:  voxpop simulate --count 1000000 --seed 1 -o stream.ndjson
    """
    from voxpop.simulate import SimulationConfig, write_ndjson

    kwargs: dict[str, Any] = {"count": count, "days": days, "seed": seed}
    if end:
        from voxpop.ingest.normalise import InvalidField, parse_datetime

        try:
            kwargs["end"] = parse_datetime(end, field="--end", now=datetime(9000, 1, 1, tzinfo=UTC))
        except InvalidField as exc:
            raise click.BadParameter(str(exc), param_hint="--end") from None
    cfg = SimulationConfig(**kwargs)
    if output is None:
        stats = write_ndjson(cfg, sys.stdout.buffer)
    else:
        with output.open("wb") as f:
            stats = write_ndjson(cfg, f)
        err.print(f"wrote {getattr(stats, 'count', stats)} mentions to {output}")
    if manifest:
        manifest.write_text(json.dumps(cfg.manifest(), indent=2, ensure_ascii=False, default=str))


@main.command()
@click.option("--count", type=click.IntRange(100, 1_000_000), default=12_000, show_default=True,
              help="Mentions in the demo stream.")
@click.option("--no-serve", is_flag=True, help="Print the summary and exit instead of serving the web app.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def demo(count: int, no_serve: bool, as_json: bool) -> None:
    """Create a demo workspace from a simulated stream, ingest it, and summarise it.

    Needs no network and no server: everything lands in VOXPOP_DATA_DIR (./voxpop-data).
    Running it again reuses the same stream and adds nothing.

    \b
    Example:  VOXPOP_DATA_DIR=/tmp/demo voxpop demo --no-serve
    """
    from voxpop.demo import run_demo

    settings = load_settings()
    store = open_workspace()
    summary = run_demo(store, settings.data_dir, count=count,
                       on_import=lambda row, cfg: _run_with_progress(
                           store, row, config=cfg, label="demo stream", show=not as_json))
    if as_json:
        emit_json(summary)
    else:
        from voxpop.demo import print_summary

        print_summary(summary, out)
    if not no_serve and not as_json:
        from voxpop.web.cli import serve_demo

        serve_demo(store, settings)


# the web app's commands: serve, user, token (voxpop/web/cli.py)
def _add_web_commands() -> None:
    from voxpop.web.cli import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_add_web_commands()

# notifications: destination, outbox (voxpop/notify/cli.py, which uses this module's helpers)
def _add_notify_commands() -> None:
    from voxpop.notify.cli import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_add_notify_commands()

# crisis alerts (voxpop/alerts/cli.py) and routing and the inbox: team, route, cases
# (voxpop/route/cli.py); both use this module's helpers, so they are imported once it is complete
def _add_alert_and_route_commands() -> None:
    from voxpop.alerts.cli import alerts as alerts_group
    from voxpop.route.cli import COMMANDS as route_commands

    main.add_command(alerts_group)
    for command in route_commands:
        main.add_command(command)


_add_alert_and_route_commands()

if __name__ == "__main__":
    main()
