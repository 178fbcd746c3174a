"""Repository of the daily and weekly digests: digest subscriptions with their last sent period,
and the reads a digest is made of (volume, sentiment and spam per query, most engaged mentions,
alerts fired, cases opened and breached per team) over a period of time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.alerts import AlertRow, get_alert
from voxpop.store.tables import (
    alerts,
    cases,
    digest_queries,
    digest_subscriptions,
    mentions,
    notify_destinations,
    queries,
    query_matches,
    teams,
    users,
)

if TYPE_CHECKING:
    from voxpop.notify.digest import DigestSchedule


class DigestNotFound(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class DigestSubscriptionRow:
    id: int
    all_queries: bool
    #: (id, name) of the saved queries, by name; empty when ``all_queries``
    queries: tuple[tuple[int, str], ...]
    frequency: str
    weekday: int
    at: time
    destination_id: int | None
    destination: str | None
    user_id: int | None
    username: str | None
    email: str | None
    via_destination_id: int | None
    via: str | None
    enabled: bool
    last_period_end: datetime | None
    created_at: datetime

    def schedule(self, timezone: str) -> DigestSchedule:
        """When this digest goes out in the workspace's zone ``timezone``."""
        from voxpop.notify.digest import DigestSchedule  # the store is imported by notify, not the reverse

        return DigestSchedule(self.frequency, self.at, timezone, self.weekday)  # type: ignore[arg-type]

    def rhythm(self) -> str:
        """``daily 08:00`` or ``weekly monday 09:30`` (what parse_schedule reads)."""
        from voxpop.notify.digest import WEEKDAYS

        at = self.at.strftime("%H:%M")
        return f"daily {at}" if self.frequency == "daily" else f"weekly {WEEKDAYS[self.weekday]} {at}"

    def recipient(self) -> str:
        if self.destination:
            return f"destination {self.destination}"
        who = f"{self.username} <{self.email}>" if self.username else str(self.email)
        return f"{who} (e-mail via {self.via})"

    def scope(self) -> str:
        return "every query" if self.all_queries else ", ".join(name for _, name in self.queries) or "(no query left)"

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "queries": None if self.all_queries else [name for _, name in self.queries],
                "rhythm": self.rhythm(), "destination": self.destination, "user": self.username,
                "email": self.email, "via": self.via, "recipient": self.recipient(), "enabled": self.enabled,
                "last_period_end": self.last_period_end.astimezone(UTC).isoformat() if self.last_period_end else None}


def _subscriptions_query() -> sa.Select[Any]:
    destination = notify_destinations.alias("destination")
    via = notify_destinations.alias("via")
    return (
        sa.select(digest_subscriptions, destination.c.name.label("destination"), via.c.name.label("via"),
                  users.c.username)
        .select_from(digest_subscriptions
                     .outerjoin(destination, destination.c.id == digest_subscriptions.c.destination_id)
                     .outerjoin(via, via.c.id == digest_subscriptions.c.via_destination_id)
                     .outerjoin(users, users.c.id == digest_subscriptions.c.user_id))
        .order_by(digest_subscriptions.c.id)
    )


def _rows(conn: Connection, statement: sa.Select[Any]) -> list[DigestSubscriptionRow]:
    found = list(conn.execute(statement))
    names: dict[int, list[tuple[int, str]]] = {}
    if found:
        pairs = conn.execute(
            sa.select(digest_queries.c.subscription_id, queries.c.id, queries.c.name)
            .join(queries, queries.c.id == digest_queries.c.query_id)
            .where(digest_queries.c.subscription_id.in_([r.id for r in found]))
            .order_by(queries.c.name))
        for subscription_id, query_id, name in pairs:
            names.setdefault(int(subscription_id), []).append((int(query_id), str(name)))
    return [
        DigestSubscriptionRow(
            id=int(r.id), all_queries=bool(r.all_queries), queries=tuple(names.get(int(r.id), ())),
            frequency=r.frequency, weekday=int(r.weekday), at=time.fromisoformat(r.at),
            destination_id=r.destination_id, destination=r.destination, user_id=r.user_id, username=r.username,
            email=r.email, via_destination_id=r.via_destination_id, via=r.via, enabled=bool(r.enabled),
            last_period_end=r.last_period_end, created_at=r.created_at)
        for r in found
    ]


