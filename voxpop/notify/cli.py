"""The notification commands: `voxpop destination add/list/test/remove`, `voxpop outbox
list/retry/deliver` and `voxpop digest …` (voxpop/notify/digest_cli.py). Secrets are never printed:
listings mask them, errors have them redacted."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import Any

import click
from rich.table import Table

from voxpop.cli import EXIT_FAILED, EXIT_USAGE, emit_json, err, fail, open_workspace, out


@click.group()
def destination() -> None:
    """Where notifications go: webhooks, Slack channels, e-mail.

    \b
    Example:  voxpop destination add ops --kind webhook --set url=https://ops.example/hook --set secret=-
              voxpop destination test ops
    """


@destination.command("add")
@click.argument("name")
@click.option("--kind", required=True, help="webhook, slack or email ('voxpop destination kinds').")
@click.option("--set", "options", multiple=True, metavar="KEY=VALUE",
              help="A setting; repeat. KEY=- asks for the value without echoing it (for secrets).")
@click.option("--json", "as_json", is_flag=True, help="Print the new destination as JSON (secrets masked).")
def destination_add(name: str, kind: str, options: tuple[str, ...], as_json: bool) -> None:
    """Add a destination. Loopback and private hosts are refused unless VOXPOP_FETCH_ALLOWED_HOSTS
    lists them (the same address policy as fetching).

    \b
    Examples:
      voxpop destination add ops --kind webhook --set url=https://ops.example/hook --set secret=-
      voxpop destination add care --kind slack --set url=-
      voxpop destination add pr --kind email --set host=smtp.example.com --set username=voxpop \\
          --set password=- --set from_addr=voxpop@example.com --set to=pr@example.com,ceo@example.com
    """
    from voxpop.notify import registry
    from voxpop.notify.destinations.base import DestinationConfigError
    from voxpop.store.outbox import DestinationExists, add_destination

    try:
        cls = registry.load(kind)
    except DestinationConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    config: dict[str, Any] = {}
    for option in options:
        key, sep, value = option.partition("=")
        key = key.strip()
        if not sep or not key:
            raise click.BadParameter(f"{option!r} is not KEY=VALUE", param_hint="--set")
        if value == "-":
            value = _read_secret(key)
        config[key] = value
    try:
        config = cls.validate_config(config)
    except DestinationConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    store = open_workspace()
    try:
        with store.write() as conn:
            row = add_destination(conn, name=name, kind=kind, config=config)
    except DestinationExists as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json(row.public(cls.secret_keys))
    else:
        out.print(f"added destination {row.name} ({row.kind}); try it with: voxpop destination test {row.name}")


def _read_secret(key: str) -> str:
    if sys.stdin.isatty():
        return str(click.prompt(key, hide_input=True))
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        fail(f"--set {key}=- reads the value from standard input, which gave nothing", EXIT_USAGE)
    return line


@destination.command("kinds")
def destination_kinds() -> None:
    """List the destination kinds this installation knows (built-ins and plugins).

    \b
    Example:  voxpop destination kinds
    """
    from voxpop.notify import registry

    for kind in sorted(registry.available()):
        try:
            description = registry.load(kind).description
        except Exception as exc:  # a broken plugin must not hide the others
            description = f"(cannot load: {exc})"
        out.print(f"{kind:10} {description}")


def _public(row: Any) -> dict[str, Any]:
    from voxpop.notify import registry
    from voxpop.notify.destinations.base import DestinationConfigError

    try:
        secret_keys: tuple[str, ...] = registry.load(row.kind).secret_keys
    except (DestinationConfigError, ImportError):
        secret_keys = tuple(row.config)  # unknown kind: mask everything rather than guess
    return row.public(secret_keys)  # type: ignore[no-any-return]


@destination.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the destinations as JSON (secrets masked).")
def destination_list(as_json: bool) -> None:
    """Show every destination with its settings (secrets masked) and what waits for it.

    \b
    Example:  voxpop destination list --json
    """
    import sqlalchemy as sa

    from voxpop.store.outbox import list_destinations
    from voxpop.store.tables import outbox

    store = open_workspace()
    with store.read() as conn:
        rows = list_destinations(conn)
        counts: dict[tuple[int, str], int] = {
            (d, s): int(n) for d, s, n in conn.execute(
                sa.select(outbox.c.destination_id, outbox.c.state, sa.func.count())
                .group_by(outbox.c.destination_id, outbox.c.state))
        }
    public = []
    for row in rows:
        item = _public(row)
        item["outbox"] = {s: counts.get((row.id, s), 0) for s in ("pending", "sending", "sent", "dead")}
        public.append(item)
    if as_json:
        emit_json(public)
        return
    if not public:
        out.print("no destinations yet; add one with 'voxpop destination add'")
        return
    table = Table("name", "kind", "enabled", "settings", "waiting", "sent", "dead")
    for item in public:
        settings = ", ".join(f"{k}={v}" for k, v in item["config"].items() if k != "timeout_s")
        box = item["outbox"]
        table.add_row(item["name"], item["kind"], "yes" if item["enabled"] else "no", settings,
                      f"{box['pending'] + box['sending']:,}", f"{box['sent']:,}", f"{box['dead']:,}")
    out.print(table)


@destination.command("test")
@click.argument("name")
def destination_test(name: str) -> None:
    """Send a test notification to a destination now (not through the outbox) and say how it went.

    \b
    Example:  voxpop destination test ops
    """
    from voxpop.notify import registry
    from voxpop.notify.destinations.base import Delivery, DeliveryError, DestinationConfigError, redact
    from voxpop.notify.message import Notification
    from voxpop.store.outbox import DestinationNotFound, get_destination

    store = open_workspace()
    try:
        with store.read() as conn:
            row = get_destination(conn, name=name)
    except DestinationNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    now = datetime.now(UTC)
    notification = Notification(title=f"Test notification for {row.name}", kind="test", severity="info",
                                text="If you can read this, voxpop can reach this destination.",
                                fields={"destination": row.name, "sent at": now.isoformat(timespec="seconds")})
    delivery = Delivery(idempotency_key=f"vxn_test_{int(now.timestamp())}", event_key="test",
                        notification=notification, created_at=now, attempt=1)
    secrets: list[str] = []
    try:
        target = registry.load(row.kind)(name=row.name, config=row.config, settings=store.settings)
        secrets = target.secrets()
        target.send(delivery)
    except (DeliveryError, DestinationConfigError) as exc:
        fail(f"the test notification did not arrive: {redact(str(exc), secrets)}")
    out.print(f"sent a test notification to {row.name} ({row.kind})")


@destination.command("remove")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def destination_remove(name: str, yes: bool) -> None:
    """Remove a destination, with the notifications that still wait for it.

    \b
    Example:  voxpop destination remove old-hook --yes
    """
    from voxpop.store.outbox import DestinationNotFound, get_destination, remove_destination

    store = open_workspace()
    try:
        with store.read() as conn:
            get_destination(conn, name=name)
    except DestinationNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    if not yes and not click.confirm(f"Remove destination {name} and the notifications waiting for it?"):
        fail("nothing removed", EXIT_FAILED)
    with store.write() as conn:
        waiting = remove_destination(conn, name=name)
    out.print(f"removed {name}" + (f"; {waiting:,} waiting notifications were dropped" if waiting else ""))


# ---- the outbox ---------------------------------------------------------------------------------


@click.group()
def outbox() -> None:
    """What is waiting to be sent, what was sent, and the dead letters.

    \b
    Example:  voxpop outbox list --state dead
              voxpop outbox retry --all-dead && voxpop outbox deliver
    """


@outbox.command("list")
@click.option("--state", type=click.Choice(["pending", "sending", "sent", "dead"]), default=None)
@click.option("--destination", "destination_name", default=None, help="Only this destination's.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="Print the notifications as JSON (payloads included).")
def outbox_list(state: str | None, destination_name: str | None, limit: int, as_json: bool) -> None:
    """List notifications, newest first, with their state, tries and last error.

    \b
    Example:  voxpop outbox list --state dead --json
    """
    from voxpop.store.outbox import (
        DestinationNotFound,
        count_by_state,
        get_destination,
        list_destinations,
        list_notifications,
    )

    store = open_workspace()
    with store.read() as conn:
        destination_id = None
        if destination_name is not None:
            try:
                destination_id = get_destination(conn, name=destination_name).id
            except DestinationNotFound as exc:
                fail(str(exc), EXIT_USAGE)
        rows = list_notifications(conn, state=state, destination_id=destination_id, limit=limit)
        names = {d.id: d.name for d in list_destinations(conn)}
        counts = count_by_state(conn)
    if as_json:
        emit_json([{**r.public(), "destination": names.get(r.destination_id)} for r in rows])
        return
    out.print(", ".join(f"{n:,} {s}" for s, n in counts.items()))
    if not rows:
        return
    table = Table("id", "event", "destination", "state", "tries", "next try / done", "last error")
    for r in rows:
        when = r.sent_at or r.dead_at or r.next_attempt_at
        table.add_row(str(r.id), r.event_key[:40], names.get(r.destination_id, "?"), r.state, str(r.attempts),
                      when.isoformat(timespec="seconds"), (r.last_error or "")[:70])
    out.print(table)


@outbox.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all-dead", is_flag=True, help="Every dead letter.")
def outbox_retry(ids: tuple[int, ...], all_dead: bool) -> None:
    """Give dead letters a fresh set of tries (after fixing what killed them), due now.

    \b
    Example:  voxpop outbox retry 17 18 && voxpop outbox deliver
              voxpop outbox retry --all-dead
    """
    from voxpop.store.outbox import revive

    if not ids and not all_dead:
        fail("name the dead letters to retry (ids from 'voxpop outbox list --state dead') or give --all-dead",
             EXIT_USAGE)
    store = open_workspace()
    with store.write() as conn:
        revived = revive(conn, ids=list(ids), all_dead=all_dead)
    out.print(f"{revived:,} dead letters will be tried again" + ("" if revived or all_dead else
                                                                 " (none of those ids is a dead letter)"))


@outbox.command("deliver")
@click.option("--json", "as_json", is_flag=True, help="Print what happened as JSON.")
def outbox_deliver(as_json: bool) -> None:
    """Send every notification that is due, once (for cron; the service delivers continuously).
    Exits 1 when something was dead-lettered.

    \b
    Example:  voxpop outbox deliver
    """
    from voxpop.notify.deliver import Deliverer

    store = open_workspace()
    with Deliverer(store) as deliverer:
        report = deliverer.deliver_due()
    if as_json:
        emit_json(report.as_dict())
    else:
        out.print(f"{report.sent:,} sent, {report.retried:,} to be retried, {report.dead:,} dead-lettered")
        for problem in report.problems[:20]:
            err.print(f"  {problem}", markup=False)
    if report.dead:
        sys.exit(EXIT_FAILED)


# daily and weekly digests (voxpop/notify/digest_cli.py), registered with the notification commands
from voxpop.notify.digest_cli import digest  # noqa: E402

COMMANDS: tuple[click.Group, ...] = (destination, outbox, digest)
