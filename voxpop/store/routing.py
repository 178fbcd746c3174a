"""Repository of routing: teams' routing settings (intents, business hours, service-level target,
lead), routing rules, cases with their mentions and full history, and intent corrections. The
logic (what a rule matches, when a case falls due, what a status change means) is voxpop/route/."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.tables import (
    case_events,
    case_mentions,
    cases,
    intent_corrections,
    mentions,
    notify_destinations,
    queries,
    query_matches,
    route_rule_teams,
    route_rules,
    team_settings,
    teams,
    users,
)
from voxpop.store.users import add_team

#: Office hours on weekdays, the default for a team added without hours.
DEFAULT_HOURS = {day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
STATUSES = ("new", "open", "pending", "closed")
PRIORITIES = ("low", "normal", "high", "urgent")


class TeamNotFound(LookupError):
    pass


class RuleNotFound(LookupError):
    pass


class RuleExists(ValueError):
    pass


class CaseNotFound(LookupError):
    pass


# ---- teams ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeamRow:
    id: int
    name: str
    intents: list[str]
    timezone: str
    business_hours: dict[str, Any]
    first_response_s: int | None
    lead_destination_id: int | None
    lead_destination: str | None

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "intents": self.intents, "timezone": self.timezone,
                "business_hours": self.business_hours, "first_response_s": self.first_response_s,
                "lead_destination": self.lead_destination}


def _team_query() -> sa.Select[Any]:
    return (sa.select(teams.c.id, teams.c.name, team_settings.c.intents, team_settings.c.timezone,
                      team_settings.c.business_hours, team_settings.c.first_response_s,
                      team_settings.c.lead_destination_id, notify_destinations.c.name.label("lead_destination"))
            .select_from(teams)
            .outerjoin(team_settings, team_settings.c.team_id == teams.c.id)
            .outerjoin(notify_destinations, notify_destinations.c.id == team_settings.c.lead_destination_id))


def _team(r: Any) -> TeamRow:
    # a team made elsewhere (voxpop user / the web app) has no settings yet: the defaults apply
    return TeamRow(int(r.id), r.name, list(r.intents or []), r.timezone or "UTC",
                   dict(r.business_hours or DEFAULT_HOURS), r.first_response_s, r.lead_destination_id,
                   r.lead_destination)


def save_team(
    conn: Connection, *, name: str, intents: Sequence[str] | None = None, timezone: str | None = None,
    business_hours: dict[str, Any] | None = None, first_response_s: int | None = None,
    clear_first_response: bool = False, lead_destination_id: int | None = None, clear_lead: bool = False,
) -> TeamRow:
    """Create the team if it is new, then set the given settings (None leaves a setting as it is)."""
    team_id = add_team(conn, name=name)
    now = datetime.now(UTC)
    current = conn.execute(sa.select(team_settings).where(team_settings.c.team_id == team_id)).first()
    values: dict[str, Any] = {"updated_at": now}
    if intents is not None:
        values["intents"] = list(dict.fromkeys(intents))
    if timezone is not None:
        values["timezone"] = timezone
    if business_hours is not None:
        values["business_hours"] = business_hours
    if first_response_s is not None or clear_first_response:
        values["first_response_s"] = first_response_s
    if lead_destination_id is not None or clear_lead:
        values["lead_destination_id"] = lead_destination_id
    if current is None:
        values.setdefault("intents", [])
        values.setdefault("business_hours", DEFAULT_HOURS)
        conn.execute(team_settings.insert().values(team_id=team_id, **values))
    else:
        conn.execute(team_settings.update().where(team_settings.c.team_id == team_id).values(**values))
    return get_team(conn, team_id=team_id)


def get_team(conn: Connection, *, team_id: int | None = None, name: str | None = None) -> TeamRow:
    query = _team_query()
    query = query.where(teams.c.id == team_id) if team_id is not None else query.where(teams.c.name == name)
    row = conn.execute(query).first()
    if row is None:
        raise TeamNotFound(f"no team called {name!r}" if name is not None else f"no team with id {team_id}")
    return _team(row)


def list_team_rows(conn: Connection) -> list[TeamRow]:
    return [_team(r) for r in conn.execute(_team_query().order_by(teams.c.name))]


def remove_team(conn: Connection, *, name: str) -> int:
    """Remove a team: its settings and rule links go; its cases stay, without a team. Returns the
    number of its cases that were not closed."""
    team = get_team(conn, name=name)
    open_cases = int(conn.execute(sa.select(sa.func.count()).select_from(cases).where(
        cases.c.team_id == team.id, cases.c.status != "closed")).scalar_one())
    conn.execute(teams.delete().where(teams.c.id == team.id))
    return open_cases


# ---- rules ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleRow:
    id: int
    name: str
    query_id: int | None
    query_name: str | None
    conditions: dict[str, Any]
    priority: str
    tags: list[str]
    enabled: bool
    team_ids: list[int] = field(default_factory=list)
    team_names: list[str] = field(default_factory=list)

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "query": self.query_name, "conditions": self.conditions,
                "teams": self.team_names, "priority": self.priority, "tags": self.tags, "enabled": self.enabled}


def add_rule(
    conn: Connection, *, name: str, team_ids: Sequence[int], query_id: int | None, conditions: dict[str, Any],
    priority: str = "normal", tags: Sequence[str] = (),
) -> RuleRow:
    if conn.execute(sa.select(route_rules.c.id).where(route_rules.c.name == name)).first() is not None:
        raise RuleExists(f"a routing rule called {name!r} already exists")
    now = datetime.now(UTC)
    rule_id = int(conn.execute(route_rules.insert().values(
        name=name, query_id=query_id, conditions=conditions, priority=priority, tags=list(dict.fromkeys(tags)),
        enabled=True, created_at=now, updated_at=now).returning(route_rules.c.id)).scalar_one())
    conn.execute(route_rule_teams.insert(), [{"rule_id": rule_id, "team_id": t} for t in dict.fromkeys(team_ids)])
    return get_rule(conn, name=name)


def list_rules(conn: Connection, *, enabled_only: bool = False) -> list[RuleRow]:
    query = (sa.select(route_rules, queries.c.name.label("query_name"))
             .outerjoin(queries, queries.c.id == route_rules.c.query_id).order_by(route_rules.c.name))
    if enabled_only:
        query = query.where(route_rules.c.enabled.is_(True))
    rows = conn.execute(query).all()
    links: dict[int, list[tuple[int, str]]] = {}
    for link in conn.execute(sa.select(route_rule_teams.c.rule_id, teams.c.id, teams.c.name)
                             .join(teams, teams.c.id == route_rule_teams.c.team_id).order_by(teams.c.name)):
        links.setdefault(int(link.rule_id), []).append((int(link.id), link.name))
    return [RuleRow(int(r.id), r.name, r.query_id, r.query_name, dict(r.conditions), r.priority, list(r.tags),
                    bool(r.enabled), [t for t, _ in links.get(int(r.id), [])],
                    [n for _, n in links.get(int(r.id), [])]) for r in rows]


def get_rule(conn: Connection, *, name: str) -> RuleRow:
    for rule in list_rules(conn):
        if rule.name == name:
            return rule
    raise RuleNotFound(f"no routing rule called {name!r}")


def remove_rule(conn: Connection, *, name: str) -> None:
    if not conn.execute(route_rules.delete().where(route_rules.c.name == name)).rowcount:
        raise RuleNotFound(f"no routing rule called {name!r}")


def matched_queries(conn: Connection, *, mention_ids: Sequence[int]) -> dict[int, set[int]]:
    """The saved queries each of these mentions matched."""
    found: dict[int, set[int]] = {}
    if mention_ids:
        for r in conn.execute(sa.select(query_matches.c.mention_id, query_matches.c.query_id)
                              .where(query_matches.c.mention_id.in_(list(mention_ids)))):
            found.setdefault(int(r.mention_id), set()).add(int(r.query_id))
    return found


# ---- cases ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: int
    team_id: int | None
    team: str | None
    mention_id: int | None
    cluster_id: int | None
    status: str
    priority: str
    assignee_id: int | None
    assignee: str | None
    tags: list[str]
    intent: str | None
    origin: str
    reason: dict[str, Any]
    opened_at: datetime
    due_at: datetime | None
    first_response_at: datetime | None
    response_business_s: int | None
    breached_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime
    mentions: int = 1

    def public(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.astimezone(UTC).isoformat() if value is not None else None

        return {"id": self.id, "team": self.team, "mention_id": self.mention_id, "cluster_id": self.cluster_id,
                "status": self.status, "priority": self.priority, "assignee": self.assignee, "tags": self.tags,
                "intent": self.intent, "origin": self.origin, "reason": self.reason, "mentions": self.mentions,
                "opened_at": iso(self.opened_at), "due_at": iso(self.due_at),
                "first_response_at": iso(self.first_response_at), "response_business_s": self.response_business_s,
                "breached": self.breached_at is not None, "breached_at": iso(self.breached_at),
                "closed_at": iso(self.closed_at), "updated_at": iso(self.updated_at)}


def _case_query() -> sa.Select[Any]:
    count = (sa.select(sa.func.count()).select_from(case_mentions).where(case_mentions.c.case_id == cases.c.id)
             .correlate(cases).scalar_subquery())
    return (sa.select(cases, teams.c.name.label("team_name"), users.c.username.label("assignee_name"),
                      count.label("mention_count"))
            .outerjoin(teams, teams.c.id == cases.c.team_id)
            .outerjoin(users, users.c.id == cases.c.assignee_id))


def _case(r: Any) -> CaseRow:
    return CaseRow(int(r.id), r.team_id, r.team_name, r.mention_id, r.cluster_id, r.status, r.priority,
                   r.assignee_id, r.assignee_name, list(r.tags or []), r.intent, r.origin, dict(r.reason or {}),
                   r.opened_at, r.due_at, r.first_response_at, r.response_business_s, r.breached_at, r.closed_at,
                   r.updated_at, int(r.mention_count or 0))


def insert_case(conn: Connection, *, mention_id: int, **values: Any) -> int:
    case_id = int(conn.execute(cases.insert().values(mention_id=mention_id, **values)
                               .returning(cases.c.id)).scalar_one())
    conn.execute(case_mentions.insert().values(case_id=case_id, mention_id=mention_id, added_at=values["opened_at"]))
    return case_id


def add_case_mention(conn: Connection, *, case_id: int, mention_id: int, at: datetime) -> bool:
    present = conn.execute(sa.select(case_mentions.c.case_id).where(
        case_mentions.c.case_id == case_id, case_mentions.c.mention_id == mention_id)).first()
    if present is not None:
        return False
    conn.execute(case_mentions.insert().values(case_id=case_id, mention_id=mention_id, added_at=at))
    conn.execute(cases.update().where(cases.c.id == case_id).values(updated_at=at))
    return True


def open_cluster_case(conn: Connection, *, team_id: int, cluster_id: int) -> int | None:
    """The team's case of this duplicate cluster that is not closed, if any."""
    value = conn.execute(sa.select(cases.c.id).where(
        cases.c.team_id == team_id, cases.c.cluster_id == cluster_id, cases.c.status != "closed")
        .order_by(cases.c.id.desc()).limit(1)).scalar()
    return int(value) if value is not None else None


