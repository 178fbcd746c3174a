"""Cases: what happens when a mention reaches a team (a new case, or the open case of its duplicate
cluster), and every change after — status, assignee, priority, notes, intent — each written as a
history row (who, what, when, old → new) in the same transaction as the change. Also the
first-response clock: the due time in the team's business hours, breaches flagged and the team
lead notified through the outbox in the same transaction, and the response-time report.

Every function takes the caller's connection (``store.write()``) and commits nothing itself.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection

from voxpop.records import Mention
from voxpop.route.intent import check_label
from voxpop.route.rules import Route, check_priority
from voxpop.route.sla import BusinessHours, describe_duration
from voxpop.store.routing import (
    STATUSES,
    CaseNotFound,
    CaseRow,
    TeamRow,
    add_case_mention,
    add_event,
    add_intent_correction,
    cases_opened,
    find_user_id,
    get_case,
    get_team,
    insert_case,
    list_team_rows,
    mention_text,
    open_cluster_case,
    overdue_cases,
    update_case,
)

#: The actor written in the history for what voxpop itself does (routing, breaches).
SYSTEM = "voxpop"


class CaseError(ValueError):
    """A change a case cannot take (unknown status, user or intent; no team takes the intent)."""


def hours_of(team: TeamRow) -> BusinessHours:
    return BusinessHours.from_json(team.business_hours, timezone=team.timezone)


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


# ---- opening ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Opened:
    case_id: int
    team_id: int
    joined: bool  # the mention joined its cluster's open case instead of opening one


def open_case(
    conn: Connection, *, mention: Mention, route: Route, team: TeamRow, now: datetime | None = None,
) -> Opened:
    """Put a routed mention in its team's inbox: into the open case of its duplicate cluster if the
    team has one, otherwise into a new case whose first-response clock starts now."""
    at = _now(now)
    if mention.cluster_id is not None:
        existing = open_cluster_case(conn, team_id=team.id, cluster_id=mention.cluster_id)
        if existing is not None:
            if add_case_mention(conn, case_id=existing, mention_id=mention.id, at=at):
                add_event(conn, case_id=existing, actor=SYSTEM, action="mention", old=None, new=str(mention.id), at=at)
            return Opened(existing, team.id, True)
    due = hours_of(team).add(at, team.first_response_s) if team.first_response_s else None
    case_id = insert_case(
        conn, mention_id=mention.id, team_id=team.id, cluster_id=mention.cluster_id, status="new",
        priority=route.priority, tags=route.tags, intent=route.intent, origin=route.origin, reason=route.reason(),
        opened_at=at, due_at=due, updated_at=at,
    )
    why = ", ".join(route.rules) if route.origin == "rule" else f"intent {route.intent}"
    add_event(conn, case_id=case_id, actor=SYSTEM, action="opened", old=None, new=f"{team.name} ({why})", at=at)
    return Opened(case_id, team.id, False)


# ---- changes ----------------------------------------------------------------------------------------


def _record_response(conn: Connection, case: CaseRow, at: datetime) -> dict[str, Any]:
    """The first response: the case leaves ``new`` for the first time. Its business time is kept,
    and a response after the due time is a breach (flagged now if the clock check had not yet)."""
    if case.first_response_at is not None:
        return {}
    values: dict[str, Any] = {"first_response_at": at}
    if case.team_id is not None:
        team = get_team(conn, team_id=case.team_id)
        values["response_business_s"] = round(hours_of(team).business_seconds(case.opened_at, at))
        if case.due_at is not None and at > case.due_at and case.breached_at is None:
            _flag_breach(conn, case, team, at, answered=True)
    return values


def change_status(conn: Connection, *, case_id: int, status: str, actor: str, now: datetime | None = None) -> CaseRow:
    status = status.strip().lower()
    if status not in STATUSES:
        raise CaseError(f"unknown status {status!r}: use {', '.join(STATUSES)}")
    at = _now(now)
    case = get_case(conn, case_id=case_id, for_update=True)
    if case.status == status:
        return case
    values: dict[str, Any] = {"status": status, "updated_at": at}
    if status != "new":
        values.update(_record_response(conn, case, at))
    values["closed_at"] = at if status == "closed" else None
    update_case(conn, case_id=case_id, **values)
    add_event(conn, case_id=case_id, actor=actor, action="status", old=case.status, new=status, at=at)
    return get_case(conn, case_id=case_id)


def assign(conn: Connection, *, case_id: int, username: str | None, actor: str, now: datetime | None = None) -> CaseRow:
    """Give the case to a user (by username), or take it from whoever has it (None)."""
    at = _now(now)
    case = get_case(conn, case_id=case_id, for_update=True)
    user_id = None
    if username is not None:
        user_id = find_user_id(conn, username=username)
        if user_id is None:
            raise CaseError(f"no user called {username!r}")
    if user_id == case.assignee_id:
        return case
    update_case(conn, case_id=case_id, assignee_id=user_id, updated_at=at)
    add_event(conn, case_id=case_id, actor=actor, action="assignee", old=case.assignee, new=username, at=at)
    return get_case(conn, case_id=case_id)


def set_priority(conn: Connection, *, case_id: int, priority: str, actor: str, now: datetime | None = None) -> CaseRow:
    at = _now(now)
    priority = check_priority(priority)
    case = get_case(conn, case_id=case_id, for_update=True)
    if case.priority == priority:
        return case
    update_case(conn, case_id=case_id, priority=priority, updated_at=at)
    add_event(conn, case_id=case_id, actor=actor, action="priority", old=case.priority, new=priority, at=at)
    return get_case(conn, case_id=case_id)


def add_note(conn: Connection, *, case_id: int, text: str, actor: str, now: datetime | None = None) -> CaseRow:
    """An internal note (not a response: the first-response clock keeps running)."""
    text = text.strip()
    if not text:
        raise CaseError("a note needs some text")
    at = _now(now)
    get_case(conn, case_id=case_id, for_update=True)
    update_case(conn, case_id=case_id, updated_at=at)
    add_event(conn, case_id=case_id, actor=actor, action="note", old=None, new=text[:10_000], at=at)
    return get_case(conn, case_id=case_id)


def correct_intent(conn: Connection, *, case_id: int, intent: str, actor: str, now: datetime | None = None) -> CaseRow:
    """A user says what the case's mention is really about. The correction is kept (the classifier
    learns from it for unseen mentions), and the case moves to the first team that takes that
    intent; ``none`` closes it (it is for no team)."""
    at = _now(now)
    intent = check_label(intent)
    case = get_case(conn, case_id=case_id, for_update=True)
    if case.mention_id is not None:
        found = mention_text(conn, mention_id=case.mention_id)
        if found is not None:
            add_intent_correction(conn, mention_id=case.mention_id, text=found[0], lang=found[1], label=intent,
                                  corrected_by=actor)
    if intent == case.intent:
        return case
    values: dict[str, Any] = {"intent": intent, "updated_at": at}
    add_event(conn, case_id=case_id, actor=actor, action="intent", old=case.intent, new=intent, at=at)
    if intent == "none":
        if case.status != "closed":
            values.update(status="closed", closed_at=at)
            add_event(conn, case_id=case_id, actor=actor, action="status", old=case.status, new="closed", at=at)
    else:
        target = next((t for t in list_team_rows(conn) if intent in t.intents), None)
        if target is None:
            raise CaseError(f"no team takes {intent!r} mentions: add one with 'voxpop team add NAME --intent {intent}'")
        if target.id != case.team_id:
            values["team_id"] = target.id
            if case.first_response_at is None and target.first_response_s:
                values["due_at"] = hours_of(target).add(case.opened_at, target.first_response_s)
            add_event(conn, case_id=case_id, actor=actor, action="team", old=case.team, new=target.name, at=at)
    update_case(conn, case_id=case_id, **values)
    return get_case(conn, case_id=case_id)


# ---- the first-response clock -------------------------------------------------------------------------


def _flag_breach(conn: Connection, case: CaseRow, team: TeamRow, at: datetime, *, answered: bool = False) -> None:
    """Flag a breach (at the due time: that is when it happened) and tell the team's lead, in the
    caller's transaction, so the flag and the notice exist together or not at all."""
    when = case.due_at or at
    update_case(conn, case_id=case.id, breached_at=when, updated_at=at)
    add_event(conn, case_id=case.id, actor=SYSTEM, action="sla_breach", old=None,
              new=f"first response due {when.astimezone(UTC).isoformat()}", at=at)
    if team.lead_destination_id is None:
        return
    from voxpop.notify.outbox import enqueue

    target = describe_duration(team.first_response_s or 0)
    enqueue(conn, event_key=f"case:{case.id}:sla-breach", destination_id=team.lead_destination_id, payload={
        "title": f"Case #{case.id} ({team.name}) missed its first-response target of {target}",
        "kind": "sla", "severity": "critical" if case.priority == "urgent" else "warning",
        "text": f"Opened {case.opened_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC, due "
                f"{when.astimezone(UTC):%Y-%m-%d %H:%M} UTC (business hours {hours_of(team).describe()}, "
                f"{team.timezone}); "
                + ("the first response came after that." if answered else "no one has responded yet."),
        "fields": {"team": team.name, "case": str(case.id), "priority": case.priority,
                   "status": case.status, "assignee": case.assignee or "nobody",
                   "intent": case.intent or "-", "target": target},
    })


