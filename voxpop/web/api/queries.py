"""/api/v1/queries: validate, create, edit, enable/disable, delete, backfill; with match counts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from voxpop.query import validate
from voxpop.store.queries import QueryExists, QueryNotFound, QueryRow, count_matches, get_query
from voxpop.web.auth import Editor, StoreDep, Viewer
from voxpop.web.errors import ApiError
from voxpop.web.models import (
    Backfill,
    Id,
    Problem,
    QueryCreate,
    QueryList,
    QueryPublic,
    QueryText,
    QueryUpdate,
    Removed,
)
from voxpop.web.models import Validation as ValidationModel

router = APIRouter(prefix="/queries", tags=["queries"])


def check(text: str) -> ValidationModel:
    result = validate(text)

    def problems(items: Any) -> list[Problem]:
        return [Problem(column=p.column, message=p.message, hint=p.hint or "") for p in items]

    return ValidationModel(valid=not result.problems, problems=problems(result.problems),
                           warnings=problems(getattr(result, "warnings", ())))


def require_valid(text: str) -> None:
    result = check(text)
    if not result.valid:
        raise ApiError(422, "the query is not valid", problems=[p.model_dump() for p in result.problems])


def query_public(row: QueryRow, matches: int) -> QueryPublic:
    return QueryPublic(id=row.id, name=row.name, query=row.text, enabled=row.enabled, revision=row.revision,
                       updated_at=row.updated_at, matches=matches)


def _get(conn: Any, query_id: int) -> QueryRow:
    try:
        return get_query(conn, query_id=query_id)
    except QueryNotFound:
        raise ApiError(404, f"no saved query {query_id}") from None


def _backfill(store: StoreDep, row: QueryRow) -> tuple[QueryPublic, int]:
    from voxpop.match.stage import backfill_query

    report = backfill_query(store, row)
    return query_public(row, report.matches), report.mentions


def search_history(store: StoreDep, row: QueryRow) -> None:
    """As 'voxpop query add' does: search the last days through the search sources (their terms
    come from the saved queries), before matching, so what they find is matched too."""
    from voxpop.sources.backfill import search_backfill

    search_backfill(store, query_id=row.id, text=row.text)


@router.post("/validate", response_model=ValidationModel,
             summary="Check a query: each problem with its column, message and hint (valid or not: 200)")
def validate_query(body: QueryText, _: Viewer) -> ValidationModel:
    return check(body.query)


@router.get("", response_model=QueryList, summary="Saved queries with their match counts")
def list_all(_: Viewer, store: StoreDep) -> QueryList:
    from voxpop.store.queries import list_queries, match_counts

    with store.read() as conn:
        rows = list_queries(conn)
        counts = match_counts(conn)
    return QueryList(queries=[query_public(r, counts.get(r.id, 0)) for r in rows])


@router.get("/{query_id}", response_model=QueryPublic, summary="One saved query")
def get_one(query_id: Id, _: Viewer, store: StoreDep) -> QueryPublic:
    with store.read() as conn:
        row = _get(conn, query_id)
        return query_public(row, count_matches(conn, query_id=row.id))


@router.post("", response_model=QueryPublic, status_code=201,
             summary="Save a query and match it against everything stored")
def create(body: QueryCreate, _: Editor, store: StoreDep) -> QueryPublic:
    from voxpop.store.queries import add_query

    require_valid(body.query)
    try:
        with store.write() as conn:
            row = add_query(conn, name=body.name, text=body.query, enabled=body.enabled)
    except QueryExists as exc:
        raise ApiError(409, str(exc)) from None
    if not row.enabled:
        return query_public(row, 0)
    search_history(store, row)
    return _backfill(store, row)[0]


@router.patch("/{query_id}", response_model=QueryPublic,
              summary="Change a query's text (its matches are recomputed) or enable/disable it")
def update(query_id: Id, body: QueryUpdate, _: Editor, store: StoreDep) -> QueryPublic:
    from voxpop.store.queries import update_query

    if body.query is not None:
        require_valid(body.query)
    with store.write() as conn:
        before = _get(conn, query_id)
        row = update_query(conn, name=before.name, text=body.query, enabled=body.enabled)
    if row.enabled and (row.revision != before.revision or not before.enabled):
        return _backfill(store, row)[0]
    with store.read() as conn:
        return query_public(row, count_matches(conn, query_id=row.id))


@router.delete("/{query_id}", response_model=Removed, summary="Delete a saved query and its matches")
def remove(query_id: Id, _: Editor, store: StoreDep) -> Removed:
    from voxpop.store.queries import remove_query

    with store.write() as conn:
        row = _get(conn, query_id)
        matches = remove_query(conn, name=row.name)
    return Removed(removed=row.name, matches=matches)


@router.post("/{query_id}/backfill", response_model=Backfill, summary="Recompute a query's matches over history")
def backfill(query_id: Id, _: Editor, store: StoreDep) -> Backfill:
    with store.read() as conn:
        row = _get(conn, query_id)
    public, scanned = _backfill(store, row)
    return Backfill(query=public, mentions_scanned=scanned)
