"""/api/v1/sources: list with health, add, pause, resume, remove."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from voxpop.store.sources import SourceExists, SourceNotFound, SourceRow, get_source, list_sources, set_enabled
from voxpop.web.auth import Editor, StoreDep, Viewer
from voxpop.web.errors import ApiError
from voxpop.web.models import Id, Removed, SourceCreate, SourceList, SourcePublic

router = APIRouter(prefix="/sources", tags=["sources"])

#: Kinds that read the server's own files: through the web, any editor could read any file the
#: server can, so only the command line (which has the shell already) may add them.
SERVER_FILE_KINDS = frozenset({"file"})


def source_public(row: SourceRow) -> SourcePublic:
    return SourcePublic.model_validate(row.public())


def _get(conn: Any, source_id: int) -> SourceRow:
    try:
        return get_source(conn, source_id=source_id)
    except SourceNotFound:
        raise ApiError(404, f"no source {source_id}") from None


@router.get("", response_model=SourceList, summary="Every source with its health")
def list_all(_: Viewer, store: StoreDep) -> SourceList:
    with store.read() as conn:
        return SourceList(sources=[source_public(r) for r in list_sources(conn)])


@router.get("/{source_id}", response_model=SourcePublic, summary="One source with its health")
def get_one(source_id: Id, _: Viewer, store: StoreDep) -> SourcePublic:
    with store.read() as conn:
        return source_public(_get(conn, source_id))


def validate_source(kind: str, config: dict[str, Any]) -> dict[str, Any]:
    """The connector's own validation of its options; its message becomes the API problem."""
    from voxpop.sources import registry
    from voxpop.sources.base import SourceConfigError

    if kind in SERVER_FILE_KINDS:
        message = (f"{kind!r} sources read files on the server; add them with 'voxpop source add' or "
                   "'voxpop import' on the server itself")
        raise ApiError(422, message, problems=[{"field": "kind", "message": message}])
    try:
        cls = registry.load(kind)
        return dict(cls.validate_config(config))
    except SourceConfigError as exc:
        raise ApiError(422, str(exc), problems=[{"field": "config", "message": str(exc)}]) from None


@router.post("", response_model=SourcePublic, status_code=201, summary="Add a source")
def add(body: SourceCreate, _: Editor, store: StoreDep) -> SourcePublic:
    from voxpop.store.sources import add_source

    config = validate_source(body.kind, body.config)
    try:
        with store.write() as conn:
            row = add_source(conn, name=body.name, kind=body.kind, config=config, interval_s=body.interval_s)
    except SourceExists as exc:
        raise ApiError(409, str(exc)) from None
    return source_public(row)


@router.post("/{source_id}/pause", response_model=SourcePublic, summary="Stop collecting from a source")
def pause(source_id: Id, _: Editor, store: StoreDep) -> SourcePublic:
    with store.write() as conn:
        _get(conn, source_id)
        return source_public(set_enabled(conn, source_id=source_id, enabled=False))


@router.post("/{source_id}/resume", response_model=SourcePublic, summary="Collect from a paused source again")
def resume(source_id: Id, _: Editor, store: StoreDep) -> SourcePublic:
    with store.write() as conn:
        _get(conn, source_id)
        return source_public(set_enabled(conn, source_id=source_id, enabled=True))


@router.delete("/{source_id}", response_model=Removed, summary="Remove a source and every mention it collected")
def remove(source_id: Id, _: Editor, store: StoreDep) -> Removed:
    from voxpop.store.sources import remove_source

    with store.write() as conn:
        row = _get(conn, source_id)
        count = remove_source(conn, name=row.name)
    return Removed(removed=row.name, mentions=count)