def routed_pairs(conn: Connection, *, mention_ids: Sequence[int]) -> set[tuple[int, int]]:
    """(mention, team) pairs that already have a case: routing a mention twice opens nothing new."""
    if not mention_ids:
        return set()
    rows = conn.execute(sa.select(case_mentions.c.mention_id, cases.c.team_id)
                        .join(cases, cases.c.id == case_mentions.c.case_id)
                        .where(case_mentions.c.mention_id.in_(list(mention_ids))))
    return {(int(r.mention_id), int(r.team_id)) for r in rows if r.team_id is not None}


def get_case(conn: Connection, *, case_id: int, for_update: bool = False) -> CaseRow:
    query = _case_query().where(cases.c.id == case_id)
    if for_update and conn.dialect.name == "postgresql":
        # two people changing one case at once: the second waits and sees the first one's change
        conn.execute(sa.select(cases.c.id).where(cases.c.id == case_id).with_for_update())
    row = conn.execute(query).first()
    if row is None:
        raise CaseNotFound(f"no case with id {case_id}")
    return _case(row)


def list_cases(
    conn: Connection, *, team_id: int | None = None, statuses: Sequence[str] | None = None,
    assignee_id: int | None = None, unassigned: bool = False, breached: bool | None = None,
    limit: int = 50, before_id: int | None = None,
) -> list[CaseRow]:
    """Cases newest first (by id), filtered; ``before_id`` pages on."""
    query = _case_query()
    if team_id is not None:
        query = query.where(cases.c.team_id == team_id)
    if statuses:
        query = query.where(cases.c.status.in_(list(statuses)))
    if assignee_id is not None:
        query = query.where(cases.c.assignee_id == assignee_id)
    if unassigned:
        query = query.where(cases.c.assignee_id.is_(None))
    if breached is not None:
        query = query.where(cases.c.breached_at.is_not(None) if breached else cases.c.breached_at.is_(None))
    if before_id is not None:
        query = query.where(cases.c.id < before_id)
    return [_case(r) for r in conn.execute(query.order_by(cases.c.id.desc()).limit(limit))]


