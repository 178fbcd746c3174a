"""The tables of a workspace. Changes here need a migration in store/migrations/versions/."""

from __future__ import annotations

import sqlalchemy as sa

from voxpop.store.types import JSONValue, UTCDateTime

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("kind", sa.String(50), nullable=False),
    sa.Column("config", JSONValue, nullable=False),
    sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("interval_s", sa.Integer, nullable=False, server_default="900"),
    # new | ok | error | rate_limited | needs_attention | disabled
    sa.Column("state", sa.String(30), nullable=False, server_default="new"),
    sa.Column("cursor", JSONValue, nullable=True),
    sa.Column("last_run_at", UTCDateTime, nullable=True),
    sa.Column("last_success_at", UTCDateTime, nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("last_error_at", UTCDateTime, nullable=True),
    sa.Column("next_run_at", UTCDateTime, nullable=True),
    sa.Column("items_collected", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    # consecutive failed runs, for exponential backoff (migration 0002)
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("source_id", BigId, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    sa.Column("external_id", sa.String(500), nullable=False),
    sa.Column("channel", sa.String(30), nullable=False),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("author", sa.String(300), nullable=True),
    sa.Column("author_name", sa.String(300), nullable=True),
    sa.Column("author_followers", sa.BigInteger, nullable=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("published_at", UTCDateTime, nullable=False),
    sa.Column("collected_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("lang", sa.String(8), nullable=True),
    sa.Column("country", sa.String(2), nullable=True),
    sa.Column("likes", sa.BigInteger, nullable=True),
    sa.Column("shares", sa.BigInteger, nullable=True),
    sa.Column("replies", sa.BigInteger, nullable=True),
    sa.Column("views", sa.BigInteger, nullable=True),
    sa.Column("links", JSONValue, nullable=True),
    sa.Column("hashtags", JSONValue, nullable=True),
    sa.Column("handles", JSONValue, nullable=True),
    sa.Column("source_sentiment", sa.String(10), nullable=True),
    sa.Column("content_hash", sa.String(32), nullable=False),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    # the payload as received, zlib-compressed, so any mention can be re-enriched
    sa.Column("raw", sa.LargeBinary, nullable=False),
    # set by the enrichment stage (migration 0006), read by queries (sentiment:) and counts:
    # the sentiment label (a user's correction wins), the spam flag and the duplicate cluster
    sa.Column("sentiment", sa.String(10), nullable=True),
    sa.Column("spam", sa.Boolean, nullable=True),
    sa.Column("cluster_id", BigId, nullable=True),
    sa.UniqueConstraint("source_id", "external_id"),
    sa.Index(None, "published_at"),
    # partial: new mentions arrive without a cluster, so imports pay nothing for this index
    sa.Index("ix_mentions_cluster_id", "cluster_id", sqlite_where=sa.text("cluster_id IS NOT NULL"),
             postgresql_where=sa.text("cluster_id IS NOT NULL")),
)

mention_history = sa.Table(
    "mention_history",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("mention_id", BigId, sa.ForeignKey("mentions.id", ondelete="CASCADE"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("content_hash", sa.String(32), nullable=False),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("author", sa.String(300), nullable=True),
    sa.Column("author_name", sa.String(300), nullable=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("raw", sa.LargeBinary, nullable=False),
    sa.Column("collected_at", UTCDateTime, nullable=False),
    sa.Column("replaced_at", UTCDateTime, nullable=False),
    sa.Index(None, "mention_id"),
)

enrichments = sa.Table(
    "enrichments",
    metadata,
    sa.Column("mention_id", BigId, sa.ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("step", sa.String(50), primary_key=True),
    sa.Column("version", sa.String(30), nullable=False),
    sa.Column("result", JSONValue, nullable=False),
    sa.Column("computed_at", UTCDateTime, nullable=False),
)

ingest_rejects = sa.Table(
    "ingest_rejects",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("source_id", BigId, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=True),
    sa.Column("location", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("excerpt", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index(None, "source_id", "created_at"),
)

# ---- saved queries and what they matched (migration 0002) -------------------------------------

queries = sa.Table(
    "queries",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    # bumped by every edit, so a backfill interrupted by an edit can tell it is stale
    sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

query_matches = sa.Table(
    "query_matches",
    metadata,
    sa.Column("query_id", BigId, sa.ForeignKey("queries.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("mention_id", BigId, sa.ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("matched_at", UTCDateTime, nullable=False),
    sa.Index(None, "mention_id"),
)

#: Where each pipeline stage that follows the store has got to (e.g. "match": the last mention id
#: matched against every enabled query), moved in the transaction that does the stage's work.
pipeline_cursors = sa.Table(
    "pipeline_cursors",
    metadata,
    sa.Column("stage", sa.String(50), primary_key=True),
    sa.Column("position", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

#: Mentions whose content changed after a stage processed them (match, enrich): the stage
#: processes them again and removes them from its queue.
stage_queue = sa.Table(
    "stage_queue",
    metadata,
    sa.Column("stage", sa.String(50), primary_key=True),
    sa.Column("mention_id", BigId, sa.ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("queued_at", UTCDateTime, nullable=False),
)

#: Workspace-wide settings kept in the database (e.g. "exclusions": query expressions whose
#: mentions no saved query matches).
workspace_settings = sa.Table(
    "workspace_settings",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", JSONValue, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

#: The query-language keys of each mention (word keys, #tags, @handles), encoded for the
#: full-text index (voxpop/store/search.py): the search prefilter. SQLite indexes them with FTS5
#: (``mention_terms_fts``, kept in step by triggers), PostgreSQL with a GIN index (migration 0003).
mention_terms = sa.Table(
    "mention_terms",
    metadata,
    sa.Column("mention_id", BigId, sa.ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("terms", sa.Text, nullable=False),
)

# ---- users and access (migration 0004; repository: voxpop/store/users.py) ---------------------

#: People who use the web app and the API. role: admin | editor | viewer.
users = sa.Table(
    "users",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(100), nullable=False, unique=True),
    sa.Column("display_name", sa.String(200), nullable=False, server_default=""),
    # argon2id, in the encoded form argon2-cffi writes (parameters and salt included)
    sa.Column("password_hash", sa.String(300), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("last_login_at", UTCDateTime, nullable=True),
)

teams = sa.Table(
    "teams",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

team_members = sa.Table(
    "team_members",
    metadata,
    sa.Column("team_id", BigId, sa.ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", BigId, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Index(None, "user_id"),
)

#: Web UI sessions. The cookie carries a random id; only its SHA-256 is stored, so a copy of the
#: database does not hold live session ids. The CSRF token is per session.
web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", BigId, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Index(None, "user_id"),
)

#: API tokens: shown once at creation; only their SHA-256 is stored. prefix (the first characters)
#: lets a person tell tokens apart in lists without the secret.
api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("user_id", BigId, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("prefix", sa.String(20), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("last_used_at", UTCDateTime, nullable=True),
    sa.Column("expires_at", UTCDateTime, nullable=True),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
)

#: Every login attempt, kept so that the rate limit on failures (per username and per IP)
#: survives a restart.
login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(100), nullable=False),
    sa.Column("ip", sa.String(64), nullable=False),
    sa.Column("succeeded", sa.Boolean, nullable=False),
    sa.Column("attempted_at", UTCDateTime, nullable=False),
    sa.Index(None, "username", "attempted_at"),
    sa.Index(None, "ip", "attempted_at"),
)

# ---- notifications: destinations and the outbox (migration 0005; repository: voxpop/store/outbox.py)

#: Where notifications go: a webhook, a Slack incoming webhook, an SMTP mailbox. ``config`` holds
#: the kind's settings, secrets included (never printed: DestinationRow.public() masks them).
notify_destinations = sa.Table(
    "notify_destinations",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("kind", sa.String(50), nullable=False),
    sa.Column("config", JSONValue, nullable=False),
    sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

#: One row per (event, destination), written in the transaction of the event that caused it;
#: the deliverer leases due rows, sends them, and marks them sent, retries them later, or
#: dead-letters them with the reason. ``idempotency_key`` is what receivers deduplicate on.
outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("idempotency_key", sa.String(80), nullable=False, unique=True),
    sa.Column("event_key", sa.String(300), nullable=False),
    sa.Column(
        "destination_id", BigId, sa.ForeignKey("notify_destinations.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("payload", JSONValue, nullable=False),
    # pending | sending (leased until lease_until) | sent | dead
    sa.Column("state", sa.String(10), nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", UTCDateTime, nullable=False),
    sa.Column("lease_owner", sa.String(64), nullable=True),
    sa.Column("lease_until", UTCDateTime, nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("sent_at", UTCDateTime, nullable=True),
    sa.Column("dead_at", UTCDateTime, nullable=True),
    sa.Index(None, "state", "next_attempt_at"),
    sa.Index(None, "destination_id"),
    sa.Index(None, "event_key"),
)


#: Users' sentiment corrections (the mentions explorer, ``voxpop mentions correct``): the text
#: and label are kept even if the mention goes, because the sentiment step learns from them.
sentiment_corrections = sa.Table(
    "sentiment_corrections",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("mention_id", BigId, sa.ForeignKey("mentions.id", ondelete="SET NULL"), nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("lang", sa.String(10), nullable=True),
    sa.Column("label", sa.String(10), nullable=False),
    sa.Column("corrected_by", sa.String(200), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)


# ---- routing: team settings, rules, cases and their history, intent corrections --------------
# (migration 0007_routing; repository: voxpop/store/routing.py; logic: voxpop/route/)

#: What the routing needs to know of a team (the ``teams`` table itself belongs to users and
#: access): the intents the classifier may send it, its business hours and time zone, its
#: first-response target, and where its lead hears of breaches.
team_settings = sa.Table(
    "team_settings",
    metadata,
    sa.Column("team_id", BigId, sa.ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("intents", JSONValue, nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"),
    # {"mon": [["09:00", "17:00"]], ...}: local wall-clock windows per weekday
    sa.Column("business_hours", JSONValue, nullable=False),
    # None: no service-level target
    sa.Column("first_response_s", sa.Integer, nullable=True),
    sa.Column("lead_destination_id", BigId, sa.ForeignKey("notify_destinations.id", ondelete="SET NULL"),
              nullable=True),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

#: A routing rule: mentions that match its saved query (if any) and its conditions go to its teams.
route_rules = sa.Table(
    "route_rules",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    # removing the query removes the rule: a rule left without its query would match everything
    sa.Column("query_id", BigId, sa.ForeignKey("queries.id", ondelete="CASCADE"), nullable=True),
    # channels, langs, sentiments, sources, spam, min_followers, max_followers (voxpop/route/rules.py)
    sa.Column("conditions", JSONValue, nullable=False),
    sa.Column("priority", sa.String(10), nullable=False, server_default="normal"),
    sa.Column("tags", JSONValue, nullable=False),
    sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

route_rule_teams = sa.Table(
    "route_rule_teams",
    metadata,
    sa.Column("rule_id", BigId, sa.ForeignKey("route_rules.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("team_id", BigId, sa.ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    sa.Index(None, "team_id"),
)

#: A case: one mention (or one duplicate cluster) for one team, with its status, owner, priority
#: and service-level clock. Cases outlive their team and their first mention (history is kept).
cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("team_id", BigId, sa.ForeignKey("teams.id", ondelete="SET NULL"), nullable=True),
    sa.Column("mention_id", BigId, sa.ForeignKey("mentions.id", ondelete="SET NULL"), nullable=True),
    sa.Column("cluster_id", BigId, nullable=True),
    # new | open | pending | closed
    sa.Column("status", sa.String(10), nullable=False, server_default="new"),
    sa.Column("priority", sa.String(10), nullable=False, server_default="normal"),
    sa.Column("assignee_id", BigId, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    sa.Column("tags", JSONValue, nullable=False),
    sa.Column("intent", sa.String(20), nullable=True),
    # rule | intent: what sent the mention to the team; reason says which rules or cues
    sa.Column("origin", sa.String(10), nullable=False),
    sa.Column("reason", JSONValue, nullable=False),
    sa.Column("opened_at", UTCDateTime, nullable=False),
    sa.Column("due_at", UTCDateTime, nullable=True),
    sa.Column("first_response_at", UTCDateTime, nullable=True),
    # business seconds from opened_at to first_response_at, in the team's hours at the time
    sa.Column("response_business_s", sa.Integer, nullable=True),
    sa.Column("breached_at", UTCDateTime, nullable=True),
    sa.Column("closed_at", UTCDateTime, nullable=True),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index(None, "team_id", "status"),
    sa.Index(None, "cluster_id"),
    sa.Index(None, "opened_at"),
    sa.Index(None, "status", "due_at"),
)

case_mentions = sa.Table(
    "case_mentions",
    metadata,
    sa.Column("case_id", BigId, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("mention_id", BigId, sa.ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("added_at", UTCDateTime, nullable=False),
    sa.Index(None, "mention_id"),
)

#: Every change to a case: who (a username, or "voxpop" for the routing itself), what, when, old → new.
#: Notes are events too (action "note", the text in new_value).
case_events = sa.Table(
    "case_events",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("case_id", BigId, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(30), nullable=False),
    sa.Column("old_value", sa.Text, nullable=True),
    sa.Column("new_value", sa.Text, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index(None, "case_id", "id"),
)

#: Intents corrected in the inbox: the text and label are kept even if the mention goes, because
#: the intent classifier learns from them (voxpop/route/intent.py).
intent_corrections = sa.Table(
    "intent_corrections",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("mention_id", BigId, sa.ForeignKey("mentions.id", ondelete="SET NULL"), nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("lang", sa.String(10), nullable=True),
    sa.Column("label", sa.String(20), nullable=False),
    sa.Column("corrected_by", sa.String(200), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)
# ---- end of routing -----------------------------------------------------------------------------


# ---- alerts: rollups, stored alerts and their history, thresholds, subscriptions --------------
# (migration 0008_alerts; repository: voxpop/store/alerts.py; logic: voxpop/alerts/stage.py)

#: What each saved query heard in each minute (minutes since 1970-01-01 UTC), kept incrementally by
#: the alert stage from new matches and rebuilt from query_matches when a query's matches are recomputed.
query_rollups = sa.Table(
    "query_rollups",
    metadata,
    sa.Column("query_id", BigId, sa.ForeignKey("queries.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("minute", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("volume", sa.Integer, nullable=False),
    sa.Column("negatives", sa.Integer, nullable=False),
    # {"bluesky": 3, ...} and {"en": 2, ...}: volume by channel and by language
    sa.Column("channels", JSONValue, nullable=False),
    sa.Column("langs", JSONValue, nullable=False),
)

#: Per query: the last minute the live detector decided, and whether its rollups must be rebuilt
#: (set when its matches were recomputed: an edit, enabling it, new exclusions).
alert_query_state = sa.Table(
    "alert_query_state",
    metadata,
    sa.Column("query_id", BigId, sa.ForeignKey("queries.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("decided_minute", sa.BigInteger, nullable=True),
    sa.Column("rollups_dirty", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

#: Simple threshold alerts beside the detector: more than ``above`` mentions (metric volume) or
#: more than ``above`` percent negative (metric negative_share) in ``window_minutes``.
alert_thresholds = sa.Table(
    "alert_thresholds",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("query_id", BigId, sa.ForeignKey("queries.id", ondelete="CASCADE"), nullable=False),
    sa.Column("metric", sa.String(20), nullable=False),
    sa.Column("above", sa.Float, nullable=False),
    sa.Column("window_minutes", sa.Integer, nullable=False),
    # a negative share is only judged on at least this many mentions in the window
    sa.Column("min_mentions", sa.Integer, nullable=False, server_default="0"),
    sa.Column("severity", sa.String(10), nullable=False, server_default="medium"),
    sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index(None, "query_id"),
)

#: An alert as stored: raised by the detector (kind volume | negative_share) or by a threshold
#: (kind threshold_volume | threshold_negative), with its state open | acknowledged | resolved.
alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("query_id", BigId, sa.ForeignKey("queries.id", ondelete="CASCADE"), nullable=False),
    sa.Column("threshold_id", BigId, sa.ForeignKey("alert_thresholds.id", ondelete="SET NULL"), nullable=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("severity", sa.String(10), nullable=False),
    sa.Column("state", sa.String(15), nullable=False, server_default="open"),
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("fired_at", UTCDateTime, nullable=False),
    sa.Column("ended_at", UTCDateTime, nullable=True),
    sa.Column("observed", sa.Float, nullable=False),
    sa.Column("expected", sa.Float, nullable=False),
    sa.Column("drivers", JSONValue, nullable=False),
    sa.Column("summary", sa.Text, nullable=False, server_default=""),
    sa.Column("top_mention_ids", JSONValue, nullable=False),
    # the windows that fired and peaked; a threshold alert's last minute above its limit
    sa.Column("detail", JSONValue, nullable=False),
    sa.Column("acknowledged_at", UTCDateTime, nullable=True),
    sa.Column("acknowledged_by", sa.String(200), nullable=True),
    sa.Column("resolved_at", UTCDateTime, nullable=True),
    sa.Column("resolved_by", sa.String(200), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index(None, "state", "fired_at"),
    sa.Index(None, "query_id", "kind", "ended_at"),
)

#: Every change to an alert: who ("detector", "threshold" or a person), what, when, old → new state.
alert_history = sa.Table(
    "alert_history",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("alert_id", BigId, sa.ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("old_state", sa.String(15), nullable=True),
    sa.Column("new_state", sa.String(15), nullable=True),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index(None, "alert_id", "id"),
)

#: Who receives which alerts: one query's (or, query_id NULL, every query's) alerts of at least
#: ``min_severity``, sent to a destination, or by e-mail to a user or an address through the SMTP
#: settings of an e-mail destination (``via_destination_id``).
alert_subscriptions = sa.Table(
    "alert_subscriptions",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("query_id", BigId, sa.ForeignKey("queries.id", ondelete="CASCADE"), nullable=True),
    sa.Column("min_severity", sa.String(10), nullable=False, server_default="low"),
    sa.Column("destination_id", BigId, sa.ForeignKey("notify_destinations.id", ondelete="CASCADE"), nullable=True),
    sa.Column("user_id", BigId, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=True),
    sa.Column("email", sa.String(320), nullable=True),
    sa.Column("via_destination_id", BigId, sa.ForeignKey("notify_destinations.id", ondelete="CASCADE"),
              nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index(None, "query_id"),
)
# ---- end of alerts ------------------------------------------------------------------------------


# ---- digests: daily and weekly e-mail digests per subscription ---------------------------------
# (migration 0009_digests; repository: voxpop/store/digests.py; logic: voxpop/notify/digest.py)

#: A digest subscription: some saved queries (or, all_queries, every query) summed up daily or weekly
#: at a wall-clock time of the workspace's zone, sent to a destination, or by e-mail to an address
#: through an e-mail destination's server (``via_destination_id``, as alert subscriptions do).
#: ``last_period_end`` is the end of the last period enqueued: moved in the transaction that enqueues
#: the digest, so a restart neither sends a period twice nor skips one.
digest_subscriptions = sa.Table(
    "digest_subscriptions",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("all_queries", sa.Boolean, nullable=False, server_default=sa.false()),
    # daily | weekly; weekday 0 = Monday (weekly only); at: local "HH:MM"
    sa.Column("frequency", sa.String(10), nullable=False),
    sa.Column("weekday", sa.Integer, nullable=False, server_default="0"),
    sa.Column("at", sa.String(5), nullable=False),
    sa.Column("destination_id", BigId, sa.ForeignKey("notify_destinations.id", ondelete="CASCADE"), nullable=True),
    sa.Column("user_id", BigId, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=True),
    sa.Column("email", sa.String(320), nullable=True),
    sa.Column("via_destination_id", BigId, sa.ForeignKey("notify_destinations.id", ondelete="CASCADE"),
              nullable=True),
    sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("last_period_end", UTCDateTime, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

#: The saved queries of a digest that is not for every query (removing a query removes it here).
digest_queries = sa.Table(
    "digest_queries",
    metadata,
    sa.Column("subscription_id", BigId, sa.ForeignKey("digest_subscriptions.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("query_id", BigId, sa.ForeignKey("queries.id", ondelete="CASCADE"), primary_key=True),
    sa.Index(None, "query_id"),
)
# ---- end of digests -----------------------------------------------------------------------------
