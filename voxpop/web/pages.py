"""The server-rendered screens (Jinja2, autoescaped; HTMX and app.js from /static): sign in and
out, dashboard, mentions explorer, sources, queries, settings (users and tokens), API reference.

Every form posts its session's CSRF token; every handler that changes something requires the
role the API would. Mention text is untrusted and is only ever escaped (see render.py).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import jinja2
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from voxpop.query import QueryError, parse
from voxpop.store.mentions import MentionFilter
from voxpop.web.auth import (
    SESSION_COOKIE,
    PageAdmin,
    PageEditor,
    PageViewer,
    Principal,
    StoreDep,
    optional_principal,
)
from voxpop.web.errors import ApiError
from voxpop.web.models import Id
from voxpop.web.render import bars, highlighted, line_chart, safe_url
from voxpop.web.search import BadCursor, search_page
from voxpop.web.security import (
    burn_time_like_a_password_check,
    digest,
    hash_password,
    new_csrf_token,
    new_session_id,
    new_token,
    verify_password,
)

# autoescape on for every template: mention text, names and errors are untrusted
TEMPLATES = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True))
TEMPLATES.env.globals.update(highlighted=highlighted, safe_url=safe_url)

router = APIRouter(include_in_schema=False)


def page(request: Request, name: str, principal: Principal | None, status_code: int = 200,
         **context: Any) -> HTMLResponse:
    csrf = principal.csrf_token if principal is not None and principal.csrf_token else ""
    return TEMPLATES.TemplateResponse(request, name, {
        "user": principal.user if principal else None, "csrf_token": csrf,
        "csrf_headers": json.dumps({"X-CSRF-Token": csrf}), "path": request.url.path, **context,
    }, status_code=status_code)


def render_error(request: Request, status: int, message: str, *, headers: dict[str, str] | None = None) -> Response:
    principal = getattr(request.state, "principal", None) or None
    response = page(request, "error.html", principal, status_code=status, status=status, message=message)
    if headers:
        response.headers.update(headers)
    return response


def _back(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _local(next_path: str | None) -> str:
    """Only a path on this site: never an open redirect to another one."""
    if not next_path or not next_path.startswith("/") or next_path.startswith("//") or "\\" in next_path:
        return "/"
    return next_path


# ---- sign in / out -----------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, next: str = "/") -> Response:  # noqa: A002
    if await optional_principal(request) is not None:
        return _back(_local(next))
    return page(request, "login.html", None, next=_local(next))


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, store: StoreDep, username: Annotated[str, Form(max_length=100)],
          password: Annotated[str, Form(max_length=1000)], next: Annotated[str, Form()] = "/") -> Response:  # noqa: A002
    from voxpop.store.users import add_session, find_user, recent_failures, record_attempt, record_login

    settings = store.settings
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        # no session yet, so no CSRF token: a sign-in posted from another site (login CSRF) is refused
        raise ApiError(403, "sign in from this site's own sign-in page")
    ip = request.client.host if request.client else "unknown"
    with store.read() as conn:
        per_user, per_ip = recent_failures(conn, username=username, ip=ip, window_s=settings.login_window_s)
    if per_user >= settings.login_max_failures or per_ip >= settings.login_max_failures_per_ip:
        minutes = max(1, settings.login_window_s // 60)
        return page(request, "login.html", None, status_code=429, next=_local(next), username=username,
                    error=f"Too many failed sign-ins. Wait {minutes} minutes and try again.")
    with store.read() as conn:
        user = find_user(conn, username=username)
    if user is None:
        burn_time_like_a_password_check(password)
    ok = user is not None and user.active and verify_password(user.password_hash, password)
    with store.write() as conn:
        record_attempt(conn, username=username, ip=ip, succeeded=ok)
        if not ok or user is None:
            failed = True
        else:
            failed = False
            session_id = new_session_id()
            add_session(conn, id_hash=digest(session_id), user_id=user.id, csrf_token=new_csrf_token(),
                        max_age_s=settings.session_max_age_s)
            record_login(conn, user_id=user.id)
    if failed:
        return page(request, "login.html", None, status_code=401, next=_local(next), username=username,
                    error="Wrong username or password.")
    response = _back(_local(next))
    response.set_cookie(SESSION_COOKIE, request.app.state.signer.dumps(session_id),
                        max_age=settings.session_max_age_s, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https" or settings.environment == "production")
    return response


@router.post("/logout")
def logout(request: Request, who: PageViewer, store: StoreDep) -> Response:
    from voxpop.store.users import remove_session

    session_id = request.app.state.signer.loads(request.cookies.get(SESSION_COOKIE, ""))
    if session_id:
        with store.write() as conn:
            remove_session(conn, id_hash=digest(session_id))
    response = _back("/login")
    response.delete_cookie(SESSION_COOKIE)
    return response


# ---- dashboard ---------------------------------------------------------------------------------


def _parse_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ApiError(422, f"{text!r} is not a date like 2026-11-01") from None


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, who: PageViewer, store: StoreDep,
              start: str | None = None, end: str | None = None,
              q: Annotated[list[int] | None, Query()] = None, spam: bool = False) -> Response:
    from voxpop.store.dashboard import count_by_column, daily_volume, sentiment_split
    from voxpop.store.queries import list_queries

    last = _parse_day(end) or datetime.now(UTC).date()
    first = _parse_day(start) or last - timedelta(days=27)
    if first > last:
        first, last = last, first
    first = max(first, last - timedelta(days=366))  # a year at most: one chart point per day
    since = datetime(first.year, first.month, first.day, tzinfo=UTC)
    until = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
    days = [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
    with store.read() as conn:
        all_queries = list_queries(conn)
        chosen = [r for r in all_queries if r.id in set(q)] if q else [r for r in all_queries if r.enabled]
        ids = [r.id for r in chosen]
        volume = daily_volume(conn, query_ids=ids, since=since, until=until, include_spam=spam)
        scope = ids if ids else None
        sentiment = sentiment_split(conn, query_ids=scope, since=since, until=until, include_spam=spam)
        languages = count_by_column(conn, "lang", query_ids=scope, since=since, until=until, include_spam=spam)
        channels = count_by_column(conn, "channel", query_ids=scope, since=since, until=until,
                                   include_spam=spam)
        markers = alert_markers(conn, [r.id for r in chosen], since, until)
        rising = rising_terms(conn, scope, since, until, include_spam=spam)
    named = {r.name: volume.get(r.id, {}) for r in chosen}
    share = sorted(((name, sum(v.values())) for name, v in named.items()), key=lambda kv: -kv[1])
    chart = line_chart(named, days)
    step = (chart.width - 60) / max(1, len(days) - 1)
    placed = [(30 + days.index(day) * step, a) for day, a in markers if day in days]
    return page(
        request, "dashboard.html", who, queries=all_queries, chosen={r.id for r in chosen},
        start=first.isoformat(), end=last.isoformat(), chart=chart, spam=spam, markers=placed, rising=rising,
        share=bars(share), sentiment=bars(sorted(sentiment.items(), key=lambda kv: -kv[1])),
        languages=bars([(k or "unknown", n) for k, n in languages]),
        channels=bars([(k or "unknown", n) for k, n in channels]),
    )


def alert_markers(conn: Any, query_ids: list[int], since: datetime, until: datetime) -> list[tuple[str, Any]]:
    """(UTC day, alert) for the chosen queries' alerts that started in the range."""
    from voxpop.store.alerts import list_alerts

    found = []
    for query_id in query_ids:
        for alert in list_alerts(conn, query_id=query_id, limit=200):
            if since <= alert.started_at < until:
                found.append((alert.started_at.astimezone(UTC).date().isoformat(), alert))
    return found