def add_digest_subscription(
    conn: Connection, *, schedule: DigestSchedule, query_ids: Sequence[int] | None,
    destination_id: int | None = None, user_id: int | None = None, email: str | None = None,
    via_destination_id: int | None = None,
) -> DigestSubscriptionRow:
    """Send a digest of some saved queries (None: every query) on ``schedule`` (its zone is not
    kept: digests follow the workspace's zone) to a destination, or by e-mail to an address through
    an e-mail destination's server. The first period is the one that ends after now."""
    if (destination_id is None) == (email is None):
        raise ValueError("a digest goes to a destination or to an e-mail address, one of the two")
    if email is not None and via_destination_id is None:
        raise ValueError("an e-mail digest needs the e-mail destination whose server sends it (--via)")
    if query_ids is not None and not query_ids:
        raise ValueError("name at least one saved query, or none for every query")
    now = datetime.now(UTC)
    new_id = conn.execute(digest_subscriptions.insert().values(
        all_queries=query_ids is None, frequency=schedule.frequency, weekday=schedule.weekday,
        at=schedule.at.strftime("%H:%M"), destination_id=destination_id, user_id=user_id, email=email,
        via_destination_id=via_destination_id, enabled=True, created_at=now, updated_at=now,
    ).returning(digest_subscriptions.c.id)).scalar_one()
    if query_ids:
        conn.execute(digest_queries.insert(),
                     [{"subscription_id": new_id, "query_id": q} for q in dict.fromkeys(query_ids)])
    return get_digest_subscription(conn, subscription_id=int(new_id))


def list_digest_subscriptions(conn: Connection, *, enabled_only: bool = False) -> list[DigestSubscriptionRow]:
    statement = _subscriptions_query()
    if enabled_only:
        statement = statement.where(digest_subscriptions.c.enabled.is_(True))
    return _rows(conn, statement)


def get_digest_subscription(conn: Connection, *, subscription_id: int) -> DigestSubscriptionRow:
    found = _rows(conn, _subscriptions_query().where(digest_subscriptions.c.id == subscription_id))
    if not found:
        raise DigestNotFound(f"no digest {subscription_id}; 'voxpop digest list' shows them")
    return found[0]


def remove_digest_subscription(conn: Connection, *, subscription_id: int) -> None:
    if not conn.execute(digest_subscriptions.delete()
                        .where(digest_subscriptions.c.id == subscription_id)).rowcount:
        raise DigestNotFound(f"no digest {subscription_id}; 'voxpop digest list' shows them")


def claim_period(conn: Connection, *, subscription_id: int, period_end: datetime) -> bool:
    """Record ``period_end`` as the digest's last sent period, unless that period (or a later one)
    is recorded already: True when this caller may enqueue it. Called in the transaction that
    enqueues the digest. On PostgreSQL a concurrent claim waits for this transaction and then finds
    the period taken; on SQLite the write transaction is exclusive already."""
    result = conn.execute(
        digest_subscriptions.update()
        .where(digest_subscriptions.c.id == subscription_id,
               sa.or_(digest_subscriptions.c.last_period_end.is_(None),
                      digest_subscriptions.c.last_period_end < period_end))
        .values(last_period_end=period_end, updated_at=datetime.now(UTC))
    )
    return result.rowcount == 1


# ---- what a digest is made of ---------------------------------------------------------------


def _matched(query_ids: Sequence[int], start: datetime, end: datetime) -> Any:
    return (query_matches.join(mentions, mentions.c.id == query_matches.c.mention_id), sa.and_(
        query_matches.c.query_id.in_(list(query_ids)), mentions.c.published_at >= start,
        mentions.c.published_at < end))


def volume_by_query(conn: Connection, *, query_ids: Sequence[int], start: datetime,
                    end: datetime) -> dict[int, dict[str, int]]:
    """Per query, its mentions published in [start, end) by sentiment label (``none``: not yet
    labelled) and ``spam`` (spam is counted apart and in no other figure)."""
    if not query_ids:
        return {}
    joined, where = _matched(query_ids, start, end)
    label = sa.case((mentions.c.spam.is_(True), "spam"), else_=sa.func.coalesce(mentions.c.sentiment, "none"))
    rows = conn.execute(sa.select(query_matches.c.query_id, label.label("label"), sa.func.count())
                        .select_from(joined).where(where).group_by(query_matches.c.query_id, label))
    found: dict[int, dict[str, int]] = {int(q): {} for q in query_ids}
    for query_id, name, count in rows:
        found[int(query_id)][str(name)] = int(count)
    return found


