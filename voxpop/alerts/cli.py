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


# ---- the live alerts: list, show, acknowledge, resolve (voxpop/store/alerts.py) -------------------


def _alert_or_fail(store: object, alert_id: int) -> object:
    from voxpop.store.alerts import AlertNotFound, get_alert

    with store.read() as conn:  # type: ignore[attr-defined]
        try:
            return get_alert(conn, alert_id=alert_id)
        except AlertNotFound as exc:
            fail(str(exc), EXIT_USAGE)


@alerts.command("list")
@click.option("--state", type=click.Choice(["open", "acknowledged", "resolved"]), default=None,
              help="Only alerts in this state.")
@click.option("--query", "query_name", default=None, help="Only this saved query's alerts.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the alerts as JSON.")
def alerts_list(state: str | None, query_name: str | None, limit: int, as_json: bool) -> None:
    """The latest stored alerts, newest first.

    \b
    Example:  voxpop alerts list --state open
    """
    from voxpop.store.alerts import list_alerts
    from voxpop.store.queries import QueryNotFound, get_query

    store = open_workspace()
    with store.read() as conn:
        query_id = None
        if query_name:
            try:
                query_id = get_query(conn, name=query_name).id
            except QueryNotFound as exc:
                fail(str(exc), EXIT_USAGE)
        rows = list_alerts(conn, state=state, query_id=query_id, limit=limit)
    if as_json:
        emit_json([r.public() for r in rows])
        return
    if not rows:
        out.print("no alerts" + (f" in state {state}" if state else ""))
        return
    table = Table("id", "fired (UTC)", "query", "kind", "severity", "state", "observed", "expected", "what")
    for r in rows:
        table.add_row(str(r.id), f"{r.fired_at:%Y-%m-%d %H:%M}", r.query, r.kind, r.severity, r.state,
                      f"{r.observed:,.0f}", f"{r.expected:,.1f}", r.summary)
    out.print(table)


@alerts.command("show")
@click.argument("alert_id", type=click.IntRange(1, 2**63 - 1))
@click.option("--json", "as_json", is_flag=True, help="Print the alert, its history and top mentions as JSON.")
def alerts_show(alert_id: int, as_json: bool) -> None:
    """One alert: observed against expected, the drivers with their lift, the top mentions, its history.

    \b
    Example:  voxpop alerts show 12
    """
    from voxpop.store.alerts import AlertRow, history

    store = open_workspace()
    alert = _alert_or_fail(store, alert_id)
    assert isinstance(alert, AlertRow)
    with store.read() as conn:
        steps = history(conn, alert_id=alert_id)
    if as_json:
        emit_json({**alert.public(), "history": steps})
        return
    ended = f"ended {alert.ended_at:%Y-%m-%d %H:%M}" if alert.ended_at else "ongoing"
    out.print(f"[bold]alert {alert.id}[/bold] · {alert.query} · {alert.kind} · {alert.severity} · {alert.state}")
    out.print(f"started {alert.started_at:%Y-%m-%d %H:%M} UTC · fired {alert.fired_at:%Y-%m-%d %H:%M:%S} · {ended}")
    out.print(f"observed {alert.observed:,.0f} vs expected {alert.expected:,.1f}"
              + (f" ({alert.observed / alert.expected:.1f}×)" if alert.expected > 0 else ""))
    if alert.summary:
        out.print(alert.summary, markup=False)
    drivers = Table("driver", "value", "lift", "in alert", "baseline share")
    for name in ("terms", "authors", "links", "languages", "channels"):
        for d in alert.drivers.get(name, [])[:5]:
            drivers.add_row(name, str(d["value"]), f"{d['lift']:.1f}×", str(d["count"]), f"{d['baseline_share']:.1%}")
    if drivers.row_count:
        out.print(drivers)
    for mention in alert.drivers.get("top_mentions", []):
        out.print(f"  #{mention['id']} ({mention['why']}, {mention.get('author') or '?'}): {mention['excerpt']}",
                  markup=False)
    for step in steps:
        note = f" — {step['note']}" if step["note"] else ""
        out.print(f"  {step['at'][:19]} {step['actor']}: {step['action']}{note}", markup=False)


def _move(alert_id: int, by: str, action: str, note: str | None = None) -> None:
    from voxpop.store.alerts import AlertNotFound, AlertStateError, acknowledge_alert, resolve_alert

    store = open_workspace()
    try:
        with store.write() as conn:
            if action == "ack":
                row = acknowledge_alert(conn, alert_id=alert_id, by=by)
            else:
                row = resolve_alert(conn, alert_id=alert_id, by=by, note=note)
    except (AlertNotFound, AlertStateError) as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"alert {row.id} is {row.state} (by {by})")


