"""``POST /api/v1/ingest/{source_name}``: the inbound webhook, where other systems push mentions in the
interchange format (a JSON object, a JSON array of objects, or NDJSON), signed with the webhook
source's secret (voxpop.sources.webhook.parse says how). The reading and storing is the source's
(voxpop.sources.webhook.source.store_push); this module is only the HTTP side of it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from voxpop.sources.webhook import parse
from voxpop.sources.webhook.source import NoSuchWebhook, NotAWebhook, store_push, webhook_source
from voxpop.web.auth import StoreDep
from voxpop.web.errors import ApiError
from voxpop.web.models import ErrorBody

router = APIRouter(prefix="/api/v1/ingest", tags=["ingest"])


class IngestReject(BaseModel):
    #: 1-based: the element of a JSON array, or the line of an NDJSON body (1 for a single object)
    position: int
    reason: str


class IngestResult(BaseModel):
    source: str
    received: int
    #: new mentions
    stored: int
    #: mentions already stored whose content or counts changed
    updated: int
    #: mentions already stored as they are (a push sent twice stores nothing twice)
    unchanged: int
    rejected: int
    rejects: list[IngestReject]
    #: more rejects than the answer lists (all are stored with the source's rejects)
    rejects_truncated: bool


RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text} for status, text in (
        (401, "not signed, signed with another secret, or the timestamp is more than 5 minutes off"),
        (403, "the source is not a webhook source, or is paused"),
        (404, "no source of this name"),
        (413, "the body is larger than the source's max_body_bytes"),
        (422, "the body is not a JSON object, a JSON array or NDJSON"))
}

SourceName = Annotated[str, Path(min_length=1, max_length=200)]


@router.post("/{source_name}", response_model=IngestResult, responses=RESPONSES,
             summary="Push mentions to a webhook source (signed with its secret; see docs/sources/webhook.md)")
async def ingest(
    source_name: SourceName, request: Request, store: StoreDep,
    x_voxpop_signature: Annotated[str | None, Header()] = None,
    x_voxpop_timestamp: Annotated[str | None, Header()] = None,
) -> IngestResult:
    try:
        row, config = await run_in_threadpool(webhook_source, store, source_name)
    except NoSuchWebhook as exc:
        raise ApiError(404, str(exc)) from None
    except NotAWebhook as exc:
        raise ApiError(403, str(exc)) from None
    body = await _body(request, limit=config.max_body_bytes)
    try:
        parse.check_signature(config, signature=x_voxpop_signature, timestamp=x_voxpop_timestamp, body=body)
    except parse.SignatureProblem as exc:
        raise ApiError(401, str(exc), headers={"WWW-Authenticate": 'Signature realm="voxpop-webhook"'}) from None
    try:
        report = await run_in_threadpool(store_push, store, row, config, body)
    except parse.UnreadableBody as exc:
        raise ApiError(422, str(exc), problems=[{"field": "body", "message": str(exc)}]) from None
    return IngestResult.model_validate(report.as_dict())


async def _body(request: Request, *, limit: int) -> bytes:
    """The body, or 413 as soon as it is known to be over ``limit`` (never read whole first)."""
    too_large = ApiError(413, f"the body is larger than this source's limit of {limit:,} bytes; send fewer records "
                              "per push (or raise the source's max_body_bytes)")
    declared = request.headers.get("content-length")
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise too_large
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        parts.append(chunk)
    return b"".join(parts)
