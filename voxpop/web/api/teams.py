"""/api/v1/teams and /api/v1/rules: teams (members, intents, business hours and time zone,
first-response target, the lead's destination) and routing rules (a saved query and conditions →
teams with a priority and tags). Everyone reads them; admins change them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy.engine import Connection

from voxpop.store.routing import RuleExists, RuleNotFound, RuleRow, TeamNotFound, TeamRow, get_team, list_team_rows
from voxpop.web.auth import Admin, StoreDep, Viewer
from voxpop.web.errors import ApiError
from voxpop.web.models import (
    Id,
    Removed,
    RuleCreate,
    RuleList,
    RulePublic,
    TeamCreate,
    TeamList,
    TeamPublic,
    TeamRemoved,
    TeamUpdate,
)

teams_router = APIRouter(prefix="/teams", tags=["teams"])
rules_router = APIRouter(prefix="/rules", tags=["routing rules"])
CONDITION_NAMES = frozenset({"channels", "langs", "sentiments", "sources", "spam", "min_followers", "max_followers"})


def members_by_team(conn: Connection) -> dict[str, list[str]]:
    from voxpop.store.users import list_users, user_teams

    found: dict[str, list[str]] = {}
    for user in list_users(conn):
        for name in user_teams(conn, user_id=user.id):
            found.setdefault(name, []).append(user.username)
    return found


def team_public(row: TeamRow, members: dict[str, list[str]]) -> TeamPublic:
    from voxpop.route.cases import hours_of

    return TeamPublic(id=row.id, name=row.name, intents=row.intents, timezone=row.timezone,
                      hours=hours_of(row).describe(), business_hours=row.business_hours,
                      first_response_s=row.first_response_s, lead_destination=row.lead_destination,
                      members=sorted(members.get(row.name, [])))


def _get_team(conn: Connection, team_id: int) -> TeamRow:
    try:
        return get_team(conn, team_id=team_id)
    except TeamNotFound:
        raise ApiError(404, f"no team {team_id}") from None


def save_team_settings(conn: Connection, *, name: str, current: TeamRow | None, changes: dict[str, Any]) -> TeamRow:
    """Check and store a team's settings (hours in the team's zone, target, lead, members); a
    setting that cannot be understood is a 422 naming its field."""
    from voxpop.route.sla import BusinessHours, HoursInvalid, parse_duration, parse_hours
    from voxpop.store.outbox import DestinationNotFound, get_destination
    from voxpop.store.routing import DEFAULT_HOURS, save_team
    from voxpop.store.users import add_member, find_user, remove_member

    def refuse(field: str, message: str) -> ApiError:
        return ApiError(422, message, problems=[{"field": field, "message": message}])

    zone = changes.get("timezone") or (current.timezone if current else "UTC")
    business_hours = None
    try:
        existing = BusinessHours.from_json(current.business_hours if current else DEFAULT_HOURS, timezone=zone)
        if changes.get("hours") is not None or changes.get("closed") is not None:
            closed = changes.get("closed")
            kept = tuple(d.isoformat() for d in existing.closed) if closed is None else tuple(closed)
            business_hours = parse_hours(changes.get("hours") or existing.describe(), timezone=zone,
                                         closed=kept).to_json()
    except HoursInvalid as exc:
        raise refuse("hours" if "zone" not in str(exc) else "timezone", str(exc)) from None
    target, clear_target = None, False
    first_response = changes.get("first_response")
    if first_response is not None:
        if first_response.strip().lower() == "none":
            clear_target = True
        else:
            try:
                target = parse_duration(first_response)
            except HoursInvalid as exc:
                raise refuse("first_response", str(exc)) from None
    lead_id, clear_lead = None, False
    lead = changes.get("lead_destination")
    if lead is not None:
        if lead.strip().lower() == "none":
            clear_lead = True
        else:
            try:
                lead_id = get_destination(conn, name=lead).id
            except DestinationNotFound as exc:
                raise refuse("lead_destination", str(exc)) from None
    wanted_members = changes.get("members")
    member_ids: list[int] = []
    for username in wanted_members or []:
        user = find_user(conn, username=username)
        if user is None:
            raise refuse("members", f"no user called {username!r}")
        member_ids.append(user.id)
    row = save_team(conn, name=name, intents=changes.get("intents"), timezone=changes.get("timezone"),
                    business_hours=business_hours, first_response_s=target, clear_first_response=clear_target,
                    lead_destination_id=lead_id, clear_lead=clear_lead)
    if wanted_members is not None:
        from voxpop.store.users import list_users, user_teams

        for user in list_users(conn):
            if row.name in user_teams(conn, user_id=user.id) and user.id not in member_ids:
                remove_member(conn, team_id=row.id, user_id=user.id)
        for user_id in member_ids:
            add_member(conn, team_id=row.id, user_id=user_id)
    return row


@teams_router.get("", response_model=TeamList, summary="Teams with their members, hours and service-level target")
def list_teams(_: Viewer, store: StoreDep) -> TeamList:
    with store.read() as conn:
        members = members_by_team(conn)
        return TeamList(teams=[team_public(t, members) for t in list_team_rows(conn)])


@teams_router.get("/{team_id}", response_model=TeamPublic, summary="One team")
def get_one_team(team_id: Id, _: Viewer, store: StoreDep) -> TeamPublic:
    with store.read() as conn:
        return team_public(_get_team(conn, team_id), members_by_team(conn))


@teams_router.post("", response_model=TeamPublic, status_code=201, summary="Add a team")
def add_team(body: TeamCreate, _: Admin, store: StoreDep) -> TeamPublic:
    with store.write() as conn:
        try:
            get_team(conn, name=body.name)
            raise ApiError(409, f"a team called {body.name!r} already exists")
        except TeamNotFound:
            pass
        row = save_team_settings(conn, name=body.name, current=None, changes=body.model_dump())
        return team_public(row, members_by_team(conn))


@teams_router.patch("/{team_id}", response_model=TeamPublic,
                    summary="Change a team's intents, hours, zone, target, lead or members (the given fields only)")
def update_team(team_id: Id, body: TeamUpdate, _: Admin, store: StoreDep) -> TeamPublic:
    with store.write() as conn:
        current = _get_team(conn, team_id)
        row = save_team_settings(conn, name=current.name, current=current, changes=body.model_dump(exclude_unset=True))
        return team_public(row, members_by_team(conn))


@teams_router.delete("/{team_id}", response_model=TeamRemoved,
                     summary="Remove a team (its cases stay, without a team; the answer counts those not closed)")
def remove_team(team_id: Id, _: Admin, store: StoreDep) -> TeamRemoved:
    from voxpop.store.routing import remove_team as remove

    with store.write() as conn:
        row = _get_team(conn, team_id)
        still_open = remove(conn, name=row.name)
    return TeamRemoved(removed=row.name, open_cases=still_open)


# ---- routing rules -------------------------------------------------------------------------------


def rule_public(row: RuleRow) -> RulePublic:
    return RulePublic(id=row.id, name=row.name, query=row.query_name, conditions=row.conditions,
                      teams=row.team_names, priority=row.priority, tags=row.tags, enabled=row.enabled)


def add_rule_checked(conn: Connection, body: RuleCreate) -> RuleRow:
    """A rule as ``voxpop route add`` checks it: known teams and query, valid conditions, and at
    least a query or one condition (a rule with neither would route every mention)."""
    from voxpop.route.rules import Conditions, RuleInvalid
    from voxpop.store.queries import QueryNotFound, get_query
    from voxpop.store.routing import add_rule

    try:
        unknown = set(body.conditions) - CONDITION_NAMES
        conditions = Conditions.from_json(body.conditions)
        if unknown:
            raise RuleInvalid(f"unknown condition {sorted(unknown)[0]!r}")
    except (RuleInvalid, TypeError, ValueError) as exc:
        raise ApiError(422, str(exc), problems=[{"field": "conditions", "message": str(exc)}]) from None
    if body.query is None and conditions.is_empty():
        message = "a rule needs a query or at least one condition (otherwise it would route every mention)"
        raise ApiError(422, message, problems=[{"field": "conditions", "message": message}])
    try:
        team_ids = [get_team(conn, name=n).id for n in body.teams]
        query_id = get_query(conn, name=body.query).id if body.query else None
    except (TeamNotFound, QueryNotFound) as exc:
        raise ApiError(422, str(exc)) from None
    try:
        return add_rule(conn, name=body.name, team_ids=team_ids, query_id=query_id, conditions=conditions.to_json(),
                        priority=body.priority, tags=body.tags)
    except RuleExists as exc:
        raise ApiError(409, str(exc)) from None


def _get_rule(conn: Connection, rule_id: int) -> RuleRow:
    from voxpop.store.routing import list_rules

    for rule in list_rules(conn):
        if rule.id == rule_id:
            return rule
    raise ApiError(404, f"no routing rule {rule_id}")


@rules_router.get("", response_model=RuleList, summary="Routing rules")
def list_rules(_: Viewer, store: StoreDep) -> RuleList:
    from voxpop.store.routing import list_rules as rows

    with store.read() as conn:
        return RuleList(rules=[rule_public(r) for r in rows(conn)])


@rules_router.get("/{rule_id}", response_model=RulePublic, summary="One routing rule")
def get_one_rule(rule_id: Id, _: Viewer, store: StoreDep) -> RulePublic:
    with store.read() as conn:
        return rule_public(_get_rule(conn, rule_id))


@rules_router.post("", response_model=RulePublic, status_code=201,
                   summary="Add a routing rule: mentions matching its query and conditions go to its teams")
def add_rule(body: RuleCreate, _: Admin, store: StoreDep) -> RulePublic:
    with store.write() as conn:
        return rule_public(add_rule_checked(conn, body))


@rules_router.delete("/{rule_id}", response_model=Removed, summary="Remove a routing rule (its cases stay)")
def remove_rule(rule_id: Id, _: Admin, store: StoreDep) -> Removed:
    from voxpop.store.routing import remove_rule as remove

    with store.write() as conn:
        row = _get_rule(conn, rule_id)
        try:
            remove(conn, name=row.name)
        except RuleNotFound:
            raise ApiError(404, f"no routing rule {rule_id}") from None
    return Removed(removed=row.name)
