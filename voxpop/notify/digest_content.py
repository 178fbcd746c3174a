"""What a daily or weekly digest says, and how it reads: per saved query the volume of the period and
its change against the period before, the sentiment split, spam left out, the most engaged mentions,
the rising terms and the alerts that fired; cases opened and breached per team. Rendered as plain
text and as HTML (every stored string escaped: mention text is written by strangers) and packed
into the notification every destination renders."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Connection

from voxpop.enrich.topics import document_frequencies, keywords
from voxpop.store.alerts import AlertRow
from voxpop.store.dashboard import sample_texts
from voxpop.store.digests import (
    EngagedMention,
    alerts_fired,
    cases_by_team,
    query_names,
    top_mentions,
    volume_by_query,
)

SENTIMENTS = ("positive", "neutral", "negative")
KIND_WORDS = {
    "volume": "volume spike",
    "negative_share": "negative share rising",
    "threshold_volume": "volume above threshold",
    "threshold_negative": "negative share above threshold",
}
#: Notification.text holds at most 20,000 characters; queries that do not fit are named, not shown.
MAX_TEXT = 19_000
EXCERPT = 280
#: the newest mentions of each period whose terms are compared (a sample keeps a busy query cheap)
RISING_SAMPLE = 1000


@dataclass(frozen=True, slots=True)
class RisingTerm:
    term: str
    count: int
    previous: int
    lift: float


@dataclass(frozen=True, slots=True)
class QueryDigest:
    query_id: int
    name: str
    #: mentions of the period, spam left out
    volume: int
    previous_volume: int
    #: positive / neutral / negative / none (not yet labelled), spam left out
    sentiment: dict[str, int]
    spam: int
    top: list[EngagedMention] = field(default_factory=list)
    rising: list[RisingTerm] = field(default_factory=list)
    alerts: list[AlertRow] = field(default_factory=list)

    def change(self) -> str:
        """The change against the period before, in words a reader takes in at a glance."""
        if not self.previous_volume:
            return "none the period before" if self.volume else "none the period before either"
        pct = (self.volume - self.previous_volume) / self.previous_volume * 100
        sign = "+" if pct >= 0 else "−"
        return f"{sign}{abs(pct):.0f}% against {self.previous_volume:,} the period before"


@dataclass(frozen=True, slots=True)
class Digest:
    frequency: str
    timezone: str
    start: datetime
    end: datetime
    previous_start: datetime
    queries: list[QueryDigest]
    #: (team, opened, breached) in the period
    teams: list[tuple[str, int, int]]
    public_url: str | None = None

    @property
    def volume(self) -> int:
        return sum(q.volume for q in self.queries)

    @property
    def alert_count(self) -> int:
        return sum(len(q.alerts) for q in self.queries)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(ZoneInfo(self.timezone))

    def period(self) -> str:
        """``Mon 9 Mar 2026 08:00 CET → Tue 10 Mar 2026 08:00 CET``: the period on the workspace's clock."""
        return f"{_when(self.local(self.start))} → {_when(self.local(self.end))}"

    def title(self) -> str:
        end = self.local(self.end)
        day = f"{end:%a} {end.day} {end:%b %Y}"
        alerts = f", {self.alert_count:,} alert{'s' * (self.alert_count != 1)}" if self.alert_count else ""
        return (f"{self.frequency.capitalize()} digest to {day}: {self.volume:,} mentions in "
                f"{len(self.queries):,} quer{'ies' if len(self.queries) != 1 else 'y'}{alerts}")


def _when(local: datetime) -> str:
    return f"{local:%a} {local.day} {local:%b %Y %H:%M %Z}"


# ---- building -------------------------------------------------------------------------------


def build_digest(
    conn: Connection, *, query_ids: Sequence[int] | None, frequency: str, timezone: str, start: datetime,
    end: datetime, previous_start: datetime, public_url: str | None = None, top: int = 3, rising: int = 5,
) -> Digest:
    """The digest of [start, end) for some saved queries (None: every enabled one), compared with
    [previous_start, start). Reads only; call it before the transaction that enqueues the digest."""
    named = query_names(conn, query_ids=query_ids)
    ids = [i for i, _ in named]
    now_counts = volume_by_query(conn, query_ids=ids, start=start, end=end)
    before_counts = volume_by_query(conn, query_ids=ids, start=previous_start, end=start)
    fired: dict[int, list[AlertRow]] = {}
    for alert in alerts_fired(conn, query_ids=ids, start=start, end=end):
        fired.setdefault(alert.query_id, []).append(alert)
    found = []
    for query_id, name in named:
        counts = now_counts.get(query_id, {})
        spam = counts.get("spam", 0)
        volume = sum(counts.values()) - spam
        before = before_counts.get(query_id, {})
        found.append(QueryDigest(
            query_id=query_id, name=name, volume=volume,
            previous_volume=sum(before.values()) - before.get("spam", 0),
            sentiment={label: counts.get(label, 0) for label in (*SENTIMENTS, "none")}, spam=spam,
            top=top_mentions(conn, query_id=query_id, start=start, end=end, limit=top) if volume else [],
            rising=rising_terms(conn, query_id=query_id, start=start, end=end, previous_start=previous_start,
                                top=rising) if volume else [],
            alerts=fired.get(query_id, []),
        ))
    return Digest(frequency=frequency, timezone=timezone, start=start, end=end, previous_start=previous_start,
                  queries=found, teams=cases_by_team(conn, start=start, end=end),
                  public_url=public_url.rstrip("/") if public_url else None)


