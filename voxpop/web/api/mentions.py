"""/api/v1/mentions: filter, search with the query language, page by cursor, export; correct a
mention's sentiment and mark it as spam (editors; both feed back into the enrichment steps)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from voxpop.query import Query as ParsedQuery
from voxpop.query import QueryError, parse
from voxpop.records import Mention
from voxpop.store.mentions import MentionFilter
from voxpop.web.auth import Editor, StoreDep, Viewer
from voxpop.web.errors import ApiError
from voxpop.web.models import Id, MentionList, MentionPublic, SentimentCorrection, SpamMark
from voxpop.web.search import BadCursor, iter_matching, search_page

router = APIRouter(prefix="/mentions", tags=["mentions"])


def mention_public(m: Mention, query: ParsedQuery | None = None) -> MentionPublic:
    return MentionPublic(
        id=m.id, external_id=m.external_id, source=m.source_name, channel=m.channel, url=m.url, author=m.author,
        author_name=m.author_name, title=m.title, text=m.text, published_at=m.published_at, lang=m.lang,
        country=m.country, likes=m.likes, shares=m.shares, replies=m.replies, views=m.views,
        hashtags=list(m.hashtags), handles=list(m.handles), links=list(m.links),
        highlights=query.highlights(m) if query is not None else {}, sentiment=m.sentiment, spam=m.spam,
        cluster_id=m.cluster_id,
    )


def query_problems(exc: QueryError) -> list[dict[str, object]]:
    return [{"column": p.column, "message": p.message, "hint": p.hint} for p in exc.problems]


def parse_or_422(text: str | None) -> ParsedQuery | None:
    if not text:
        return None
    try:
        return parse(text)
    except QueryError as exc:
        raise ApiError(422, "the query is not valid", problems=query_problems(exc)) from None


def make_filter(source: str | None, channel: str | None, lang: str | None, since: datetime | None,
                until: datetime | None) -> MentionFilter:
    for name, value in (("since", since), ("until", until)):
        if value is not None and value.tzinfo is None:
            raise ApiError(422, f"{name} needs a time zone, e.g. 2026-11-01T00:00:00Z",
                           problems=[{"field": name, "message": "a time without a zone"}])
    return MentionFilter(source=source or None, channel=channel or None, lang=lang or None, since=since, until=until)


Source = Annotated[str | None, Query(max_length=200, description="only this source (its name)")]
Channel = Annotated[str | None, Query(max_length=30, description="only this channel: rss, mastodon, ...")]
Lang = Annotated[str | None, Query(max_length=8, description="only this language (ISO 639-1)")]
Since = Annotated[datetime | None, Query(description="published at or after (ISO 8601 with zone)")]
Until = Annotated[datetime | None, Query(description="published before (ISO 8601 with zone)")]
Q = Annotated[str | None, Query(max_length=20_000, description="a query in the query language (docs/queries.md)")]


@router.get("", response_model=MentionList, summary="Mentions newest first: filter, search, page by cursor")
def list_page(
    _: Viewer, store: StoreDep, source: Source = None, channel: Channel = None, lang: Lang = None,
    since: Since = None, until: Until = None, q: Q = None,
    cursor: Annotated[str | None, Query(max_length=200, description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> MentionList:
    filters = make_filter(source, channel, lang, since, until)
    query = parse_or_422(q)
    try:
        page = search_page(store, filters=filters, query=query, limit=limit, cursor=cursor)
    except BadCursor as exc:
        raise ApiError(400, str(exc), problems=[{"field": "cursor", "message": str(exc)}]) from None
    return MentionList(mentions=[mention_public(m, query) for m in page.mentions], next_cursor=page.next_cursor)


@router.get("/export", summary="Every matching mention as NDJSON or CSV (interchange format), streamed",
            response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}, "text/csv": {}}}})
def export(
    _: Viewer, store: StoreDep, format: Literal["ndjson", "csv"] = "ndjson", source: Source = None,  # noqa: A002
    channel: Channel = None, lang: Lang = None, since: Since = None, until: Until = None, q: Q = None,
) -> StreamingResponse:
    filters = make_filter(source, channel, lang, since, until)
    query = parse_or_422(q)
    media = "application/x-ndjson" if format == "ndjson" else "text/csv; charset=utf-8"
    headers = {"Content-Disposition": f'attachment; filename="mentions.{format}"'}
    return StreamingResponse(_export_lines(store, filters, query, format), media_type=media, headers=headers)


def _export_lines(store: StoreDep, filters: MentionFilter, query: ParsedQuery | None, fmt: str) -> Iterator[bytes]:
    from voxpop.export import COLUMNS, mention_record

    # Page by page, each page in its own short read: a long download holds no transaction open.
    mentions = iter_matching(store, filters=filters, query=query)
    if fmt == "ndjson":
        for m in mentions:
            yield orjson.dumps(mention_record(m)) + b"\n"
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for i, m in enumerate(mentions):
        row = mention_record(m)
        for key in ("links", "hashtags", "handles"):
            row[key] = " ".join(row[key])
        writer.writerow(row)
        if i % 500 == 499:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


@router.get("/{mention_id}", response_model=MentionPublic, summary="One mention")
def get_one(mention_id: Id, _: Viewer, store: StoreDep) -> MentionPublic:
    from voxpop.store.mentions import get_mention

    with store.read() as conn:
        m = get_mention(conn, mention_id=mention_id)
    if m is None:
        raise ApiError(404, f"no mention {mention_id}")
    return mention_public(m)


def _reread(store: StoreDep, mention_id: int) -> MentionPublic:
    from voxpop.store.mentions import get_mention

    with store.read() as conn:
        m = get_mention(conn, mention_id=mention_id)
    if m is None:
        raise ApiError(404, f"no mention {mention_id}")
    return mention_public(m)


@router.post("/{mention_id}/sentiment", response_model=MentionPublic,
             summary="Correct a mention's sentiment (kept; the sentiment step learns from it and never overwrites it)")
def correct(mention_id: Id, body: SentimentCorrection, who: Editor, store: StoreDep) -> MentionPublic:
    from voxpop.store.corrections import CorrectionError, correct_sentiment

    try:
        with store.write() as conn:
            correct_sentiment(conn, mention_id=mention_id, label=body.label, corrected_by=who.user.username)
    except CorrectionError as exc:
        raise ApiError(404, str(exc)) from None
    return _reread(store, mention_id)


@router.post("/{mention_id}/spam", response_model=MentionPublic,
             summary="Mark a mention as spam or not spam (spam is left out of dashboard counts)")
def mark(mention_id: Id, body: SpamMark, who: Editor, store: StoreDep) -> MentionPublic:
    from voxpop.store.corrections import CorrectionError, mark_spam

    try:
        with store.write() as conn:
            mark_spam(conn, mention_id=mention_id, spam=body.spam, marked_by=who.user.username)
    except CorrectionError as exc:
        raise ApiError(404, str(exc)) from None
    return _reread(store, mention_id)