def rising_terms(conn: Any, query_ids: list[int] | None, since: datetime, until: datetime, *,
                 include_spam: bool = False) -> list[Any]:
    """Terms rising in the range against the range of the same length before it (a sample of each
    range's newest mentions; voxpop.enrich.topics.emerging_terms)."""
    from voxpop.enrich.topics import emerging_terms
    from voxpop.store.dashboard import sample_texts

    recent = sample_texts(conn, query_ids=query_ids, since=since, until=until, include_spam=include_spam)
    before = sample_texts(conn, query_ids=query_ids, since=since - (until - since), until=since,
                          include_spam=include_spam)
    if not recent or not before:
        return []
    return emerging_terms([t for t, _ in recent], [t for t, _ in before], top=12)


# ---- mentions explorer -------------------------------------------------------------------------


@router.get("/mentions", response_class=HTMLResponse)
def explorer(request: Request, who: PageViewer, store: StoreDep, q: str = "", source: str = "", channel: str = "",
             lang: str = "", since: str = "", until: str = "", cursor: str | None = None) -> Response:
    from voxpop.store.sources import list_sources

    problems: list[Any] = []
    query = None
    if q.strip():
        try:
            query = parse(q)
        except QueryError as exc:
            problems = list(exc.problems)
    first, last = _parse_day(since), _parse_day(until)
    filters = MentionFilter(
        source=source or None, channel=channel or None, lang=lang or None,
        since=datetime(first.year, first.month, first.day, tzinfo=UTC) if first else None,
        until=datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1) if last else None)
    results: list[Any] = []
    next_cursor = None
    if not problems:
        try:
            found = search_page(store, filters=filters, query=query, limit=25, cursor=cursor)
        except BadCursor as exc:
            raise ApiError(400, str(exc)) from None
        results = [(m, query.highlights(m) if query else {}) for m in found.mentions]
        next_cursor = found.next_cursor
    with store.read() as conn:
        source_names = [s.name for s in list_sources(conn)]
    params = {"q": q, "source": source, "channel": channel, "lang": lang, "since": since, "until": until}
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return page(request, "mentions.html", who, results=results, next_cursor=next_cursor, problems=problems,
                params=params, sources=source_names, searched=bool(q.strip()), here=here,
                can_edit=who.user.can("editor"))


