"""Who is asking: an API token (``Authorization: Bearer``) or a signed session cookie, the role
they need, and the CSRF check that every state-changing request made with a session must pass.

Requests with a token carry no cookie, so a third-party page cannot make a browser send one:
they need no CSRF token. Requests with a session must send the session's CSRF token in the
``X-CSRF-Token`` header (fetch and HTMX) or a ``csrf_token`` form field (plain forms).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from voxpop.store import Store
from voxpop.store.users import TokenRow, UserRow, session_user, token_user, touch_token
from voxpop.web.errors import ApiError, LoginRequired
from voxpop.web.security import digest, same_secret

SESSION_COOKIE = "voxpop_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class Principal:
    user: UserRow
    via: str  # "session" | "token"
    csrf_token: str | None = None
    token: TokenRow | None = None


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _lookup(request: Request) -> Principal | None:
    store = get_store(request)
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(401, "the Authorization header must be 'Bearer <token>'",
                           headers={"WWW-Authenticate": "Bearer"})
        with store.read() as conn:
            found = token_user(conn, token_hash=digest(value.strip()))
        if found is None:
            raise ApiError(401, "the API token is not valid (unknown, revoked or expired)",
                           headers={"WWW-Authenticate": "Bearer"})
        user, token = found
        if token.last_used_at is None or token.last_used_at < datetime.now(UTC) - TOKEN_TOUCH_EVERY:
            # a write at most once a minute per token: busy clients must not queue for the writer
            with store.write() as conn:
                touch_token(conn, token_id=token.id)
        return Principal(user=user, via="token", token=token)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        session_id = request.app.state.signer.loads(cookie)
        if session_id is None:
            return None
        with store.read() as conn:
            live = session_user(conn, id_hash=digest(session_id))
        if live is not None:
            return Principal(user=live[0], via="session", csrf_token=live[1])
    return None


async def optional_principal(request: Request) -> Principal | None:
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    principal = await run_in_threadpool(_lookup, request)
    request.state.principal = principal
    return principal


async def _check_csrf(request: Request, principal: Principal) -> None:
    if principal.via != "session" or request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()  # cached by Starlette: the handler's Form fields still read it
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not principal.csrf_token or not same_secret(sent, principal.csrf_token):
        raise ApiError(403, "missing or wrong CSRF token; reload the page and try again")


def require(role: str, *, page: bool = False):  # type: ignore[no-untyped-def]
    """A dependency giving the signed-in principal with at least ``role``; 401 without one (pages
    redirect to sign in), 403 with too little power or a failed CSRF check."""

    async def dependency(request: Request) -> Principal:
        principal = await optional_principal(request)
        if principal is None:
            if page:
                raise LoginRequired(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
            raise ApiError(401, "sign in, or send an API token as 'Authorization: Bearer <token>'",
                           headers={"WWW-Authenticate": "Bearer"})
        await _check_csrf(request, principal)
        if not principal.user.can(role):
            raise ApiError(403, f"this needs the {role} role; you are {principal.user.role}")
        return principal

    return dependency


Viewer = Annotated[Principal, Depends(require("viewer"))]
Editor = Annotated[Principal, Depends(require("editor"))]
Admin = Annotated[Principal, Depends(require("admin"))]
PageViewer = Annotated[Principal, Depends(require("viewer", page=True))]
PageEditor = Annotated[Principal, Depends(require("editor", page=True))]
PageAdmin = Annotated[Principal, Depends(require("admin", page=True))]
StoreDep = Annotated[Store, Depends(get_store)]