def update_case(conn: Connection, *, case_id: int, **values: Any) -> None:
    conn.execute(cases.update().where(cases.c.id == case_id).values(**values))


def add_event(
    conn: Connection, *, case_id: int, actor: str, action: str, old: str | None, new: str | None, at: datetime,
) -> None:
    conn.execute(case_events.insert().values(case_id=case_id, actor=actor, action=action, old_value=old,
                                             new_value=new, created_at=at))


def list_events(conn: Connection, *, case_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(case_events).where(case_events.c.case_id == case_id).order_by(case_events.c.id))
    return [{"at": r.created_at.astimezone(UTC).isoformat(), "actor": r.actor, "action": r.action,
             "old": r.old_value, "new": r.new_value} for r in rows]


def case_mention_ids(conn: Connection, *, case_id: int) -> list[int]:
    return [int(r[0]) for r in conn.execute(sa.select(case_mentions.c.mention_id)
                                            .where(case_mentions.c.case_id == case_id)
                                            .order_by(case_mentions.c.mention_id))]


def overdue_cases(conn: Connection, *, now: datetime) -> list[CaseRow]:
    """Cases past their first-response due time, not answered, not yet flagged."""
    query = _case_query().where(cases.c.due_at <= now, cases.c.first_response_at.is_(None),
                                cases.c.breached_at.is_(None), cases.c.status != "closed")
    return [_case(r) for r in conn.execute(query.order_by(cases.c.id))]