def check_breaches(conn: Connection, *, now: datetime | None = None) -> list[int]:
    """Flag every unanswered case whose first response is overdue; returns their ids."""
    at = _now(now)
    flagged = []
    teams: dict[int, TeamRow] = {}
    for case in overdue_cases(conn, now=at):
        if case.team_id is None:
            continue
        team = teams.get(case.team_id) or get_team(conn, team_id=case.team_id)
        teams[case.team_id] = team
        _flag_breach(conn, case, team, at)
        flagged.append(case.id)
    return flagged


# ---- the report -----------------------------------------------------------------------------------------


def _percentile(values: Sequence[float], q: float) -> float | None:
    """The q-quantile by linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def response_report(
    conn: Connection, *, start: datetime, end: datetime, team: str | None = None, now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Per team, over cases opened in [start, end): how many, how many answered, median and p90 of
    the first response in business time (seconds), how many breached, how many are still open.
    A case not yet answered counts as breached once its due time has passed, whether or not the
    clock check has flagged it yet."""
    at = _now(now)
    team_rows = [get_team(conn, name=team)] if team is not None else list_team_rows(conn)
    report = []
    for row in team_rows:
        opened = cases_opened(conn, start=start, end=end, team_id=row.id)
        responses = [float(c.response_business_s) for c in opened if c.response_business_s is not None]
        breached = [c for c in opened if c.breached_at is not None
                    or (c.first_response_at is None and c.due_at is not None and c.due_at <= at)]
        report.append({
            "team": row.name, "cases": len(opened), "answered": len(responses),
            "unanswered": len(opened) - len(responses),
            "open": sum(1 for c in opened if c.status != "closed"),
            "median_first_response_s": statistics.median(responses) if responses else None,
            "p90_first_response_s": _percentile(responses, 0.9),
            "breaches": len(breached),
            "breach_rate": round(len(breached) / len(opened), 4) if opened else None,
            "target_s": row.first_response_s,
        })
    return report


__all__ = ["SYSTEM", "CaseError", "CaseNotFound", "Opened", "add_note", "assign", "change_status", "check_breaches",
           "correct_intent", "hours_of", "open_case", "response_report", "set_priority"]
