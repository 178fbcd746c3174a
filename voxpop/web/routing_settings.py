"""Settings → Teams, rules and destinations (admins): teams with their members, business hours,
zone, first-response target and lead's destination; routing rules; notification destinations
(secrets masked) with a test button. The same checks as /api/v1/teams, /rules, /destinations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from voxpop.web.auth import PageAdmin, Principal, StoreDep
from voxpop.web.errors import ApiError
from voxpop.web.models import Id

router = APIRouter(include_in_schema=False)
PATH = "/settings/routing"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _page(request: Request, who: Principal, store: StoreDep, *, status_code: int = 200, error: str | None = None,
          notice: str | None = None) -> Response:
    from voxpop.store.outbox import list_destinations
    from voxpop.store.routing import list_rules, list_team_rows
    from voxpop.web.api.alerts import destination_public
    from voxpop.web.api.teams import members_by_team, rule_public, team_public
    from voxpop.web.pages import page

    with store.read() as conn:
        members = members_by_team(conn)
        teams = [team_public(t, members) for t in list_team_rows(conn)]
        rules = [rule_public(r) for r in list_rules(conn)]
        destinations = [destination_public(d) for d in list_destinations(conn)]
    return page(request, "routing_settings.html", who, teams=teams, rules=rules, destinations=destinations,
                error=error, notice=notice, status_code=status_code)


def _refused(request: Request, who: Principal, store: StoreDep, exc: Exception) -> Response:
    if isinstance(exc, ApiError):
        return _page(request, who, store, status_code=exc.status, error=exc.message)
    assert isinstance(exc, ValidationError)
    first = exc.errors()[0]
    return _page(request, who, store, status_code=422,
                 error=f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}")


@router.get(PATH, response_class=HTMLResponse)
def routing_settings(request: Request, who: PageAdmin, store: StoreDep) -> Response:
    return _page(request, who, store)


@router.post(f"{PATH}/teams", response_class=HTMLResponse)
def save_team_form(request: Request, who: PageAdmin, store: StoreDep, name: Annotated[str, Form(max_length=200)],
                   timezone: Annotated[str, Form(max_length=64)] = "UTC",
                   hours: Annotated[str, Form(max_length=500)] = "mon-fri 09:00-17:00",
                   first_response: Annotated[str, Form(max_length=20)] = "",
                   intents: Annotated[str, Form(max_length=200)] = "",
                   members: Annotated[str, Form(max_length=5000)] = "",
                   lead_destination: Annotated[str, Form(max_length=200)] = "") -> Response:
    """Adds the team, or changes an existing one of that name (every field as given)."""
    from voxpop.store.routing import TeamNotFound, get_team
    from voxpop.web.api.teams import save_team_settings
    from voxpop.web.models import TeamUpdate

    try:
        body = TeamUpdate(intents=_split(intents), timezone=timezone, hours=hours,  # type: ignore[arg-type]
                          first_response=first_response or "none", members=_split(members),
                          lead_destination=lead_destination or "none")
        with store.write() as conn:
            try:
                current = get_team(conn, name=name.strip())
            except TeamNotFound:
                current = None
            save_team_settings(conn, name=name.strip(), current=current, changes=body.model_dump(exclude_unset=True))
    except (ApiError, ValidationError) as exc:
        return _refused(request, who, store, exc)
    return RedirectResponse(PATH, status_code=303)


@router.post(f"{PATH}/rules", response_class=HTMLResponse)
def add_rule_form(request: Request, who: PageAdmin, store: StoreDep, name: Annotated[str, Form(max_length=200)],
                  teams: Annotated[str, Form(max_length=2000)], query: Annotated[str, Form(max_length=200)] = "",
                  langs: Annotated[str, Form(max_length=200)] = "", channels: Annotated[str, Form(max_length=200)] = "",
                  sentiments: Annotated[str, Form(max_length=200)] = "",
                  priority: Annotated[str, Form(max_length=20)] = "normal",
                  tags: Annotated[str, Form(max_length=500)] = "") -> Response:
    from voxpop.web.api.teams import add_rule_checked
    from voxpop.web.models import RuleCreate

    conditions = {k: _split(v) for k, v in (("langs", langs), ("channels", channels), ("sentiments", sentiments))
                  if _split(v)}
    try:
        body = RuleCreate(name=name.strip(), teams=_split(teams), query=query.strip() or None,
                          conditions=conditions, priority=priority, tags=_split(tags))  # type: ignore[arg-type]
        with store.write() as conn:
            add_rule_checked(conn, body)
    except (ApiError, ValidationError) as exc:
        return _refused(request, who, store, exc)
    return RedirectResponse(PATH, status_code=303)


@router.post(f"{PATH}/rules/{{rule_id}}/remove")
def remove_rule_form(rule_id: Id, who: PageAdmin, store: StoreDep) -> Response:
    from voxpop.web.api.teams import remove_rule

    remove_rule(rule_id, who, store)
    return RedirectResponse(PATH, status_code=303)


@router.post(f"{PATH}/destinations", response_class=HTMLResponse)
def add_destination_form(request: Request, who: PageAdmin, store: StoreDep,
                         name: Annotated[str, Form(max_length=200)], kind: Annotated[str, Form(max_length=50)],
                         url: Annotated[str, Form(max_length=2000)] = "",
                         secret: Annotated[str, Form(max_length=500)] = "") -> Response:
    from voxpop.web.api.alerts import add_destination_checked
    from voxpop.web.models import DestinationCreate

    config = {k: v for k, v in (("url", url), ("secret", secret)) if v}
    try:
        add_destination_checked(store, DestinationCreate(name=name.strip(), kind=kind, config=config))
    except (ApiError, ValidationError) as exc:
        return _refused(request, who, store, exc)
    return RedirectResponse(PATH, status_code=303)


@router.post(f"{PATH}/destinations/{{destination_id}}/{{action}}", response_class=HTMLResponse)
def destination_action(request: Request, destination_id: Id, action: str, who: PageAdmin,
                       store: StoreDep) -> Response:
    from voxpop.web.api.alerts import _destination, remove_destination, send_test

    if action == "remove":
        remove_destination(destination_id, who, store)
        return RedirectResponse(PATH, status_code=303)
    if action != "test":
        raise ApiError(404, "no such action")
    with store.read() as conn:
        row = _destination(conn, destination_id)
    result = send_test(store, row)
    if result.delivered:
        return _page(request, who, store, notice=f"The test notification reached {row.name}.")
    return _page(request, who, store, status_code=502, error=f"The test notification did not arrive: {result.error}")
