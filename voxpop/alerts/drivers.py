"""Why an alert fired: what rose most in the alert's mentions against a baseline window before it.

For each dimension — terms (words, #tags, @handles), authors, link hosts, languages, channels —
the share of alert mentions carrying a value is compared with its share in the baseline, as a
smoothed lift ``(a + 1) / (A + 2) ÷ (b + 1) / (B + 2)`` (a of A alert mentions, b of B baseline
ones), and values are ranked by ``a × ln(lift)``: frequent *and* over-represented first, so the
query's own words (in every mention, lift ≈ 1) and one-off words (tiny a) fall away without a
stop-word list. The top mentions are the most engaged and the most typical (carrying most of the
driver terms). ``summary`` is the one line a notification leads with.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.alerts.rollup import is_negative
from voxpop.query.text import HANDLE, TAG, WORD, fold
from voxpop.store.tables import enrichments, mentions, query_matches

#: Baseline mentions read at most (an even sample beyond that keeps explaining a busy query fast).
MAX_BASELINE = 5000
_MIN_TERM_LENGTH = 3


@dataclass(frozen=True, slots=True)
class MentionFacts:
    """What the explanation reads of a mention."""

    id: int
    published_at: datetime
    text: str
    title: str | None = None
    author: str | None = None
    url: str | None = None
    links: tuple[str, ...] = ()
    lang: str | None = None
    channel: str | None = None
    engagement: int = 0
    negative: bool = False

    def terms(self) -> set[str]:
        text = f"{self.title}\n{self.text}" if self.title else self.text
        found = {"#" + fold(m.group(1)) for m in TAG.finditer(text)}
        found |= {"@" + fold(m.group(1)) for m in HANDLE.finditer(text)}
        tagged = {value[1:] for value in found}
        for match in WORD.finditer(text):
            word = match.group(0)
            if len(word) >= _MIN_TERM_LENGTH and not word.isdigit():
                key = fold(word)
                if key not in tagged:  # #AcmeFire is one driver, not two
                    found.add(key)
        return found

    def hosts(self) -> set[str]:
        hosts = set()
        # The links a mention shares (an article, a petition), not its own address: that is its site.
        for link in self.links:
            host = urlsplit(link if "//" in link else "//" + link).hostname
            if host:
                hosts.add(host.removeprefix("www."))
        return hosts


def _rank(alert: Sequence[set[str]], baseline: Sequence[set[str]], top: int, min_count: int) -> list[dict[str, Any]]:
    in_alert: Counter[str] = Counter()
    for values in alert:
        in_alert.update(values)
    in_baseline: Counter[str] = Counter()
    for values in baseline:
        in_baseline.update(values)
    size_a, size_b = len(alert), len(baseline)
    ranked = []
    for value, count in in_alert.items():
        if count < min_count:
            continue
        before = in_baseline.get(value, 0)
        lift = ((count + 1) / (size_a + 2)) / ((before + 1) / (size_b + 2))
        if lift < 1.1:
            continue
        ranked.append((count * math.log(lift), value, count, before, lift))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return [{"value": value, "lift": round(lift, 2), "count": count, "share": round(count / size_a, 3),
             "baseline_share": round(before / size_b, 4) if size_b else 0.0}
            for _, value, count, before, lift in ranked[:top]]


def explain(alert_mentions: Sequence[MentionFacts], baseline_mentions: Sequence[MentionFacts], *,
            top: int = 5, top_mentions: int = 3) -> dict[str, Any]:
    """The drivers of an alert from its mentions and a baseline window's mentions."""
    if not alert_mentions:
        return {"mentions": 0, "baseline_mentions": len(baseline_mentions), "terms": [], "authors": [], "links": [],
                "languages": [], "channels": [], "top_mentions": []}
    min_count = max(2, math.ceil(0.02 * len(alert_mentions)))
    dimensions = {
        "terms": lambda m: m.terms(),
        "authors": lambda m: {m.author} if m.author else set(),
        "links": lambda m: m.hosts(),
        "languages": lambda m: {m.lang or "und"},
        "channels": lambda m: {m.channel or "unknown"},
    }
    drivers: dict[str, Any] = {"mentions": len(alert_mentions), "baseline_mentions": len(baseline_mentions)}
    alert_terms = [m.terms() for m in alert_mentions]
    for name, values in dimensions.items():
        alert_values = alert_terms if name == "terms" else [values(m) for m in alert_mentions]
        drivers[name] = _rank(alert_values, [values(m) for m in baseline_mentions], top,
                              min_count if name in ("terms", "authors", "links") else 1)

    weights = {d["value"]: math.log(d["lift"]) for d in drivers["terms"]}
    engaged = sorted(alert_mentions, key=lambda m: (-m.engagement, m.id))
    typical = sorted(zip(alert_mentions, alert_terms, strict=True),
                     key=lambda pair: (-sum(weights.get(t, 0.0) for t in pair[1]), -pair[0].engagement, pair[0].id))
    chosen: list[dict[str, Any]] = []
    seen: set[int] = set()
    for why, picks in (("most engaged", engaged), ("most typical", [m for m, _ in typical])):
        for mention in picks[:top_mentions]:
            if mention.id in seen:
                continue
            seen.add(mention.id)
            chosen.append({"id": mention.id, "why": why, "engagement": mention.engagement, "author": mention.author,
                           "url": mention.url, "excerpt": _excerpt(mention)})
    drivers["top_mentions"] = chosen
    return drivers


