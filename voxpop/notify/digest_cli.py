"""`voxpop digest add/list/remove/preview/send-due`: daily and weekly digests of saved queries, by
e-mail or to any destination, at a wall-clock time of the workspace's zone."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from rich.table import Table

from voxpop.cli import EXIT_USAGE, emit_json, fail, open_workspace, out


@click.group("digest")
def digest() -> None:
    """Daily and weekly digests: volume and its change, sentiment, the most engaged mentions, rising
    terms and alerts per saved query, at a local time of the workspace's zone
    ('voxpop alerts settings --timezone').

    \b
    Example:  voxpop digest add --weekly "monday 09:00" --email maria@example.com --via mailer
              voxpop digest preview 1
    """


@digest.command("add")
@click.option("--query", "query_names", multiple=True, help="A saved query; repeat. Default: every query.")
@click.option("--daily", "daily_at", default=None, metavar="HH:MM", help="Every day at this local time.")
@click.option("--weekly", "weekly_at", default=None, metavar="'DAY HH:MM'", help="Every week, e.g. 'monday 09:00'.")
@click.option("--destination", "destination_name", default=None, help="A notification destination by name.")
@click.option("--user", "username", default=None, help="A user of the web app (give --email too).")
@click.option("--email", default=None, help="An e-mail address.")
@click.option("--via", "via_name", default=None, help="The e-mail destination whose SMTP server sends to --email.")
@click.option("--json", "as_json", is_flag=True, help="Print the new subscription as JSON.")
def digest_add(query_names: tuple[str, ...], daily_at: str | None, weekly_at: str | None,
               destination_name: str | None, username: str | None, email: str | None, via_name: str | None,
               as_json: bool) -> None:
    """Send a digest of some saved queries (or all) daily or weekly to a destination or an address.
    The first digest covers the period that ends after now.

    \b
    Examples:  voxpop digest add --daily 08:00 --query lumora --destination care-slack
               voxpop digest add --weekly "monday 09:00" --user maria --email maria@example.com --via mailer
    """
    from voxpop.notify.digest import next_digest, parse_schedule
    from voxpop.store.alerts import get_timezone
    from voxpop.store.digests import add_digest_subscription
    from voxpop.store.outbox import DestinationNotFound, get_destination
    from voxpop.store.queries import QueryNotFound, get_query
    from voxpop.store.users import UserNotFound, get_user

    if (daily_at is None) == (weekly_at is None):
        fail("give --daily HH:MM or --weekly 'DAY HH:MM'", EXIT_USAGE)
    if (destination_name is None) == (email is None):
        fail("give --destination, or --email (with --via)", EXIT_USAGE)
    store = open_workspace()
    try:
        with store.write() as conn:
            timezone = get_timezone(conn)
            schedule = parse_schedule(f"daily {daily_at}" if daily_at else f"weekly {weekly_at}", timezone=timezone)
            query_ids = [get_query(conn, name=name).id for name in query_names] or None
            destination_id = get_destination(conn, name=destination_name).id if destination_name else None
            via = get_destination(conn, name=via_name) if via_name else None
            if via is not None and via.kind != "email":
                fail(f"--via {via_name} is a {via.kind} destination; it must be an e-mail one", EXIT_USAGE)
            user_id = get_user(conn, username=username).id if username else None
            row = add_digest_subscription(conn, schedule=schedule, query_ids=query_ids,
                                          destination_id=destination_id, user_id=user_id, email=email,
                                          via_destination_id=via.id if via else None)
    except (QueryNotFound, DestinationNotFound, UserNotFound, ValueError) as exc:
        fail(str(exc), EXIT_USAGE)
    first = next_digest(row, timezone=timezone)
    if as_json:
        emit_json({**row.public(), "next": first.isoformat(), "timezone": timezone})
        return
    click.echo(f"digest {row.id}: {row.scope()}, {row.rhythm()} ({timezone}) → {row.recipient()}; "
               f"the first goes out {first.astimezone(schedule.zone):%a %Y-%m-%d %H:%M %Z}")


@digest.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the subscriptions as JSON.")
def digest_list(as_json: bool) -> None:
    """The digest subscriptions: what, when (in the workspace's zone), to whom, and the next one.

    \b
    Example:  voxpop digest list
    """
    from voxpop.notify.digest import next_digest
    from voxpop.store.alerts import get_timezone
    from voxpop.store.digests import list_digest_subscriptions

    store = open_workspace()
    with store.read() as conn:
        timezone = get_timezone(conn)
        rows = list_digest_subscriptions(conn)
    if as_json:
        emit_json([{**r.public(), "next": next_digest(r, timezone=timezone).isoformat(), "timezone": timezone}
                   for r in rows])
        return
    if not rows:
        out.print("no digests yet; add one with 'voxpop digest add'")
        return
    table = Table("id", "queries", "when", "to", "next")
    for r in rows:
        when = next_digest(r, timezone=timezone).astimezone(r.schedule(timezone).zone)
        table.add_row(str(r.id), r.scope(), r.rhythm(), r.recipient(), f"{when:%a %Y-%m-%d %H:%M %Z}")
    out.print(table)
    out.print(f"times in {timezone}", markup=False)


@digest.command("remove")
@click.argument("subscription_id", type=click.IntRange(1, 2**63 - 1))
def digest_remove(subscription_id: int) -> None:
    """Stop a digest (digests already waiting in the outbox still go out).

    \b
    Example:  voxpop digest remove 3
    """
    from voxpop.store.digests import DigestNotFound, remove_digest_subscription

    store = open_workspace()
    try:
        with store.write() as conn:
            remove_digest_subscription(conn, subscription_id=subscription_id)
    except DigestNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    click.echo(f"removed digest {subscription_id}")


@digest.command("preview")
@click.argument("subscription_id", type=click.IntRange(1, 2**63 - 1))
@click.option("--html", "as_html", is_flag=True, help="Print the HTML version instead of the text.")
def digest_preview(subscription_id: int, as_html: bool) -> None:
    """Print the next digest as it stands now, without sending anything (its period may still be
    running, so the figures can still grow).

    \b
    Example:  voxpop digest preview 1
    """
    from voxpop.notify.digest import preview
    from voxpop.notify.digest_content import render_html, render_text
    from voxpop.store.digests import DigestNotFound, get_digest_subscription

    store = open_workspace()
    try:
        with store.read() as conn:
            when, content = preview(conn, get_digest_subscription(conn, subscription_id=subscription_id))
    except DigestNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    if as_html:
        click.echo(render_html(content))
        return
    # click.echo, not rich: mention text must not be read as console markup
    click.echo(f"{content.title()}\n(goes out {content.local(when):%a %Y-%m-%d %H:%M %Z})\n")
    click.echo(render_text(content))


@digest.command("send-due")
@click.option("--json", "as_json", is_flag=True, help="Print what was enqueued as JSON.")
def digest_send_due(as_json: bool) -> None:
    """Enqueue every digest whose time has come, each period once (for cron; the service does this
    itself). 'voxpop outbox deliver' then sends them.

    \b
    Example:  voxpop digest send-due && voxpop outbox deliver
    """
    from voxpop.notify.digest import send_due

    store = open_workspace()
    sent = send_due(store, now=datetime.now(UTC))
    if as_json:
        emit_json([s.as_dict() for s in sent])
        return
    click.echo(f"{len(sent):,} digests enqueued" + ("; 'voxpop outbox deliver' sends them" if sent else ""))