def rising_terms(conn: Connection, *, query_id: int, start: datetime, end: datetime, previous_start: datetime,
                 top: int = 5, min_count: int = 3, min_lift: float = 2.0, min_score: float = 3.0) -> list[RisingTerm]:
    """The terms of the period whose rate rose against the period before: the test of
    voxpop.enrich.topics.emerging_terms, with each mention's stored language for its stop words
    (no detection), spam left out, on a sample of each period's newest mentions."""
    recent = sample_texts(conn, query_ids=[query_id], since=start, until=end, limit=RISING_SAMPLE)
    before = sample_texts(conn, query_ids=[query_id], since=previous_start, until=start, limit=RISING_SAMPLE)
    if not recent or not before:
        return []
    background = document_frequencies([t for t, _ in before], lang=[lang for _, lang in before])
    found = keywords([t for t, _ in recent], lang=[lang for _, lang in recent], top=4 * top, min_count=min_count,
                     background=background)
    n_recent, (counts, n_before) = len(recent), background
    terms = []
    for keyword in found:
        previous = counts.get(keyword.term, 0)
        lift = ((keyword.count + 0.5) / (n_recent + 1)) / ((previous + 0.5) / (n_before + 1))
        if keyword.score >= min_score and lift >= min_lift:
            terms.append(RisingTerm(keyword.term, keyword.count, previous, round(lift, 1)))
    return terms[:top]


# ---- untrusted text --------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
#: bidirectional overrides and isolates: they can make a line read differently from what it holds
_BIDI = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def clean(text: str | None, limit: int = EXCERPT) -> str:
    """A stranger's text made safe to print: control characters (terminal escapes included) and
    bidirectional overrides removed, whitespace folded to single spaces, cut at ``limit``."""
    if not text:
        return ""
    text = "".join(c for c in text.translate(_BIDI) if unicodedata.category(c) != "Cc" or c in "\t\n")
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_url(url: str | None) -> str | None:
    """The URL when it is an http(s) address (anything else — javascript:, data: — is not linked)."""
    if not url:
        return None
    url = clean(url, 2_000)
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") and " " not in url else None


def _mention_line(m: EngagedMention) -> str:
    who = clean(m.author, 80) or "someone"
    said = clean(f"{m.title}: {m.text}" if m.title else m.text)
    return f"{who} on {clean(m.channel, 30)} ({_engagement(m)}): {said}"


def _engagement(m: EngagedMention) -> str:
    parts = [f"{n:,} {word}" for n, word in ((m.likes, "likes"), (m.shares, "shares"), (m.replies, "replies")) if n]
    return ", ".join(parts) or "no reactions yet"


def _sentiment_line(q: QueryDigest) -> str:
    labelled = [f"{q.sentiment.get(s, 0):,} {s}" for s in SENTIMENTS]
    if q.sentiment.get("none"):
        labelled.append(f"{q.sentiment['none']:,} not yet labelled")
    return " · ".join(labelled)


def _alert_line(digest: Digest, alert: AlertRow) -> str:
    when = digest.local(alert.fired_at)
    summary = clean(alert.summary, 300) or f"{alert.observed:,.0f} observed against {alert.expected:,.1f} expected"
    return f"[{alert.severity}] {KIND_WORDS.get(alert.kind, alert.kind)}, {when:%a %H:%M}: {summary}"


def _link(digest: Digest, path: str) -> str | None:
    return f"{digest.public_url}{path}" if digest.public_url else None


# ---- plain text ------------------------------------------------------------------------------


def _query_text(digest: Digest, q: QueryDigest) -> str:
    lines = [f"== {clean(q.name, 200)} ==",
             f"Mentions: {q.volume:,} ({q.change()})" + (f"; {q.spam:,} spam left out" if q.spam else "")]
    if q.volume:
        lines.append(f"Sentiment: {_sentiment_line(q)}")
    for alert in q.alerts:
        link = _link(digest, alert.link)
        lines.append(f"Alert {_alert_line(digest, alert)}" + (f" {link}" if link else ""))
    if q.rising:
        lines.append("Rising: " + ", ".join(f"{clean(t.term, 60)} ({t.count:,} against {t.previous:,})"
                                            for t in q.rising))
    if q.top:
        lines.append("Most engaged:")
        for i, m in enumerate(q.top, 1):
            url = safe_url(m.url)
            lines.append(f"  {i}. {_mention_line(m)}" + (f" <{url}>" if url else ""))
    return "\n".join(lines)


