"""The JSON API under /api/v1: one router per resource."""

from __future__ import annotations

from fastapi import APIRouter

from voxpop.web.api import alerts, cases, mentions, queries, sources, teams, tokens, users
from voxpop.web.models import ErrorBody

#: Every route documents the error shape the exception handlers produce.
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody, "description": text} for status, text in (
        (401, "not signed in, or the token is not valid"), (403, "role too low, or CSRF token missing"),
        (422, "the request is not valid; problems say where"))
}

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)
for module in (sources, mentions, queries, users, tokens, cases):
    router.include_router(module.router)
router.include_router(teams.teams_router)
router.include_router(teams.rules_router)
router.include_router(alerts.router)
router.include_router(alerts.destinations_router)