@alerts.command("ack")
@click.argument("alert_id", type=click.IntRange(1, 2**63 - 1))
@click.option("--by", "by", required=True, help="Who is on it (kept in the alert's history).")
def alerts_ack(alert_id: int, by: str) -> None:
    """Acknowledge an open alert: someone has seen it and is on it.

    \b
    Example:  voxpop alerts ack 12 --by maria
    """
    _move(alert_id, by, "ack")


@alerts.command("resolve")
@click.argument("alert_id", type=click.IntRange(1, 2**63 - 1))
@click.option("--by", "by", required=True, help="Who resolved it (kept in the alert's history).")
@click.option("--note", default=None, help="Why, in a few words.")
def alerts_resolve(alert_id: int, by: str, note: str | None) -> None:
    """Resolve an alert (the detector reopens it if the burst comes back within the cooldown).

    \b
    Example:  voxpop alerts resolve 12 --by maria --note "statement published"
    """
    _move(alert_id, by, "resolve", note)


# ---- routing: who receives what (voxpop/alerts/routing.py) ---------------------------------------


@alerts.command("subscribe")
@click.option("--query", "query_name", default=None, help="The saved query (default: every query).")
@click.option("--min-severity", type=click.Choice(["low", "medium", "high", "critical"]), default="low",
              show_default=True, help="The least severe alert sent.")
@click.option("--destination", "destination_name", default=None, help="A notification destination by name.")
@click.option("--user", "username", default=None, help="A user of the web app (give --email too).")
@click.option("--email", default=None, help="An e-mail address.")
@click.option("--via", "via_name", default=None, help="The e-mail destination whose SMTP server sends to --email.")
def alerts_subscribe(query_name: str | None, min_severity: str, destination_name: str | None, username: str | None,
                     email: str | None, via_name: str | None) -> None:
    """Send a query's alerts (or every query's) of at least a severity to a destination or an address.

    \b
    Examples:  voxpop alerts subscribe --query lumora --min-severity high --destination ops
               voxpop alerts subscribe --user maria --email maria@example.com --via mailer
    """
    from voxpop.store.alerts import add_subscription
    from voxpop.store.outbox import DestinationNotFound, get_destination
    from voxpop.store.queries import QueryNotFound, get_query
    from voxpop.store.users import UserNotFound, get_user

    if (destination_name is None) == (email is None):
        fail("give --destination, or --email (with --via)", EXIT_USAGE)
    store = open_workspace()
    try:
        with store.write() as conn:
            query_id = get_query(conn, name=query_name).id if query_name else None
            destination_id = get_destination(conn, name=destination_name).id if destination_name else None
            via = get_destination(conn, name=via_name) if via_name else None
            if via is not None and via.kind != "email":
                fail(f"--via {via_name} is a {via.kind} destination; it must be an e-mail one", EXIT_USAGE)
            user_id = get_user(conn, username=username).id if username else None
            row = add_subscription(conn, query_id=query_id, min_severity=min_severity, destination_id=destination_id,
                                   user_id=user_id, email=email, via_destination_id=via.id if via else None)
    except (QueryNotFound, DestinationNotFound, UserNotFound, ValueError) as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"subscription {row.id}: {row.query or 'every query'}'s alerts from {row.min_severity} → "
              f"{row.recipient()}", markup=False)


@alerts.command("unsubscribe")
@click.argument("subscription_id", type=click.IntRange(1, 2**63 - 1))
def alerts_unsubscribe(subscription_id: int) -> None:
    """Remove a subscription (its id is in 'voxpop alerts subscriptions').

    \b
    Example:  voxpop alerts unsubscribe 3
    """
    from voxpop.store.alerts import SubscriptionNotFound, remove_subscription

    store = open_workspace()
    try:
        with store.write() as conn:
            remove_subscription(conn, subscription_id=subscription_id)
    except SubscriptionNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"removed subscription {subscription_id}")


@alerts.command("subscriptions")
@click.option("--json", "as_json", is_flag=True, help="Print the subscriptions as JSON.")
def alerts_subscriptions(as_json: bool) -> None:
    """Who receives which alerts.

    \b
    Example:  voxpop alerts subscriptions
    """
    from voxpop.store.alerts import list_subscriptions

    store = open_workspace()
    with store.read() as conn:
        rows = list_subscriptions(conn)
    if as_json:
        emit_json([r.public() for r in rows])
        return
    if not rows:
        out.print("no subscriptions: alerts are stored but nobody is notified "
                  "(voxpop alerts subscribe --destination NAME)")
        return
    table = Table("id", "query", "from severity", "to")
    for r in rows:
        table.add_row(str(r.id), r.query or "every query", r.min_severity, r.recipient())
    out.print(table)


