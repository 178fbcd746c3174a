"""API models, one per use: what a client sends to create (XCreate) or change (XUpdate) a thing,
and what it gets back (XPublic, XList). Nothing secret is in a Public model."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

Role = Literal["viewer", "editor", "admin"]
#: A row id in a path: bounded to what both databases store (a larger number is a 422, not a 500).
Id = Annotated[int, Path(ge=1, le=2**63 - 1)]


class Problem(BaseModel):
    column: int = Field(description="1-based character position in the query")
    message: str
    hint: str = ""


class ErrorDetail(BaseModel):
    message: str
    problems: list[dict[str, Any]] = []


class ErrorBody(BaseModel):
    error: ErrorDetail


# ---- sources ---------------------------------------------------------------------------------


class SourceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")
    kind: str = Field(min_length=1, max_length=50, description="connector: rss, web, mastodon, hackernews, file")
    config: dict[str, Any] = Field(default_factory=dict, description="the connector's options")
    interval_s: int = Field(900, ge=60, le=7 * 86400, description="how often collect may run it")


class SourcePublic(BaseModel):
    id: int
    name: str
    kind: str
    config: dict[str, Any] = Field(description="secrets masked as ***")
    enabled: bool
    interval_s: int
    state: str
    last_run_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    next_run_at: datetime | None
    items_collected: int
    failures: int


class SourceList(BaseModel):
    sources: list[SourcePublic]


class Removed(BaseModel):
    removed: str
    mentions: int = 0
    matches: int = 0


# ---- mentions ----------------------------------------------------------------------------------


class MentionPublic(BaseModel):
    id: int
    external_id: str
    source: str | None
    channel: str
    url: str | None
    author: str | None
    author_name: str | None
    title: str | None
    text: str
    published_at: datetime
    lang: str | None
    country: str | None
    likes: int | None
    shares: int | None
    replies: int | None
    views: int | None
    hashtags: list[str]
    handles: list[str]
    links: list[str]
    highlights: dict[str, list[tuple[int, int]]] = Field(
        default_factory=dict, description="per field, the [start, end) character spans that matched q")
    sentiment: str | None = Field(None, description="positive, neutral or negative (a user's correction wins)")
    spam: bool | None = Field(None, description="the spam flag (the spam step's, or a user's marking)")
    cluster_id: int | None = Field(None, description="the duplicate cluster the mention belongs to")


class MentionList(BaseModel):
    mentions: list[MentionPublic]
    next_cursor: str | None = Field(description="pass as cursor= for the next page; null on the last page")


class SentimentCorrection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: Literal["positive", "neutral", "negative"] = Field(
        description="the mention's true sentiment; the sentiment step learns from it")


class SpamMark(BaseModel):
    model_config = ConfigDict(extra="forbid")
    spam: bool = Field(description="true: spam (left out of dashboard counts); false: not spam")


# ---- saved queries -------------------------------------------------------------------------------


class QueryText(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(max_length=20_000)


class Validation(BaseModel):
    valid: bool
    problems: list[Problem]
    warnings: list[Problem]


class QueryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")
    query: str = Field(min_length=1, max_length=20_000)
    enabled: bool = True


class QueryUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str | None = Field(None, min_length=1, max_length=20_000)
    enabled: bool | None = None


class QueryPublic(BaseModel):
    id: int
    name: str
    query: str
    enabled: bool
    revision: int
    updated_at: datetime
    matches: int


class QueryList(BaseModel):
    queries: list[QueryPublic]


class Backfill(BaseModel):
    query: QueryPublic
    mentions_scanned: int


# ---- users and tokens ------------------------------------------------------------------------------


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.@-]+$")
    password: str = Field(min_length=10, max_length=1000)
    role: Role = "viewer"
    display_name: str = Field("", max_length=200)


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Role | None = None
    active: bool | None = None
    display_name: str | None = Field(None, max_length=200)
    password: str | None = Field(None, min_length=10, max_length=1000)


class UserPublic(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    created_at: datetime
    last_login_at: datetime | None


class UserList(BaseModel):
    users: list[UserPublic]


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    username: str | None = Field(None, description="whose token (default: yours); it acts with that user's role")
    expires_in_days: int | None = Field(None, ge=1, le=3650)


class TokenPublic(BaseModel):
    id: int
    username: str
    name: str
    prefix: str = Field(description="the token's first characters, to tell tokens apart")
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    active: bool


class TokenCreated(TokenPublic):
    token: str = Field(description="the secret: shown this once, never again")


class TokenList(BaseModel):
    tokens: list[TokenPublic]


# ---- health ------------------------------------------------------------------------------------------


class Health(BaseModel):
    status: Literal["ok", "degraded", "error"]
    database: dict[str, Any]
    collectors: dict[str, Any]