@router.post("/mentions/{mention_id}/sentiment")
def mentions_correct(mention_id: Id, who: PageEditor, store: StoreDep, label: Annotated[str, Form(max_length=20)],
                     next: Annotated[str, Form(max_length=4000)] = "/mentions") -> Response:  # noqa: A002
    from voxpop.store.corrections import CorrectionError, correct_sentiment

    try:
        with store.write() as conn:
            correct_sentiment(conn, mention_id=mention_id, label=label, corrected_by=who.user.username)
    except CorrectionError as exc:
        raise ApiError(422 if "sentiment" in str(exc) else 404, str(exc)) from None
    return _back(_local(next))


@router.post("/mentions/{mention_id}/spam")
def mentions_spam(mention_id: Id, who: PageEditor, store: StoreDep, spam: Annotated[str, Form(max_length=5)],
                  next: Annotated[str, Form(max_length=4000)] = "/mentions") -> Response:  # noqa: A002
    from voxpop.store.corrections import CorrectionError, mark_spam

    try:
        with store.write() as conn:
            mark_spam(conn, mention_id=mention_id, spam=spam == "true", marked_by=who.user.username)
    except CorrectionError as exc:
        raise ApiError(404, str(exc)) from None
    return _back(_local(next))


# ---- sources -----------------------------------------------------------------------------------


def _sources_page(request: Request, who: Principal, store: StoreDep, *, status_code: int = 200,
                  error: str | None = None, form: dict[str, str] | None = None) -> Response:
    from voxpop.sources import registry
    from voxpop.store.sources import list_sources
    from voxpop.web.api.sources import SERVER_FILE_KINDS

    with store.read() as conn:
        rows = list_sources(conn)
    kinds = sorted(k for k in registry.available() if k not in SERVER_FILE_KINDS)
    return page(request, "sources.html", who, sources=rows, kinds=kinds, error=error, form=form or {},
                status_code=status_code)


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, who: PageViewer, store: StoreDep) -> Response:
    return _sources_page(request, who, store)


@router.post("/sources", response_class=HTMLResponse)
def sources_add(request: Request, who: PageEditor, store: StoreDep, name: Annotated[str, Form(max_length=200)],
                kind: Annotated[str, Form(max_length=50)], url: Annotated[str, Form(max_length=2000)] = "",
                interval_minutes: Annotated[int, Form(ge=1, le=10080)] = 15) -> Response:
    from voxpop.store.sources import SourceExists, add_source
    from voxpop.web.api.sources import validate_source

    form = {"name": name, "kind": kind, "url": url}
    try:
        config = validate_source(kind, {"url": url} if url else {})
        with store.write() as conn:
            add_source(conn, name=name.strip(), kind=kind, config=config, interval_s=interval_minutes * 60)
    except ApiError as exc:
        return _sources_page(request, who, store, status_code=422, error=exc.message, form=form)
    except SourceExists as exc:
        return _sources_page(request, who, store, status_code=409, error=str(exc), form=form)
    return _back("/sources")