# ---- threshold rules and settings ------------------------------------------------------------------


@alerts.command("threshold")
@click.argument("query_name")
@click.option("--mentions", "above_mentions", type=click.FloatRange(0, None), default=None,
              help="Alert on more than this many mentions in the window.")
@click.option("--negative-pct", type=click.FloatRange(0, 100, max_open=True), default=None,
              help="Alert on more than this percentage of negative mentions in the window.")
@click.option("--minutes", type=click.IntRange(1, 7 * 1440), required=True, help="The window, in minutes.")
@click.option("--min-mentions", type=click.IntRange(0, None), default=10, show_default=True,
              help="A negative share is judged only on at least this many mentions.")
@click.option("--severity", type=click.Choice(["low", "medium", "high", "critical"]), default="medium",
              show_default=True)
def alerts_threshold(query_name: str, above_mentions: float | None, negative_pct: float | None, minutes: int,
                     min_mentions: int, severity: str) -> None:
    """Add a simple threshold alert beside the detector.

    \b
    Examples:  voxpop alerts threshold lumora --mentions 50 --minutes 10 --severity high
               voxpop alerts threshold lumora --negative-pct 40 --minutes 60
    """
    from voxpop.store.alerts import add_threshold
    from voxpop.store.queries import QueryNotFound, get_query

    if (above_mentions is None) == (negative_pct is None):
        fail("give --mentions or --negative-pct (one rule at a time)", EXIT_USAGE)
    store = open_workspace()
    try:
        with store.write() as conn:
            query = get_query(conn, name=query_name)
            metric, above = ("volume", above_mentions) if above_mentions is not None else ("negative_share",
                                                                                          negative_pct)
            assert above is not None
            row = add_threshold(conn, query_id=query.id, metric=metric, above=above, window_minutes=minutes,
                                min_mentions=min_mentions if metric == "negative_share" else 0, severity=severity)
    except (QueryNotFound, ValueError) as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"threshold {row.id} on {query_name}: {row.describe()} ({severity})")


@alerts.command("thresholds")
@click.option("--remove", "remove_id", type=click.IntRange(1, 2**63 - 1), default=None, help="Remove this rule.")
@click.option("--json", "as_json", is_flag=True, help="Print the rules as JSON.")
def alerts_thresholds(remove_id: int | None, as_json: bool) -> None:
    """The threshold rules (or remove one).

    \b
    Example:  voxpop alerts thresholds --remove 2
    """
    from voxpop.store.alerts import ThresholdNotFound, list_thresholds, remove_threshold

    store = open_workspace()
    if remove_id is not None:
        try:
            with store.write() as conn:
                remove_threshold(conn, threshold_id=remove_id)
        except ThresholdNotFound as exc:
            fail(str(exc), EXIT_USAGE)
        out.print(f"removed threshold {remove_id}")
        return
    with store.read() as conn:
        rows = list_thresholds(conn)
    if as_json:
        emit_json([r.public() for r in rows])
        return
    table = Table("id", "query", "rule", "severity")
    for r in rows:
        table.add_row(str(r.id), r.query, r.describe(), r.severity)
    out.print(table if rows else "no threshold rules")


@alerts.command("settings")
@click.option("--timezone", "zone", default=None, help="The workspace's time zone (IANA, e.g. Europe/Copenhagen).")
@click.option("--grace-minutes", type=click.IntRange(0, 60), default=None,
              help="Minutes a minute is left open for late mentions before the detector decides it.")
@click.option("--public-url", default=None, help="The web app's address, for links in notifications ('' clears).")
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
def alerts_settings(zone: str | None, grace_minutes: int | None, public_url: str | None, as_json: bool) -> None:
    """Show or change the workspace settings the live alerts follow.

    \b
    Example:  voxpop alerts settings --timezone Europe/Copenhagen
    """
    from voxpop.store.alerts import get_alert_settings, get_timezone, set_alert_settings, set_timezone

    store = open_workspace()
    try:
        with store.write() as conn:
            if zone is not None:
                set_timezone(conn, zone=zone)
            changes: dict[str, object] = {}
            if grace_minutes is not None:
                changes["grace_minutes"] = grace_minutes
            if public_url is not None:
                changes["public_url"] = public_url or None
            if changes:
                set_alert_settings(conn, **changes)
            current = {"timezone": get_timezone(conn), **get_alert_settings(conn)}
    except ValueError as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json(current)
        return
    for key, value in current.items():
        out.print(f"{key}: {value}", markup=False)
