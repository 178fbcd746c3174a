"""/api/v1/cases: the inbox. Cases of the teams a user belongs to (admins: every case), filtered by
status, priority, assignee and team; a case with its history, mentions and first-response clock;
assignment, status, priority, notes and intent correction (which re-routes the case).

Every change goes through voxpop/route/cases.py on one write connection, so the change and its
history row are one transaction. Changing a case needs the editor role and sight of the case.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy.engine import Connection

from voxpop.store.routing import CaseNotFound, CaseRow, TeamRow, get_case, list_cases, list_team_rows
from voxpop.web.auth import Editor, Principal, StoreDep, Viewer
from voxpop.web.errors import ApiError
from voxpop.web.models import (
    CaseDetail,
    CaseEvent,
    CaseList,
    CasePublic,
    CaseSla,
    CaseUpdate,
    Id,
    NoteCreate,
    Priority,
    Status,
)

router = APIRouter(prefix="/cases", tags=["cases"])


def visible_teams(conn: Connection, who: Principal) -> list[TeamRow]:
    """The teams whose cases this user sees: their own, or every team for an admin."""
    from voxpop.store.users import user_teams

    rows = list_team_rows(conn)
    if who.user.role == "admin":
        return rows
    mine = set(user_teams(conn, user_id=who.user.id))
    return [t for t in rows if t.name in mine]


def sla_of(case: CaseRow, team: TeamRow | None, now: datetime) -> CaseSla:
    """The first-response clock as the inbox shows it: business time left (negative: overdue)."""
    from voxpop.route.cases import hours_of

    responded = case.first_response_at is not None
    breached = case.breached_at is not None or (not responded and case.due_at is not None and case.due_at <= now)
    left = None
    if not responded and case.due_at is not None and team is not None and case.status != "closed":
        hours = hours_of(team)
        left = hours.business_seconds(now, case.due_at) if now < case.due_at else -hours.business_seconds(
            case.due_at, now)
    return CaseSla(due_at=case.due_at, business_s_left=left, responded=responded, breached=breached)


def case_public(case: CaseRow, teams: dict[int, TeamRow], now: datetime | None = None) -> CasePublic:
    team = teams.get(case.team_id) if case.team_id is not None else None
    return CasePublic(
        id=case.id, team=case.team, mention_id=case.mention_id, cluster_id=case.cluster_id, status=case.status,
        priority=case.priority, assignee=case.assignee, tags=case.tags, intent=case.intent, origin=case.origin,
        reason=case.reason, mentions=case.mentions, opened_at=case.opened_at, first_response_at=case.first_response_at,
        response_business_s=case.response_business_s, closed_at=case.closed_at, updated_at=case.updated_at,
        sla=sla_of(case, team, now or datetime.now(UTC)))


def find_cases(conn: Connection, who: Principal, *, team: str | None = None, statuses: list[str] | None = None,
               priority: str | None = None, assignee: str | None = None, breached: bool | None = None,
               limit: int = 50, before: int | None = None) -> tuple[list[CaseRow], int | None, list[TeamRow]]:
    """One page of the cases this user may see, newest first, and the id to page on from."""
    from voxpop.store.routing import find_user_id

    teams = visible_teams(conn, who)
    if team is not None:
        teams = [t for t in teams if t.name == team]
    assignee_id = None
    if assignee and assignee != "nobody":
        assignee_id = find_user_id(conn, username=assignee)
        if assignee_id is None:
            return [], None, teams
    # one keyset page per team, merged: a member of several teams sees them as one inbox
    scopes: list[int | None] = [t.id for t in teams] if (team is not None or who.user.role != "admin") else [None]
    found: dict[int, CaseRow] = {}
    fetch = limit + 1 if priority is None else max(limit * 4, 200)
    for scope in scopes:
        for case in list_cases(conn, team_id=scope, statuses=statuses, assignee_id=assignee_id,
                               unassigned=assignee == "nobody", breached=breached, limit=fetch, before_id=before):
            if priority is None or case.priority == priority:
                found[case.id] = case
    ordered = sorted(found.values(), key=lambda c: -c.id)
    page = ordered[:limit]
    return page, (page[-1].id if len(ordered) > limit and page else None), teams


def visible_case(conn: Connection, who: Principal, case_id: int) -> CaseRow:
    """The case, or 404 when it does not exist or belongs to a team the user is not in."""
    try:
        case = get_case(conn, case_id=case_id)
    except CaseNotFound:
        raise ApiError(404, f"no case {case_id}") from None
    if who.user.role != "admin" and case.team_id not in {t.id for t in visible_teams(conn, who)}:
        raise ApiError(404, f"no case {case_id}")  # the same answer as a missing case: no probing
    return case


def case_detail(conn: Connection, case: CaseRow) -> CaseDetail:
    from voxpop.store.mentions import get_mention
    from voxpop.store.routing import case_mention_ids, list_events
    from voxpop.web.api.mentions import mention_public

    teams = {t.id: t for t in list_team_rows(conn)}
    found = [get_mention(conn, mention_id=i) for i in case_mention_ids(conn, case_id=case.id)[:50]]
    return CaseDetail(**case_public(case, teams).model_dump(),
                      history=[CaseEvent.model_validate(e) for e in list_events(conn, case_id=case.id)],
                      mention_list=[mention_public(m) for m in found if m is not None])


def apply_changes(conn: Connection, *, case_id: int, actor: str, changes: dict[str, Any]) -> None:
    """Each change through the case functions (a history row each); CaseError & co become 422."""
    from voxpop.route import cases as case_ops
    from voxpop.route.intent import IntentError
    from voxpop.route.rules import RuleInvalid

    try:
        if "assignee" in changes:
            case_ops.assign(conn, case_id=case_id, username=changes["assignee"] or None, actor=actor)
        if changes.get("priority") is not None:
            case_ops.set_priority(conn, case_id=case_id, priority=changes["priority"], actor=actor)
        if changes.get("status") is not None:
            case_ops.change_status(conn, case_id=case_id, status=changes["status"], actor=actor)
        if changes.get("intent") is not None:
            case_ops.correct_intent(conn, case_id=case_id, intent=changes["intent"], actor=actor)
        if changes.get("note"):
            case_ops.add_note(conn, case_id=case_id, text=changes["note"], actor=actor)
    except (case_ops.CaseError, IntentError, RuleInvalid) as exc:
        raise ApiError(422, str(exc)) from None
    except CaseNotFound:
        raise ApiError(404, f"no case {case_id}") from None


@router.get("", response_model=CaseList, summary="Cases of your teams (admins: all), newest first, filtered")
def list_page(
    who: Viewer, store: StoreDep,
    status: Annotated[list[Status] | None, Query(description="one or more statuses")] = None,
    priority: Priority | None = None,
    assignee: Annotated[str | None, Query(max_length=100, description="a username, or 'nobody'")] = None,
    team: Annotated[str | None, Query(max_length=200)] = None,
    breached: bool | None = None,
    before: Annotated[int | None, Query(ge=1, le=2**63 - 1, description="next_before of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> CaseList:
    with store.read() as conn:
        rows, next_before, _ = find_cases(conn, who, team=team, statuses=list(status or []) or None,
                                          priority=priority, assignee=assignee, breached=breached, limit=limit,
                                          before=before)
        teams = {t.id: t for t in list_team_rows(conn)}
    now = datetime.now(UTC)
    return CaseList(cases=[case_public(c, teams, now) for c in rows], next_before=next_before)


@router.get("/{case_id}", response_model=CaseDetail, summary="A case with its history, mentions and SLA clock")
def get_one(case_id: Id, who: Viewer, store: StoreDep) -> CaseDetail:
    with store.read() as conn:
        return case_detail(conn, visible_case(conn, who, case_id))


@router.patch("/{case_id}", response_model=CaseDetail,
              summary="Assign, change status or priority, or correct the intent (re-routes the case)")
def update(case_id: Id, body: CaseUpdate, who: Editor, store: StoreDep) -> CaseDetail:
    changes = body.model_dump(exclude_unset=True)
    with store.write() as conn:
        visible_case(conn, who, case_id)
        apply_changes(conn, case_id=case_id, actor=who.user.username, changes=changes)
    with store.read() as conn:
        return case_detail(conn, get_case(conn, case_id=case_id))


@router.post("/{case_id}/notes", response_model=CaseDetail, status_code=201,
             summary="Add an internal note (not a response: the first-response clock keeps running)")
def add_note(case_id: Id, body: NoteCreate, who: Editor, store: StoreDep) -> CaseDetail:
    with store.write() as conn:
        visible_case(conn, who, case_id)
        apply_changes(conn, case_id=case_id, actor=who.user.username, changes={"note": body.text})
    with store.read() as conn:
        return case_detail(conn, get_case(conn, case_id=case_id))
