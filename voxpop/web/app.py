"""The web application: the JSON API under /api/v1, the pages, /healthz and the app's own static
assets (no CDN), behind security headers and JSON error handlers. ``create_app(store)`` builds it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from voxpop import __version__
from voxpop.store import Store
from voxpop.web.errors import install_error_handlers
from voxpop.web.headers import SecurityHeaders
from voxpop.web.models import Health
from voxpop.web.security import SessionSigner, check_secret

STATIC_DIR = Path(__file__).parent / "static"
#: Source states that mean a collector needs someone's attention.
UNHEALTHY_STATES = frozenset({"error", "rate_limited", "needs_attention", "disabled"})


def create_app(store: Store, *, secret_key: str | None = None) -> FastAPI:
    """The app serving this store. The secret key signs session cookies: by default the settings'
    (InsecureSecret when missing or a default outside the demo and tests)."""
    app = FastAPI(
        title="voxpop", version=__version__, docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
        description="Self-hosted social listening. Authenticate with 'Authorization: Bearer <token>' "
                    "('voxpop token create'). Errors are {\"error\": {\"message\", \"problems\"}}.",
    )
    app.state.store = store
    app.state.settings = store.settings
    app.state.signer = SessionSigner(secret_key or check_secret(store.settings))
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)

    from voxpop.web.alerts import router as alerts_router
    from voxpop.web.api import router as api_router
    from voxpop.web.inbox import router as inbox_router
    from voxpop.web.ingest import router as ingest_router
    from voxpop.web.pages import router as pages_router
    from voxpop.web.routing_settings import router as routing_settings_router

    app.include_router(api_router)
    app.include_router(ingest_router)  # the inbound webhook: signed by a source's secret, not a user
    app.include_router(pages_router)
    app.include_router(inbox_router)
    app.include_router(alerts_router)
    app.include_router(routing_settings_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/healthz", response_model=Health, tags=["health"],
             responses={503: {"model": Health, "description": "the database is unreachable or not migrated"}},
             summary="Database reachable and schema current; collectors by state and their last success")
    def healthz() -> Any:
        report = health(store)
        return JSONResponse(report.model_dump(mode="json"), status_code=200 if report.status != "error" else 503)

    return app


def health(store: Store) -> Health:
    from voxpop.store.sources import list_sources

    try:
        current, head = store.current_revision(), store.head_revision()
    except sa.exc.SQLAlchemyError:
        return Health(status="error", database={"reachable": False}, collectors={})
    database = {"reachable": True, "dialect": store.dialect, "schema": current, "needed": head,
                "current": current == head}
    if current != head:
        return Health(status="error", database=database, collectors={})
    with store.read() as conn:
        rows = list_sources(conn)
    by_state: dict[str, int] = {}
    for r in rows:
        state = r.state if r.enabled or r.state == "disabled" else "paused"
        by_state[state] = by_state.get(state, 0) + 1
    successes = [r.last_success_at for r in rows if r.last_success_at]
    unhealthy = sorted(r.name for r in rows if r.enabled and r.state in UNHEALTHY_STATES)
    collectors = {"sources": len(rows), "by_state": by_state, "unhealthy": unhealthy,
                  "last_success_at": max(successes).isoformat() if successes else None}
    return Health(status="degraded" if unhealthy else "ok", database=database, collectors=collectors)
