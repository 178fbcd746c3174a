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


class TeamRemoved(BaseModel):
    removed: str
    open_cases: int = Field(description="its cases that were not closed (they stay, without a team)")


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


# ---- teams, routing rules and cases ------------------------------------------------------------------

Status = Literal["new", "open", "pending", "closed"]
Priority = Literal["low", "normal", "high", "urgent"]
Intent = Literal["complaint", "feedback", "hr", "sales", "press", "none"]
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")]


class TeamCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    intents: list[Literal["complaint", "feedback", "hr", "sales", "press"]] = Field(
        default_factory=list, description="intents this team takes from the classifier")
    timezone: str = Field("UTC", max_length=64, description="IANA time zone of its business hours")
    hours: str = Field("mon-fri 09:00-17:00", max_length=500,
                       description="business hours: 'mon-fri 09:00-17:00', 'mon-thu 08:00-16:00; fri 08:00-14:00', "
                                   "'24/7'")
    closed: list[str] = Field(default_factory=list, max_length=400, description="ISO dates the team does not work")
    first_response: str | None = Field(None, max_length=20,
                                       description="service-level target in business time: 2h, 90m, 1h30m")
    lead_destination: str | None = Field(None, max_length=200, description="the lead's destination, told of breaches")
    members: list[str] = Field(default_factory=list, max_length=1000, description="usernames")


class TeamUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    intents: list[Literal["complaint", "feedback", "hr", "sales", "press"]] | None = None
    timezone: str | None = Field(None, max_length=64)
    hours: str | None = Field(None, max_length=500)
    closed: list[str] | None = Field(None, max_length=400)
    first_response: str | None = Field(None, max_length=20, description="'none' removes the target")
    lead_destination: str | None = Field(None, max_length=200, description="'none' removes it")
    members: list[str] | None = Field(None, max_length=1000, description="replaces the members")


class TeamPublic(BaseModel):
    id: int
    name: str
    intents: list[str]
    timezone: str
    hours: str = Field(description="the business hours in words")
    business_hours: dict[str, Any]
    first_response_s: int | None
    lead_destination: str | None
    members: list[str]


class TeamList(BaseModel):
    teams: list[TeamPublic]


class RuleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    teams: list[str] = Field(min_length=1, max_length=50)
    query: str | None = Field(None, max_length=200, description="a saved query's name the mention must match")
    conditions: dict[str, Any] = Field(
        default_factory=dict, description="channels, langs, sentiments, sources (lists), spam (bool), "
                                          "min_followers, max_followers")
    priority: Priority = "normal"
    tags: list[Annotated[str, Field(min_length=1, max_length=50)]] = Field(default_factory=list, max_length=20)


class RulePublic(BaseModel):
    id: int
    name: str
    query: str | None
    conditions: dict[str, Any]
    teams: list[str]
    priority: str
    tags: list[str]
    enabled: bool


class RuleList(BaseModel):
    rules: list[RulePublic]


class CaseSla(BaseModel):
    due_at: datetime | None = Field(description="when the first response is due (business hours of the team)")
    business_s_left: float | None = Field(
        description="business seconds until due; negative when overdue; null when answered or no target")
    responded: bool
    breached: bool


class CasePublic(BaseModel):
    id: int
    team: str | None
    mention_id: int | None
    cluster_id: int | None
    status: str
    priority: str
    assignee: str | None
    tags: list[str]
    intent: str | None
    origin: str
    reason: dict[str, Any]
    mentions: int
    opened_at: datetime
    first_response_at: datetime | None
    response_business_s: int | None
    closed_at: datetime | None
    updated_at: datetime
    sla: CaseSla


class CaseList(BaseModel):
    cases: list[CasePublic]
    next_before: int | None = Field(description="pass as before= for the next page; null on the last page")


class CaseEvent(BaseModel):
    at: datetime
    actor: str
    action: str
    old: str | None
    new: str | None


class CaseDetail(CasePublic):
    history: list[CaseEvent]
    mention_list: list[MentionPublic] = Field(description="the case's mentions (the first 50)")


class CaseUpdate(BaseModel):
    """Each given field is one change, written to the case's history."""

    model_config = ConfigDict(extra="forbid")
    status: Status | None = None
    priority: Priority | None = None
    assignee: str | None = Field(None, max_length=100, description="a username; null takes the case from its assignee")
    intent: Intent | None = Field(None, description="the mention's true intent: kept, and the case is re-routed")


class NoteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=10_000)


# ---- alerts and destinations ------------------------------------------------------------------------

AlertState = Literal["open", "acknowledged", "resolved"]


class AlertPublic(BaseModel):
    id: int
    query: str
    kind: str = Field(description="volume, negative_share, threshold_volume, threshold_negative")
    severity: str
    state: str
    started_at: datetime
    fired_at: datetime
    ended_at: datetime | None
    observed: float
    expected: float
    summary: str
    drivers: dict[str, Any] = Field(description="terms, authors, links, languages, channels: each value's lift")
    top_mention_ids: list[int]
    threshold_id: int | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    resolved_at: datetime | None
    resolved_by: str | None
    link: str


class AlertList(BaseModel):
    alerts: list[AlertPublic]


class ChartPoint(BaseModel):
    at: datetime = Field(description="the bucket's start")
    observed: float
    expected: float | None = Field(description="mean of the same bucket in the previous weeks; null without history")


class AlertExplanation(BaseModel):
    alert: AlertPublic
    bucket_minutes: int
    series: list[ChartPoint] = Field(description="observed vs expected around the alert (negatives for a "
                                                 "negative-share alert)")
    top_mentions: list[MentionPublic]
    history: list[dict[str, Any]]


class ResolveBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str | None = Field(None, max_length=2000)


class DestinationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    kind: str = Field(min_length=1, max_length=50, description="webhook, slack or email")
    config: dict[str, Any] = Field(default_factory=dict, description="the kind's settings (url, secret, host, ...)")


class DestinationPublic(BaseModel):
    id: int
    name: str
    kind: str
    config: dict[str, Any] = Field(description="secrets masked as ***")
    enabled: bool
    created_at: datetime


class DestinationList(BaseModel):
    destinations: list[DestinationPublic]


class DestinationTest(BaseModel):
    delivered: bool
    error: str | None = Field(description="why it did not arrive (secrets redacted)")


# ---- health ------------------------------------------------------------------------------------------


class Health(BaseModel):
    status: Literal["ok", "degraded", "error"]
    database: dict[str, Any]
    collectors: dict[str, Any]