@router.post("/sources/{source_id}/{action}")
def sources_action(source_id: Id, action: str, who: PageEditor, store: StoreDep) -> Response:
    from voxpop.store.sources import SourceNotFound, get_source, set_enabled

    if action not in ("pause", "resume"):
        raise ApiError(404, "no such action")
    try:
        with store.write() as conn:
            get_source(conn, source_id=source_id)
            set_enabled(conn, source_id=source_id, enabled=action == "resume")
    except SourceNotFound:
        raise ApiError(404, f"no source {source_id}") from None
    return _back("/sources")


# ---- saved queries -----------------------------------------------------------------------------


def _queries_page(request: Request, who: Principal, store: StoreDep, *, status_code: int = 200,
                  error: str | None = None, problems: list[Any] | None = None,
                  form: dict[str, str] | None = None) -> Response:
    from voxpop.store.queries import list_queries, match_counts

    with store.read() as conn:
        rows = list_queries(conn)
        counts = match_counts(conn)
    return page(request, "queries.html", who, queries=rows, counts=counts, error=error, problems=problems or [],
                form=form or {}, status_code=status_code)


@router.get("/queries", response_class=HTMLResponse)
def queries_page(request: Request, who: PageViewer, store: StoreDep) -> Response:
    return _queries_page(request, who, store)


@router.post("/queries", response_class=HTMLResponse)
def queries_add(request: Request, who: PageEditor, store: StoreDep, name: Annotated[str, Form(max_length=200)],
                query: Annotated[str, Form(max_length=20_000)]) -> Response:
    from voxpop.match.stage import backfill_query
    from voxpop.query import validate
    from voxpop.store.queries import QueryExists, add_query

    form = {"name": name, "query": query}
    result = validate(query)
    if result.problems:
        return _queries_page(request, who, store, status_code=422, error="The query is not valid.",
                             problems=list(result.problems), form=form)
    try:
        with store.write() as conn:
            row = add_query(conn, name=name.strip(), text=query)
    except QueryExists as exc:
        return _queries_page(request, who, store, status_code=409, error=str(exc), form=form)
    from voxpop.web.api.queries import search_history

    search_history(store, row)
    backfill_query(store, row)
    return _back("/queries")


@router.post("/queries/{query_id}/edit", response_class=HTMLResponse)
def queries_edit(request: Request, query_id: Id, who: PageEditor, store: StoreDep,
                 query: Annotated[str, Form(max_length=20_000)]) -> Response:
    from voxpop.match.stage import backfill_query
    from voxpop.query import validate
    from voxpop.store.queries import QueryNotFound, get_query, update_query

    result = validate(query)
    try:
        with store.read() as conn:
            current = get_query(conn, query_id=query_id)
    except QueryNotFound:
        raise ApiError(404, f"no saved query {query_id}") from None
    if result.problems:
        return _queries_page(request, who, store, status_code=422, error=f"{current.name}: the query is not valid.",
                             problems=list(result.problems), form={"name": current.name, "query": query})
    with store.write() as conn:
        row = update_query(conn, name=current.name, text=query)
    if row.enabled and row.revision != current.revision:
        backfill_query(store, row)
    return _back("/queries")


@router.post("/queries/{query_id}/{action}")
def queries_action(query_id: Id, action: str, who: PageEditor, store: StoreDep) -> Response:
    from voxpop.match.stage import backfill_query
    from voxpop.store.queries import QueryNotFound, get_query, remove_query, update_query

    if action not in ("enable", "disable", "delete"):
        raise ApiError(404, "no such action")
    try:
        with store.write() as conn:
            current = get_query(conn, query_id=query_id)
            if action == "delete":
                remove_query(conn, name=current.name)
                row = None
            else:
                row = update_query(conn, name=current.name, enabled=action == "enable")
    except QueryNotFound:
        raise ApiError(404, f"no saved query {query_id}") from None
    if row is not None and action == "enable" and not current.enabled:
        backfill_query(store, row)
    return _back("/queries")


