"""The inbox screens: the cases of the user's teams (admins: all) with filters and first-response
timers, and one case with its mentions, history and the forms that change it (assignee, status,
priority, intent, notes). The same visibility and change functions as /api/v1/cases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from voxpop.web.api.cases import apply_changes, case_detail, case_public, find_cases, visible_case, visible_teams
from voxpop.web.auth import PageEditor, PageViewer, StoreDep
from voxpop.web.models import Id

router = APIRouter(include_in_schema=False)

STATUSES = ("new", "open", "pending", "closed")
PRIORITIES = ("low", "normal", "high", "urgent")
INTENTS = ("complaint", "feedback", "hr", "sales", "press", "none")


def timer(seconds: float | None) -> str:
    """Business time left as the inbox shows it: 'due in 1h05m', 'overdue by 20m'."""
    if seconds is None:
        return ""
    minutes = round(abs(seconds) / 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"
    return f"due in {text}" if seconds >= 0 else f"overdue by {text}"


@router.get("/inbox", response_class=HTMLResponse)
def inbox(request: Request, who: PageViewer, store: StoreDep,
          status: Annotated[list[str] | None, Query()] = None, priority: str = "", assignee: str = "",
          team: str = "", before: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None) -> Response:
    from voxpop.store.routing import list_team_rows
    from voxpop.store.users import list_users
    from voxpop.web.pages import page

    statuses = [s for s in (status or ["new", "open", "pending"]) if s in STATUSES]
    with store.read() as conn:
        rows, next_before, _ = find_cases(
            conn, who, team=team or None, statuses=statuses or None,
            priority=priority if priority in PRIORITIES else None, assignee=assignee or None, before=before)
        all_teams = {t.id: t for t in list_team_rows(conn)}
        people = [u.username for u in list_users(conn) if u.active]
        team_names = [t.name for t in visible_teams(conn, who)]
    now = datetime.now(UTC)
    shown = [case_public(c, all_teams, now) for c in rows]
    params = [("status", s) for s in statuses] + [(k, v) for k, v in (
        ("priority", priority), ("assignee", assignee), ("team", team)) if v]
    return page(request, "inbox.html", who, cases=shown, next_before=next_before, teams=team_names, people=people,
                statuses=STATUSES, priorities=PRIORITIES, chosen={"status": statuses, "priority": priority,
                                                                   "assignee": assignee, "team": team},
                params=params, timer=timer)


@router.get("/inbox/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: Id, who: PageViewer, store: StoreDep, error: str = "") -> Response:
    from voxpop.store.users import list_users
    from voxpop.web.pages import page

    with store.read() as conn:
        detail = case_detail(conn, visible_case(conn, who, case_id))
        people = [u.username for u in list_users(conn) if u.active]
    return page(request, "case.html", who, case=detail, people=people, statuses=STATUSES, priorities=PRIORITIES,
                intents=INTENTS, timer=timer, can_edit=who.user.can("editor"), error=error)


@router.post("/inbox/{case_id}")
def case_change(case_id: Id, who: PageEditor, store: StoreDep,
                assignee: Annotated[str | None, Form(max_length=100)] = None,
                status: Annotated[str | None, Form(max_length=20)] = None,
                priority: Annotated[str | None, Form(max_length=20)] = None,
                intent: Annotated[str | None, Form(max_length=20)] = None,
                note: Annotated[str | None, Form(max_length=10_000)] = None) -> Response:
    """One form per change; each posts only its own field."""
    changes: dict[str, str | None] = {}
    if assignee is not None:
        changes["assignee"] = None if assignee in ("", "nobody") else assignee
    for name, value in (("status", status), ("priority", priority), ("intent", intent), ("note", note)):
        if value:
            changes[name] = value
    with store.write() as conn:
        visible_case(conn, who, case_id)
        apply_changes(conn, case_id=case_id, actor=who.user.username, changes=changes)
    return RedirectResponse(f"/inbox/{case_id}", status_code=303)
