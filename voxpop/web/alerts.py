"""The alert screens: the alerts by state and severity, and one alert explained — its chart of
observed vs expected counts around it (inline SVG drawn on the server), the drivers with their
lift, the top mentions and its history — with acknowledge and resolve for editors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from voxpop.web.api.alerts import _get, alert_series, change_state, explanation, filtered_alerts
from voxpop.web.auth import PageEditor, PageViewer, StoreDep
from voxpop.web.models import Id
from voxpop.web.render import alert_chart

router = APIRouter(include_in_schema=False)

STATES = ("open", "acknowledged", "resolved")
SEVERITIES = ("low", "medium", "high", "critical")
#: The driver dimensions in the order a reader scans them, with their headings.
DIMENSIONS = (("terms", "Terms"), ("authors", "Authors"), ("links", "Linked sites"), ("languages", "Languages"),
              ("channels", "Channels"))


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, who: PageViewer, store: StoreDep, state: str = "", severity: str = "") -> Response:
    from voxpop.web.pages import page

    with store.read() as conn:
        rows = filtered_alerts(conn, state=state if state in STATES else None,
                               severity=severity if severity in SEVERITIES else None, query=None, limit=200)
    return page(request, "alerts.html", who, alerts=rows, states=STATES, severities=SEVERITIES,
                chosen={"state": state, "severity": severity})


@router.get("/alerts/{alert_id}", response_class=HTMLResponse)
def alert_page(request: Request, alert_id: Id, who: PageViewer, store: StoreDep) -> Response:
    from voxpop.web.pages import page

    with store.read() as conn:
        alert = _get(conn, alert_id)
        explained = explanation(conn, alert)
        _, _, span = alert_series(conn, alert)
    labels = "%H:%M" if explained.bucket_minutes < 1440 else "%m-%d"
    chart = alert_chart([(p.at.strftime(labels), p.observed, p.expected) for p in explained.series], span)
    return page(request, "alert.html", who, alert=alert, explained=explained, chart=chart, dimensions=DIMENSIONS,
                can_edit=who.user.can("editor"))


@router.post("/alerts/{alert_id}/{action}")
def alert_action(alert_id: Id, action: str, who: PageEditor, store: StoreDep,
                 note: Annotated[str | None, Form(max_length=2000)] = None) -> Response:
    from voxpop.web.errors import ApiError

    if action not in ("acknowledge", "resolve"):
        raise ApiError(404, "no such action")
    change_state(store, alert_id, who.user.username, action, note or None)
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)
