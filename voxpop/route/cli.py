"""The routing commands: `voxpop team add/list/remove` (teams, their intents, business hours and
first-response target), `voxpop route add/list/remove` (routing rules) and `voxpop cases
list/show/assign/status/priority/note/intent/report` (the inbox)."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from typing import Any

import click
from rich.table import Table

from voxpop.cli import EXIT_USAGE, _parse_since, emit_json, fail, open_workspace, out


def _actor(by: str | None) -> str:
    """Who the history names: --by, else the operating-system user, marked as coming from the CLI."""
    if by:
        return by
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


def _by_option(func: Any) -> Any:
    return click.option("--by", default=None, help="Who makes the change, for the history (default: cli:$USER).")(func)


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


# ---- teams ------------------------------------------------------------------------------------------


@click.group()
def team() -> None:
    """Teams that receive routed mentions as cases.

    \b
    Example:  voxpop team add care --intent complaint --timezone Europe/Copenhagen \\
                  --hours 'mon-fri 09:00-17:00' --first-response 2h --lead-destination care-slack
    """


@team.command("add")
@click.argument("name")
@click.option("--intent", "intents", multiple=True,
              help="An intent this team takes from the classifier (complaint, feedback, hr, sales, press); repeat.")
@click.option("--timezone", "zone", default=None, help="IANA time zone of its business hours (default UTC).")
@click.option("--hours", default=None, help="Business hours: 'mon-fri 09:00-17:00', "
              "'mon-thu 08:00-16:00; fri 08:00-14:00' or '24/7' (default mon-fri 09:00-17:00).")
@click.option("--closed", multiple=True, help="A date the team does not work (2026-12-24); repeat.")
@click.option("--first-response", default=None, help="Service-level target: first response within this much "
              "business time (2h, 90m); 'none' removes it.")
@click.option("--lead-destination", default=None,
              help="Notification destination of the team's lead, told of breaches; 'none' removes it.")
@click.option("--json", "as_json", is_flag=True, help="Print the team as JSON.")
def team_add(name: str, intents: tuple[str, ...], zone: str | None, hours: str | None, closed: tuple[str, ...],
             first_response: str | None, lead_destination: str | None, as_json: bool) -> None:
    """Add a team, or change the given settings of an existing one.

    \b
    Examples:
      voxpop team add care --intent complaint --timezone Europe/Copenhagen --first-response 2h
      voxpop team add care --hours 'mon-fri 08:00-18:00; sat 10:00-14:00' --closed 2026-12-24
      voxpop team add pr --intent press --hours 24/7 --first-response 30m --lead-destination pr-mail
    """
    from voxpop.route.intent import INTENTS
    from voxpop.route.sla import BusinessHours, HoursInvalid, parse_duration, parse_hours
    from voxpop.store.outbox import DestinationNotFound, get_destination
    from voxpop.store.routing import DEFAULT_HOURS, get_team, save_team
    from voxpop.store.routing import TeamNotFound as Missing

    wanted = _split(intents)
    unknown = [i for i in wanted if i not in INTENTS]
    if unknown:
        fail(f"unknown intent {unknown[0]!r}: use {', '.join(INTENTS)}", EXIT_USAGE)
    store = open_workspace()
    with store.write() as conn:
        try:
            current = get_team(conn, name=name)
            zone_now, hours_now = current.timezone, current.business_hours
        except Missing:
            zone_now, hours_now = "UTC", None
        business_hours = None
        try:
            zone_then = zone or zone_now
            current_hours = BusinessHours.from_json(hours_now or DEFAULT_HOURS, timezone=zone_then)  # checks the zone
            if hours is not None or closed:
                kept = tuple(d.isoformat() for d in current_hours.closed) if hours is None else ()
                text = hours if hours is not None else current_hours.describe()
                business_hours = parse_hours(text, timezone=zone_then, closed=kept + closed).to_json()
            target = None
            if first_response is not None and first_response.lower() != "none":
                target = parse_duration(first_response)
        except HoursInvalid as exc:
            fail(str(exc), EXIT_USAGE)
        lead_id = None
        if lead_destination is not None and lead_destination.lower() != "none":
            try:
                lead_id = get_destination(conn, name=lead_destination).id
            except DestinationNotFound as exc:
                fail(f"{exc} (add it with 'voxpop destination add')", EXIT_USAGE)
        row = save_team(conn, name=name, intents=wanted or None, timezone=zone, business_hours=business_hours,
                        first_response_s=target,
                        clear_first_response=first_response is not None and first_response.lower() == "none",
                        lead_destination_id=lead_id,
                        clear_lead=lead_destination is not None and lead_destination.lower() == "none")
    if as_json:
        emit_json(row.public())
    else:
        out.print(f"team {row.name}: {_describe_team(row)}")


def _describe_team(row: Any) -> str:
    from voxpop.route.cases import hours_of
    from voxpop.route.sla import describe_duration

    target = describe_duration(row.first_response_s) if row.first_response_s else "no target"
    intents = ", ".join(row.intents) or "no intents (rules only)"
    lead = f", breaches to {row.lead_destination}" if row.lead_destination else ""
    return f"{intents}; {hours_of(row).describe()} {row.timezone}; first response {target}{lead}"


@team.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the teams as JSON.")
def team_list(as_json: bool) -> None:
    """List teams with their intents, hours and targets.

    \b
    Example:  voxpop team list --json
    """
    from voxpop.store.routing import list_team_rows

    store = open_workspace()
    with store.read() as conn:
        rows = list_team_rows(conn)
    if as_json:
        emit_json([r.public() for r in rows])
        return
    if not rows:
        out.print("no teams yet; add one with: voxpop team add care --intent complaint")
        return
    table = Table("team", "intents", "business hours", "first response", "lead")
    from voxpop.route.cases import hours_of
    from voxpop.route.sla import describe_duration

    for r in rows:
        table.add_row(r.name, ", ".join(r.intents) or "-", f"{hours_of(r).describe()} ({r.timezone})",
                      describe_duration(r.first_response_s) if r.first_response_s else "-", r.lead_destination or "-")
    out.print(table)


@team.command("remove")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def team_remove(name: str, yes: bool) -> None:
    """Remove a team. Its rule links and settings go; its cases stay, without a team.

    \b
    Example:  voxpop team remove care --yes
    """
    from voxpop.store.routing import TeamNotFound, remove_team

    if not yes:
        click.confirm(f"remove team {name}?", abort=True)
    store = open_workspace()
    try:
        with store.write() as conn:
            still_open = remove_team(conn, name=name)
    except TeamNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    note = f"; {still_open} of its cases were not closed and now have no team" if still_open else ""
    out.print(f"removed team {name}{note}")


# ---- rules ------------------------------------------------------------------------------------------


@click.group("route")
def route() -> None:
    """Routing rules: mentions matching a saved query and/or conditions go to teams as cases.

    \b
    Example:  voxpop route add lumora-vip --query lumora --min-followers 10000 --team care --team pr \\
                  --priority urgent --tag vip
    """


@route.command("add")
@click.argument("name")
@click.option("--team", "team_names", multiple=True, required=True, help="A team the mentions go to; repeat.")
@click.option("--query", "query_name", default=None, help="A saved query the mention must match.")
@click.option("--channel", "channels", multiple=True, help="Only these channels; repeat or comma-separate.")
@click.option("--lang", "langs", multiple=True, help="Only these languages.")
@click.option("--sentiment", "sentiments", multiple=True, help="Only these sentiments (positive, neutral, negative).")
@click.option("--source", "sources", multiple=True, help="Only mentions from these sources.")
@click.option("--spam/--not-spam", default=None, help="Only spam / only mentions not flagged as spam.")
@click.option("--min-followers", type=click.IntRange(0), default=None, help="Authors with at least this many.")
@click.option("--max-followers", type=click.IntRange(0), default=None, help="Authors with at most this many.")
@click.option("--priority", default="normal", show_default=True, help="low, normal, high or urgent.")
@click.option("--tag", "tags", multiple=True, help="A tag put on the cases; repeat.")
@click.option("--json", "as_json", is_flag=True, help="Print the rule as JSON.")
def route_add(name: str, team_names: tuple[str, ...], query_name: str | None, channels: tuple[str, ...],
              langs: tuple[str, ...], sentiments: tuple[str, ...], sources: tuple[str, ...], spam: bool | None,
              min_followers: int | None, max_followers: int | None, priority: str, tags: tuple[str, ...],
              as_json: bool) -> None:
    """Add a routing rule. It applies to mentions that arrive from now on.

    \b
    Examples:
      voxpop route add angry-care --query lumora --sentiment negative --team care --priority high
      voxpop route add big-voices --min-followers 50000 --not-spam --team pr --tag influencer
    """
    from voxpop.route.rules import Conditions, RuleInvalid, check_priority
    from voxpop.store.queries import QueryNotFound, get_query
    from voxpop.store.routing import RuleExists, TeamNotFound, add_rule, get_team

    try:
        conditions = Conditions(tuple(_split(channels)), tuple(_split(langs)),
                                tuple(s.lower() for s in _split(sentiments)), tuple(_split(sources)), spam,
                                min_followers, max_followers)
        priority = check_priority(priority)
    except RuleInvalid as exc:
        fail(str(exc), EXIT_USAGE)
    if query_name is None and conditions.is_empty():
        fail("a rule needs --query or at least one condition (otherwise it would route every mention)", EXIT_USAGE)
    store = open_workspace()
    try:
        with store.write() as conn:
            team_ids = [get_team(conn, name=n).id for n in _split(team_names)]
            query_id = get_query(conn, name=query_name).id if query_name else None
            row = add_rule(conn, name=name, team_ids=team_ids, query_id=query_id, conditions=conditions.to_json(),
                           priority=priority, tags=_split(tags))
    except (TeamNotFound, QueryNotFound, RuleExists) as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json(row.public())
    else:
        out.print(f"added rule {row.name}: {_describe_rule(row)}")


def _describe_rule(row: Any) -> str:
    from voxpop.route.rules import Conditions

    what = " ".join(p for p in (f"query {row.query_name}" if row.query_name else "",
                                Conditions.from_json(row.conditions).describe()) if p)
    tags = f" tags {','.join(row.tags)}" if row.tags else ""
    return f"{what} → {', '.join(row.team_names) or '(no team)'} ({row.priority}{tags})"


@route.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the rules as JSON.")
def route_list(as_json: bool) -> None:
    """List routing rules.

    \b
    Example:  voxpop route list
    """
    from voxpop.store.routing import list_rules

    store = open_workspace()
    with store.read() as conn:
        rows = list_rules(conn)
    if as_json:
        emit_json([r.public() for r in rows])
        return
    if not rows:
        out.print("no routing rules; mentions no rule catches go by intent to the teams that take it")
        return
    for r in rows:
        out.print(f"{r.name}: {_describe_rule(r)}")


@route.command("remove")
@click.argument("name")
def route_remove(name: str) -> None:
    """Remove a routing rule (cases it opened stay).

    \b
    Example:  voxpop route remove big-voices
    """
    from voxpop.store.routing import RuleNotFound, remove_rule

    store = open_workspace()
    try:
        with store.write() as conn:
            remove_rule(conn, name=name)
    except RuleNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"removed rule {name}")


# ---- cases ------------------------------------------------------------------------------------------


@click.group()
def cases() -> None:
    """The inbox: cases, their history, and response times.

    \b
    Example:  voxpop cases list --team care --status new
              voxpop cases report --team care --since 30d
    """


def _case_line(c: Any) -> list[str]:
    due = c.due_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if c.due_at else "-"
    flag = " BREACHED" if c.breached_at else ""
    return [str(c.id), c.team or "-", c.status, c.priority, c.assignee or "-", c.intent or ",".join(
        c.reason.get("rules", [])) or "-", str(c.mentions), due + flag]


@cases.command("list")
@click.option("--team", "team_name", default=None, help="Only this team's cases.")
@click.option("--status", "statuses", multiple=True, help="Only these statuses (new, open, pending, closed).")
@click.option("--assignee", default=None, help="Only cases of this user ('none': unassigned).")
@click.option("--breached", is_flag=True, help="Only cases that missed their first-response target.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the cases as JSON.")
def cases_list(team_name: str | None, statuses: tuple[str, ...], assignee: str | None, breached: bool, limit: int,
               as_json: bool) -> None:
    """List cases, newest first.

    \b
    Example:  voxpop cases list --team care --status new --status open
    """
    from voxpop.store.routing import STATUSES, TeamNotFound, find_user_id, get_team, list_cases

    wanted = _split(statuses)
    bad = [s for s in wanted if s not in STATUSES]
    if bad:
        fail(f"unknown status {bad[0]!r}: use {', '.join(STATUSES)}", EXIT_USAGE)
    store = open_workspace()
    with store.read() as conn:
        try:
            team_id = get_team(conn, name=team_name).id if team_name else None
        except TeamNotFound as exc:
            fail(str(exc), EXIT_USAGE)
        assignee_id = None
        if assignee and assignee != "none":
            assignee_id = find_user_id(conn, username=assignee)
            if assignee_id is None:
                fail(f"no user called {assignee!r}", EXIT_USAGE)
        rows = list_cases(conn, team_id=team_id, statuses=wanted, assignee_id=assignee_id,
                          unassigned=assignee == "none", breached=True if breached else None, limit=limit)
    if as_json:
        emit_json([r.public() for r in rows])
        return
    table = Table("case", "team", "status", "priority", "assignee", "why", "mentions", "due (UTC)")
    for r in rows:
        table.add_row(*_case_line(r))
    out.print(table)


@cases.command("show")
@click.argument("case_id", type=click.IntRange(1, 2**63 - 1))
@click.option("--json", "as_json", is_flag=True, help="Print the case, its mentions and its history as JSON.")
def cases_show(case_id: int, as_json: bool) -> None:
    """One case: its state, why it was routed, its mentions, and its full history.

    \b
    Example:  voxpop cases show 12
    """
    from voxpop.store.mentions import get_mention
    from voxpop.store.routing import CaseNotFound, case_mention_ids, get_case, list_events

    store = open_workspace()
    with store.read() as conn:
        try:
            case = get_case(conn, case_id=case_id)
        except CaseNotFound as exc:
            fail(str(exc), EXIT_USAGE)
        events = list_events(conn, case_id=case_id)
        mention_rows = [get_mention(conn, mention_id=m) for m in case_mention_ids(conn, case_id=case_id)]
    found = [m for m in mention_rows if m is not None]
    if as_json:
        emit_json({**case.public(), "history": events,
                   "mention_list": [{"id": m.id, "channel": m.channel, "author": m.author, "url": m.url,
                                     "published_at": m.published_at.isoformat(), "text": m.text} for m in found]})
        return
    out.print(f"case {case.id} · {case.team or '(no team)'} · {case.status} · {case.priority} · "
              f"assignee {case.assignee or '-'}")
    if case.origin == "rule":
        out.print(f"routed by rules: {', '.join(case.reason.get('rules', []))}")
    else:
        out.print(f"routed by intent {case.intent}: {'; '.join(case.reason.get('cues', []))}")
    if case.due_at:
        out.print(f"first response due {case.due_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
                  + (" — BREACHED" if case.breached_at else ""))
    for m in found:
        out.print(f"  [{m.id}] {m.channel} {m.author or ''}: {m.text[:200]}")
    out.print("history:")
    for e in events:
        change = f"{e['old']} → {e['new']}" if e["old"] is not None else (e["new"] or "")
        out.print(f"  {e['at'][:19]}  {e['actor']:<16} {e['action']:<10} {change}")


def _change(case_id: int, apply: Any) -> None:
    from voxpop.route.cases import CaseError
    from voxpop.route.intent import IntentError
    from voxpop.route.rules import RuleInvalid
    from voxpop.store.routing import CaseNotFound

    store = open_workspace()
    try:
        with store.write() as conn:
            case = apply(conn)
    except (CaseNotFound, CaseError, IntentError, RuleInvalid) as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"case {case.id}: {case.status}, {case.priority}, {case.team or '(no team)'}, "
              f"assignee {case.assignee or '-'}")


@cases.command("assign")
@click.argument("case_id", type=click.IntRange(1, 2**63 - 1))
@click.argument("username")
@_by_option
def cases_assign(case_id: int, username: str, by: str | None) -> None:
    """Give a case to a user ('none' takes it back).

    \b
    Example:  voxpop cases assign 12 ana --by lead
    """
    from voxpop.route.cases import assign

    _change(case_id, lambda conn: assign(conn, case_id=case_id, username=None if username == "none" else username,
                                         actor=_actor(by)))


@cases.command("status")
@click.argument("case_id", type=click.IntRange(1, 2**63 - 1))
@click.argument("status", type=click.Choice(["new", "open", "pending", "closed"]))
@_by_option
def cases_status(case_id: int, status: str, by: str | None) -> None:
    """Set a case's status. Leaving 'new' the first time is its first response.

    \b
    Example:  voxpop cases status 12 open --by ana
    """
    from voxpop.route.cases import change_status

    _change(case_id, lambda conn: change_status(conn, case_id=case_id, status=status, actor=_actor(by)))


@cases.command("priority")
@click.argument("case_id", type=click.IntRange(1, 2**63 - 1))
@click.argument("priority", type=click.Choice(["low", "normal", "high", "urgent"]))
@_by_option
def cases_priority(case_id: int, priority: str, by: str | None) -> None:
    """Set a case's priority.

    \b
    Example:  voxpop cases priority 12 urgent
    """
    from voxpop.route.cases import set_priority

    _change(case_id, lambda conn: set_priority(conn, case_id=case_id, priority=priority, actor=_actor(by)))


@cases.command("note")
@click.argument("case_id", type=click.IntRange(1, 2**63 - 1))
@click.argument("text")
@_by_option
def cases_note(case_id: int, text: str, by: str | None) -> None:
    """Add an internal note to a case's history.

    \b
    Example:  voxpop cases note 12 "Called back, replacement sent" --by ana
    """
    from voxpop.route.cases import add_note

    _change(case_id, lambda conn: add_note(conn, case_id=case_id, text=text, actor=_actor(by)))


@cases.command("intent")
@click.argument("case_id", type=click.IntRange(1, 2**63 - 1))
@click.argument("intent", type=click.Choice(["complaint", "feedback", "hr", "sales", "press", "none"]))
@_by_option
def cases_intent(case_id: int, intent: str, by: str | None) -> None:
    """Correct what a case is about: it moves to the team that takes that intent ('none' closes it),
    and the classifier learns from the correction for mentions to come.

    \b
    Example:  voxpop cases intent 12 sales --by ana
    """
    from voxpop.route.cases import correct_intent

    _change(case_id, lambda conn: correct_intent(conn, case_id=case_id, intent=intent, actor=_actor(by)))


@cases.command("report")
@click.option("--team", "team_name", default=None, help="Only this team (default: every team).")
@click.option("--since", default="30d", show_default=True, help="Cases opened since: 30d, 12h or a date.")
@click.option("--until", default=None, help="… and before this date (default: now).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON (seconds of business time).")
def cases_report(team_name: str | None, since: str, until: str | None, as_json: bool) -> None:
    """Response times per team: cases opened in the period, median and p90 of the first response in
    business hours, breaches of the first-response target.

    \b
    Example:  voxpop cases report --team care --since 30d
    """
    from voxpop.route.cases import response_report
    from voxpop.route.sla import describe_duration
    from voxpop.store.routing import TeamNotFound

    start = _parse_since(since)
    end = _parse_since(until) if until else datetime.now(UTC)
    assert start is not None and end is not None  # noqa: S101 - --since has a default
    if start >= end:
        fail("--since must be before --until", EXIT_USAGE)
    store = open_workspace()
    try:
        with store.read() as conn:
            rows = response_report(conn, start=start, end=end, team=team_name)
    except TeamNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json({"from": start.isoformat(), "to": end.isoformat(), "teams": rows})
        return

    def span(seconds: float | None) -> str:
        return describe_duration(seconds) if seconds is not None else "-"

    out.print(f"cases opened {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M} UTC; first response in business hours")
    table = Table("team", "cases", "answered", "open", "median", "p90", "target", "breaches")
    for r in rows:
        rate = f" ({r['breach_rate']:.0%})" if r["breach_rate"] is not None else ""
        table.add_row(r["team"], str(r["cases"]), str(r["answered"]), str(r["open"]),
                      span(r["median_first_response_s"]), span(r["p90_first_response_s"]), span(r["target_s"]),
                      f"{r['breaches']}{rate}")
    out.print(table)


COMMANDS: tuple[click.Group, ...] = (team, route, cases)
