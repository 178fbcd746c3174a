"""Errors as the API shows them: ``{"error": {"message": ..., "problems": [...]}}`` with the right
status, never a stack trace; pages get the same message in an HTML page, or a redirect to sign in."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("voxpop.web")


class ApiError(Exception):
    """A request the API refuses, with the status and message the client sees."""

    def __init__(self, status: int, message: str, *, problems: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.problems = problems or []
        self.headers = headers


class LoginRequired(Exception):
    """A page was asked for without a session: the browser is sent to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def error_body(message: str, problems: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "problems": problems or []}}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _respond(request: Request, status: int, message: str, problems: list[dict[str, Any]] | None = None,
             headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        from voxpop.web.pages import render_error

        return render_error(request, status, message, headers=headers)
    return JSONResponse(error_body(message, problems), status_code=status, headers=headers)


def _field_problems(exc: RequestValidationError) -> list[dict[str, Any]]:
    problems = []
    for e in exc.errors():
        location = [str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path")]
        problems.append({"field": ".".join(location) or None, "message": str(e.get("msg", "invalid value"))})
    return problems


def install_error_handlers(app: FastAPI) -> None:
    from voxpop.web.headers import security_headers

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _respond(request, exc.status, exc.message, exc.problems, exc.headers)

    async def login_required(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LoginRequired)
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(exc.next_path, safe='/')}", status_code=303)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        return _respond(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    async def invalid_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _respond(request, 422, "the request is not valid", _field_problems(exc))

    async def unexpected(request: Request, exc: Exception) -> Response:
        # The traceback goes to the server's log; the client sees a message and nothing of the code.
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        response = JSONResponse(error_body("internal error; the server's log has the details"), status_code=500)
        response.headers.update(security_headers())
        return response

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(Exception, unexpected)