def render_text(digest: Digest, *, limit: int = MAX_TEXT) -> str:
    """The digest as plain text, at most ``limit`` characters (queries that do not fit are named)."""
    head = [f"{digest.period()} ({digest.timezone})",
            f"{digest.volume:,} mentions, {digest.alert_count:,} alerts, spam left out."]
    sections = ["\n".join(head)]
    if not digest.queries:
        sections.append("No saved queries to report on.")
    used = len(sections[0])
    left_out: list[str] = []
    for q in digest.queries:
        text = _query_text(digest, q)
        if left_out or used + len(text) + 300 > limit:
            left_out.append(clean(q.name, 100))
            continue
        sections.append(text)
        used += len(text) + 2
    if left_out:
        sections.append(f"Not shown for length: {', '.join(left_out)}"[: max(0, limit - used - 400)])
    if digest.teams:
        sections.append("== Cases ==\n" + "\n".join(
            f"{clean(team, 200)}: {opened:,} new, {breached:,} breached the first-response target"
            for team, opened, breached in digest.teams))
    if digest.public_url:
        sections.append(f"Open voxpop: {digest.public_url}/")
    return "\n\n".join(sections)[:limit]


# ---- HTML ------------------------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _a(url: str | None, label: str) -> str:
    safe = safe_url(url)
    return f'<a href="{_e(safe)}">{_e(label)}</a>' if safe else _e(label)


def _query_html(digest: Digest, q: QueryDigest) -> str:
    parts = [f"<h2>{_e(clean(q.name, 200))}</h2>",
             f"<p><strong>{q.volume:,}</strong> mentions ({_e(q.change())})"
             + (f"; {q.spam:,} spam left out" if q.spam else "") + "</p>"]
    if q.volume:
        parts.append(f"<p>Sentiment: {_e(_sentiment_line(q))}</p>")
    if q.alerts:
        items = "".join(f"<li>{_a(_link(digest, a.link), _alert_line(digest, a))}</li>" for a in q.alerts)
        parts.append(f"<p>Alerts:</p><ul>{items}</ul>")
    if q.rising:
        parts.append("<p>Rising: " + ", ".join(f"<em>{_e(clean(t.term, 60))}</em> ({t.count:,} against "
                                               f"{t.previous:,})" for t in q.rising) + "</p>")
    if q.top:
        items = "".join(
            f"<li>{_e(clean(m.author, 80) or 'someone')} on {_e(clean(m.channel, 30))} ({_e(_engagement(m))}): "
            f"{_a(m.url, clean(f'{m.title}: {m.text}' if m.title else m.text))}</li>" for m in q.top)
        parts.append(f"<p>Most engaged:</p><ol>{items}</ol>")
    return "".join(parts)


def render_html(digest: Digest) -> str:
    """The digest as an HTML document. Every stored string is escaped and only http(s) URLs become
    links, so a mention cannot add markup, scripts or links of its own."""
    parts = [f"<h1>{_e(digest.title())}</h1>",
             f"<p>{_e(digest.period())} ({_e(digest.timezone)}); spam left out.</p>"]
    if not digest.queries:
        parts.append("<p>No saved queries to report on.</p>")
    parts += [_query_html(digest, q) for q in digest.queries]
    if digest.teams:
        rows = "".join(f"<tr><td>{_e(clean(team, 200))}</td><td>{opened:,}</td><td>{breached:,}</td></tr>"
                       for team, opened, breached in digest.teams)
        parts.append("<h2>Cases</h2><table><tr><th align='left'>team</th><th>new</th><th>breached</th></tr>"
                     f"{rows}</table>")
    if digest.public_url:
        parts.append(f"<p>{_a(digest.public_url + '/', 'Open voxpop')}</p>")
    return "<!doctype html><html><body>" + "".join(parts) + "</body></html>"


# ---- the notification ------------------------------------------------------------------------


def notification(digest: Digest, *, subscription_id: int) -> dict[str, Any]:
    """The notification payload: title, the plain text, headline fields and a link for every
    destination; the HTML rendering (``html``) and the figures as data (``digest``) as extra keys."""
    def iso(moment: datetime) -> str:
        return moment.astimezone(UTC).isoformat()

    body: dict[str, Any] = {
        "title": clean(digest.title(), 500),
        "text": render_text(digest),
        "kind": "digest",
        "severity": "info",
        "fields": {"period": digest.period(), "mentions": f"{digest.volume:,}",
                   "alerts": f"{digest.alert_count:,}", "queries": f"{len(digest.queries):,}"},
        "html": render_html(digest),
        "digest": {
            "subscription_id": subscription_id, "frequency": digest.frequency, "timezone": digest.timezone,
            "start": iso(digest.start), "end": iso(digest.end), "previous_start": iso(digest.previous_start),
            "queries": [{"name": q.name, "volume": q.volume, "previous_volume": q.previous_volume,
                         "sentiment": q.sentiment, "spam": q.spam, "alert_ids": [a.id for a in q.alerts],
                         "top_mention_ids": [m.id for m in q.top], "rising": [t.term for t in q.rising]}
                        for q in digest.queries],
            "cases": [{"team": t, "opened": o, "breached": b} for t, o, b in digest.teams],
        },
    }
    if digest.public_url:
        body["url"] = digest.public_url + "/"
    return body
