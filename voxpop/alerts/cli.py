"""`voxpop alerts …`: replay stored history through the crisis detector (backtest) to tune it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click
from rich.table import Table

from voxpop.cli import EXIT_USAGE, emit_json, fail, open_workspace, out


def _moment(text: str | None, option: str) -> datetime | None:
    if not text:
        return None
    from voxpop.ingest.normalise import InvalidField, parse_datetime

    try:
        return parse_datetime(text, field=option)
    except InvalidField as exc:
        raise click.BadParameter(str(exc)) from None


@click.group("alerts")
def alerts() -> None:
    """Crisis alerts: volume spikes and negative-share rises per saved query, explained.

    \b
    Example:  voxpop alerts backtest --query lumora --from 2026-09-01 --to 2026-10-01
    """


@alerts.command("backtest")
@click.option("--query", "query_name", required=True, help="The saved query to replay.")
@click.option("--from", "start_text", default=None,
              help="Report alerts fired from here (ISO 8601; default: --to − 7 days).")
@click.option("--to", "end_text", default=None, help="Replay up to here (ISO 8601, exclusive; default: now).")
@click.option("--threshold", type=click.FloatRange(1.0, 50.0), default=None,
              help="−log10 of the tail probability that opens an alert (default 4.5; lower is more sensitive).")
@click.option("--min-count", type=click.IntRange(1, 10_000), default=None,
              help="Fewest mentions (or negatives) in a window that may open an alert (default 5).")
@click.option("--timezone", "zone", default="UTC", show_default=True,
              help="The time zone whose days and weeks the query's rhythm follows.")
@click.option("--no-drivers", is_flag=True, help="Skip the explanations (faster on long periods).")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"alerts": [{started_at, fired_at, ended_at, kind, severity, observed, expected, drivers}]}.')
def alerts_backtest(query_name: str, start_text: str | None, end_text: str | None, threshold: float | None,
                    min_count: int | None, zone: str, no_drivers: bool, as_json: bool) -> None:
    """List the alerts a saved query's stored history would have raised.

    The replay is causal (each decision uses only mentions published up to that minute) and
    starts up to four weeks before --from, so the rhythm is known when the period begins.

    \b
    Example:  voxpop alerts backtest --query lumora --from 2026-09-01 --to 2026-10-01 --json
    """
    from zoneinfo import ZoneInfoNotFoundError, available_timezones

    from voxpop.alerts.backtest import backtest
    from voxpop.alerts.detector import DetectorSettings
    from voxpop.store.queries import QueryNotFound

    end = _moment(end_text, "--to") or datetime.now(UTC).replace(second=0, microsecond=0)
    start = _moment(start_text, "--from") or end - timedelta(days=7)
    if start >= end:
        fail("--from must be before --to", EXIT_USAGE)
    if zone not in ("UTC", "Etc/UTC") and zone not in available_timezones():
        fail(f"unknown time zone {zone!r} (an IANA name such as Europe/Copenhagen)", EXIT_USAGE)
    changes: dict[str, object] = {"timezone": zone}
    if threshold is not None:
        changes["threshold"] = threshold
    if min_count is not None:
        changes["min_count"] = changes["min_negatives"] = min_count
    settings = DetectorSettings(**changes)  # type: ignore[arg-type]
    store = open_workspace()
    try:
        result = backtest(store, query=query_name, start=start, end=end, settings=settings, explain=not no_drivers)
    except QueryNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    except ZoneInfoNotFoundError as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json(result.public())
        return
    if not result.alerts:
        out.print(f"{query_name}: no alerts from {start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC "
                  f"({result.mentions:,} mentions replayed)")
        return
    table = Table("fired (UTC)", "kind", "severity", "observed", "expected", "lasted", "what")
    for alert in result.alerts:
        lasted = "ongoing"
        if alert.ended_at is not None:
            lasted = f"{(alert.ended_at - alert.started_at).total_seconds() / 60:.0f} min"
        what = alert.drivers.get("summary", "") if alert.drivers else ""
        table.add_row(f"{alert.fired_at:%Y-%m-%d %H:%M}", alert.kind, alert.severity, f"{alert.observed:,.0f}",
                      f"{alert.expected:,.1f}", lasted, what)
    out.print(table)
    out.print(f"{len(result.alerts)} alerts; {result.mentions:,} mentions replayed")