def cases_opened(conn: Connection, *, start: datetime, end: datetime, team_id: int | None = None) -> list[CaseRow]:
    query = _case_query().where(cases.c.opened_at >= start, cases.c.opened_at < end)
    if team_id is not None:
        query = query.where(cases.c.team_id == team_id)
    return [_case(r) for r in conn.execute(query.order_by(cases.c.id))]


def mention_text(conn: Connection, *, mention_id: int) -> tuple[str, str | None] | None:
    row = conn.execute(sa.select(mentions.c.title, mentions.c.text, mentions.c.lang)
                       .where(mentions.c.id == mention_id)).first()
    if row is None:
        return None
    return (f"{row.title}\n{row.text}" if row.title else row.text), row.lang


def find_user_id(conn: Connection, *, username: str) -> int | None:
    value = conn.execute(sa.select(users.c.id).where(users.c.username == username)).scalar()
    return int(value) if value is not None else None


# ---- intent corrections ---------------------------------------------------------------------------


def add_intent_correction(
    conn: Connection, *, mention_id: int, text: str, lang: str | None, label: str, corrected_by: str | None,
) -> int:
    """Keep a user's intent for a mention (replacing an earlier one for the same mention)."""
    conn.execute(intent_corrections.delete().where(intent_corrections.c.mention_id == mention_id))
    return int(conn.execute(intent_corrections.insert().values(
        mention_id=mention_id, text=text, lang=lang, label=label, corrected_by=corrected_by,
        created_at=datetime.now(UTC)).returning(intent_corrections.c.id)).scalar_one())


def list_intent_corrections(conn: Connection) -> list[tuple[str, str | None, str]]:
    rows = conn.execute(sa.select(intent_corrections.c.text, intent_corrections.c.lang, intent_corrections.c.label)
                        .order_by(intent_corrections.c.id))
    return [(r.text, r.lang, r.label) for r in rows]


def intent_correction_state(conn: Connection) -> Any:
    """Changes whenever a correction is added or replaced (the routing stage rebuilds its model then)."""
    return tuple(conn.execute(sa.select(sa.func.count(), sa.func.max(intent_corrections.c.id))
                              .select_from(intent_corrections)).one())