@dataclass(frozen=True, slots=True)
class EngagedMention:
    id: int
    channel: str
    author: str | None
    url: str | None
    title: str | None
    text: str
    published_at: datetime
    sentiment: str | None
    likes: int
    shares: int
    replies: int

    @property
    def engagement(self) -> int:
        # a share carries a mention further than a like, so it weighs twice
        return self.likes + 2 * self.shares + self.replies


def top_mentions(conn: Connection, *, query_id: int, start: datetime, end: datetime,
                 limit: int = 3) -> list[EngagedMention]:
    """The most engaged (likes + 2 × shares + replies) mentions of a query published in [start, end),
    spam left out; the newest first among equals."""
    joined, where = _matched([query_id], start, end)
    likes, shares, replies = (sa.func.coalesce(c, 0) for c in (mentions.c.likes, mentions.c.shares,
                                                                 mentions.c.replies))
    statement = (
        sa.select(mentions.c.id, mentions.c.channel, mentions.c.author, mentions.c.url, mentions.c.title,
                  mentions.c.text, mentions.c.published_at, mentions.c.sentiment, likes.label("likes"),
                  shares.label("shares"), replies.label("replies"))
        .select_from(joined).where(where, mentions.c.spam.is_not(True))
        .order_by((likes + 2 * shares + replies).desc(), mentions.c.published_at.desc(), mentions.c.id.desc())
        .limit(limit)
    )
    return [EngagedMention(id=int(r.id), channel=r.channel, author=r.author, url=r.url, title=r.title, text=r.text,
                           published_at=r.published_at, sentiment=r.sentiment, likes=int(r.likes),
                           shares=int(r.shares), replies=int(r.replies)) for r in conn.execute(statement)]


def alerts_fired(conn: Connection, *, query_ids: Sequence[int], start: datetime, end: datetime) -> list[AlertRow]:
    """The alerts of these queries that fired in [start, end), in the order they fired."""
    if not query_ids:
        return []
    ids = conn.execute(sa.select(alerts.c.id).where(
        alerts.c.query_id.in_(list(query_ids)), alerts.c.fired_at >= start, alerts.c.fired_at < end,
    ).order_by(alerts.c.fired_at, alerts.c.id))
    return [get_alert(conn, alert_id=int(i)) for i in ids.scalars()]


def cases_by_team(conn: Connection, *, start: datetime, end: datetime) -> list[tuple[str, int, int]]:
    """(team, cases opened, cases that breached their first-response target) in [start, end), for
    the teams that had either; cases whose team was removed count under ``(no team)``."""
    opened = sa.select(cases.c.team_id, sa.func.count().label("n")).where(
        cases.c.opened_at >= start, cases.c.opened_at < end).group_by(cases.c.team_id)
    breached = sa.select(cases.c.team_id, sa.func.count().label("n")).where(
        cases.c.breached_at >= start, cases.c.breached_at < end).group_by(cases.c.team_id)
    counts: dict[int | None, list[int]] = {}
    for index, statement in enumerate((opened, breached)):
        for team_id, n in conn.execute(statement):
            counts.setdefault(team_id, [0, 0])[index] = int(n)
    names = {int(i): str(n) for i, n in conn.execute(sa.select(teams.c.id, teams.c.name))}
    found = [(names.get(t, "(no team)") if t is not None else "(no team)", o, b) for t, (o, b) in counts.items()]
    return sorted(found, key=lambda item: (-item[2], -item[1], item[0]))


def query_names(conn: Connection, *, query_ids: Sequence[int] | None = None) -> list[tuple[int, str]]:
    """(id, name) of the given saved queries, or of every enabled one, by name."""
    statement = sa.select(queries.c.id, queries.c.name).order_by(queries.c.name)
    if query_ids is None:
        statement = statement.where(queries.c.enabled.is_(True))
    else:
        statement = statement.where(queries.c.id.in_(list(query_ids)))
    return [(int(i), str(n)) for i, n in conn.execute(statement)]