# ---- settings: users and tokens ----------------------------------------------------------------


def _settings_page(request: Request, who: Principal, store: StoreDep, *, status_code: int = 200,
                   error: str | None = None, new_secret: str | None = None) -> Response:
    from voxpop.store.users import list_tokens, list_users

    with store.read() as conn:
        people = list_users(conn)
        tokens = list_tokens(conn)
    return page(request, "settings.html", who, people=people, tokens=tokens, error=error, new_secret=new_secret,
                status_code=status_code)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, who: PageAdmin, store: StoreDep) -> Response:
    return _settings_page(request, who, store)


@router.post("/settings/users", response_class=HTMLResponse)
def settings_add_user(request: Request, who: PageAdmin, store: StoreDep,
                      username: Annotated[str, Form(max_length=100)], password: Annotated[str, Form(max_length=1000)],
                      role: Annotated[str, Form()] = "viewer") -> Response:
    from pydantic import ValidationError

    from voxpop.store.users import UserExists, add_user
    from voxpop.web.models import UserCreate

    try:
        body = UserCreate(username=username, password=password, role=role)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        message = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        return _settings_page(request, who, store, status_code=422, error=message)
    try:
        with store.write() as conn:
            add_user(conn, username=body.username, password_hash=hash_password(body.password), role=body.role)
    except UserExists as exc:
        return _settings_page(request, who, store, status_code=409, error=str(exc))
    return _back("/settings")


@router.post("/settings/users/{user_id}", response_class=HTMLResponse)
def settings_change_user(request: Request, user_id: Id, who: PageAdmin, store: StoreDep,
                         role: Annotated[str | None, Form()] = None,
                         active: Annotated[str | None, Form()] = None) -> Response:
    from voxpop.store.users import ROLES, LastAdmin, UserNotFound, update_user

    if role is not None and role not in ROLES:
        return _settings_page(request, who, store, status_code=422, error=f"unknown role {role!r}")
    try:
        with store.write() as conn:
            update_user(conn, user_id=user_id, role=role,
                        active=None if active is None else active == "true")
    except LastAdmin as exc:
        return _settings_page(request, who, store, status_code=409, error=str(exc))
    except UserNotFound:
        raise ApiError(404, f"no user {user_id}") from None
    return _back("/settings")


@router.post("/settings/tokens", response_class=HTMLResponse)
def settings_create_token(request: Request, who: PageAdmin, store: StoreDep,
                          name: Annotated[str, Form(min_length=1, max_length=200)],
                          username: Annotated[str, Form(max_length=100)] = "") -> Response:
    from voxpop.store.users import UserNotFound, add_token, get_user

    token = new_token()
    try:
        with store.write() as conn:
            owner = get_user(conn, username=username) if username else who.user
            add_token(conn, user_id=owner.id, name=name, prefix=token.prefix, token_hash=token.digest)
    except UserNotFound as exc:
        return _settings_page(request, who, store, status_code=404, error=str(exc))
    # rendered, not redirected: this response is the only place the secret ever appears
    response = _settings_page(request, who, store, status_code=201, new_secret=token.secret)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/settings/tokens/{token_id}/revoke")
def settings_revoke_token(token_id: Id, who: PageAdmin, store: StoreDep) -> Response:
    from voxpop.store.users import TokenNotFound, revoke_token

    try:
        with store.write() as conn:
            revoke_token(conn, token_id=token_id)
    except TokenNotFound:
        raise ApiError(404, f"no token {token_id}") from None
    return _back("/settings")


# ---- API reference -----------------------------------------------------------------------------


@router.get("/docs", response_class=HTMLResponse)
async def api_reference(request: Request) -> Response:
    """The operations of the OpenAPI document as a page of the app itself (no CDN, no inline script);
    /api/v1/openapi.json is the document for tools."""
    document = request.app.openapi()
    operations = []
    for path, methods in document.get("paths", {}).items():
        for method, op in methods.items():
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "tag": (op.get("tags") or [""])[0],
                               "parameters": [p.get("name") for p in op.get("parameters", [])]})
    principal = await optional_principal(request)
    return await run_in_threadpool(page, request, "docs.html", principal, operations=operations,
                                   title=document.get("info", {}).get("title", "voxpop"))