def summary(kind: str, observed: float, expected: float, started_at: datetime, drivers: dict[str, Any]) -> str:
    """One line a reader takes in at a glance: what, how much, since when, driven by what."""
    what = "mentions" if kind == "volume" else "negative mentions"
    ratio = f" ({observed / expected:.1f}×)" if expected > 0 else ""
    parts = [f"{observed:,.0f} {what} vs {expected:,.1f} expected{ratio} since {started_at:%Y-%m-%d %H:%M} UTC"]
    terms = [d["value"] for d in drivers.get("terms", [])[:3]] + [d["value"] for d in drivers.get("links", [])[:1]]
    if terms:
        parts.append("driven by " + ", ".join(terms))
    where = [d["value"] for name in ("languages", "channels") for d in drivers.get(name, [])[:2]]
    if where:
        parts.append("rising in " + ", ".join(where))
    return "; ".join(parts)


def _excerpt(mention: MentionFacts, limit: int = 160) -> str:
    text = " ".join((f"{mention.title} — {mention.text}" if mention.title else mention.text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_facts(conn: Connection, *, query_id: int, start: datetime, end: datetime, negative_only: bool = False,
               limit: int | None = None) -> list[MentionFacts]:
    """The query's mentions published in [start, end), oldest first; ``limit`` keeps an even sample."""
    sentiment = enrichments.alias("sentiment")
    statement = (
        sa.select(mentions.c.id, mentions.c.published_at, mentions.c.text, mentions.c.title, mentions.c.author,
                  mentions.c.url, mentions.c.links, mentions.c.lang, mentions.c.channel, mentions.c.likes,
                  mentions.c.shares, mentions.c.replies, sentiment.c.result)
        .select_from(
            query_matches.join(mentions, mentions.c.id == query_matches.c.mention_id)
            .outerjoin(sentiment, sa.and_(sentiment.c.mention_id == mentions.c.id, sentiment.c.step == "sentiment"))
        )
        .where(query_matches.c.query_id == query_id, mentions.c.published_at >= start, mentions.c.published_at < end)
        .order_by(mentions.c.published_at, mentions.c.id)
    )
    facts = []
    for row in conn.execute(statement):
        negative = is_negative(row.result)
        if negative_only and not negative:
            continue
        facts.append(MentionFacts(
            id=row.id, published_at=row.published_at, text=row.text, title=row.title, author=row.author,
            url=row.url, links=tuple(row.links or ()), lang=row.lang, channel=row.channel,
            engagement=(row.likes or 0) + (row.shares or 0) + (row.replies or 0), negative=negative))
    if limit is not None and len(facts) > limit:
        step = len(facts) / limit
        facts = [facts[int(i * step)] for i in range(limit)]
    return facts


def explain_alert(conn: Connection, *, query_id: int, kind: str, started_at: datetime, until: datetime,
                  baseline_hours: float = 24.0) -> dict[str, Any]:
    """Drivers of an alert from stored mentions: [started_at, until) against the ``baseline_hours``
    before it. A negative-share alert is explained by its negative mentions against earlier negatives."""
    negative_only = kind == "negative_share"
    alert = load_facts(conn, query_id=query_id, start=started_at, end=until, negative_only=negative_only)
    baseline = load_facts(conn, query_id=query_id, start=started_at - timedelta(hours=baseline_hours),
                          end=started_at, negative_only=negative_only, limit=MAX_BASELINE)
    return explain(alert, baseline)


def facts_from_records(records: Iterable[dict[str, Any]], start_id: int = 1) -> list[MentionFacts]:
    """MentionFacts from interchange-format dicts (tests and the evaluation use simulated records)."""
    from voxpop.ingest.normalise import parse_datetime

    found = []
    for offset, record in enumerate(records):
        found.append(MentionFacts(
            id=start_id + offset, published_at=parse_datetime(record["published_at"], field="published_at"),
            text=record.get("text") or "", title=record.get("title"), author=record.get("author"),
            url=record.get("url"), links=tuple(record.get("links") or ()), lang=record.get("lang"),
            channel=record.get("channel"),
            engagement=sum(int(record.get(k) or 0) for k in ("likes", "shares", "replies")),
            negative=record.get("sentiment") == "negative"))
    return found
