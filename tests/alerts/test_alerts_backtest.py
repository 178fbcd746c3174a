"""The backtest over stored history, on SQLite and PostgreSQL: it finds the bursts, explains them,
is causal (cutting history at t leaves what was decided before t unchanged), and its CLI prints the
documented JSON."""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner

from voxpop.alerts.backtest import backtest
from voxpop.alerts.detector import DetectorSettings
from voxpop.match.stage import backfill_query
from voxpop.records import MentionDraft
from voxpop.store import Store
from voxpop.store.mentions import upsert_mentions
from voxpop.store.queries import add_query
from voxpop.store.sources import add_source
from voxpop.store.tables import enrichments, mentions

START = datetime(2026, 9, 1, tzinfo=UTC)  # a Tuesday
FIRST_BURST = START + timedelta(days=8, hours=10)
SECOND_BURST = START + timedelta(days=9, hours=15)
END = START + timedelta(days=10)
WORDS = ("coffee", "order", "delivery", "great", "service", "latte", "morning", "shop", "price", "friendly")


def _drafts() -> list[tuple[MentionDraft, bool]]:
    """Ten days of an ordinary conversation about Acme (daily rhythm, ~0.15 a minute at its busiest)
    and two bursts: a fire story (negative, shared link, a #tag and repeat authors), then a rave."""
    rng = random.Random(5)
    found: list[tuple[MentionDraft, bool]] = []
    minute = 0
    while minute < 10 * 1440:
        moment = START + timedelta(minutes=minute)
        rate = 0.02 + 0.13 * max(0.0, math.sin(math.pi * ((moment.hour + moment.minute / 60) - 6) / 16))
        for _ in range(1 if rng.random() < rate else 0):
            words = " ".join(rng.sample(WORDS, 4))
            found.append((MentionDraft(
                external_id=f"o{len(found)}", channel=rng.choice(("mastodon", "reddit", "news")),
                text=f"Acme {words}", published_at=moment + timedelta(seconds=rng.randrange(60)),
                collected_at=END, raw=b"{}", author=f"user{rng.randrange(300)}", lang=rng.choice(("en", "de")),
                likes=rng.randrange(5)), rng.random() < 0.15))
        minute += 1
    for i in range(60):
        moment = FIRST_BURST + timedelta(seconds=20 * i)
        found.append((MentionDraft(
            external_id=f"fire{i}", channel="bluesky", text=f"Acme battery fire again #AcmeFire {WORDS[i % 10]}",
            published_at=moment, collected_at=END, raw=b"{}", author=("angry_bob", "firewatch")[i % 2] if i % 3 else
            f"someone{i}", lang="en", links=("https://news.example/acme-fire",), likes=10 * i), True))
    for i in range(40):
        moment = SECOND_BURST + timedelta(seconds=30 * i)
        found.append((MentionDraft(
            external_id=f"rave{i}", channel="mastodon", text=f"Acme pumpkin latte is back {WORDS[i % 10]}",
            published_at=moment, collected_at=END, raw=b"{}", author=f"fan{i}", lang="en"), False))
    return found


def _stored(store: Store) -> None:
    drafts = _drafts()
    with store.write() as conn:
        source = add_source(conn, name="s", kind="file", config={"path": "/x"})
        upsert_mentions(conn, source_id=source.id, drafts=[d for d, _ in drafts])
        ids = dict(conn.execute(mentions.select().with_only_columns(mentions.c.external_id, mentions.c.id)).all())
        conn.execute(enrichments.insert(), [
            {"mention_id": ids[d.external_id], "step": "sentiment", "version": "test",
             "result": {"label": "negative" if negative else "neutral"}, "computed_at": END}
            for d, negative in drafts])
        query = add_query(conn, name="acme", text="acme")
    backfill_query(store, query)


def test_backtest_finds_both_bursts_and_explains_them(store: Store) -> None:
    _stored(store)
    result = backtest(store, query="acme", start=START + timedelta(days=7), end=END)
    volume = [a for a in result.alerts if a.kind == "volume"]
    assert [a.started_at.date() for a in volume] == [FIRST_BURST.date(), SECOND_BURST.date()]
    fire, rave = volume
    assert FIRST_BURST <= fire.fired_at <= FIRST_BURST + timedelta(minutes=10)
    assert fire.observed > 5 * fire.expected and fire.severity in ("high", "critical")
    drivers = fire.drivers
    assert "#acmefire" in [d["value"] for d in drivers["terms"]]
    assert drivers["links"][0]["value"] == "news.example" and drivers["links"][0]["lift"] > 10
    assert {"angry_bob", "firewatch"} <= {d["value"] for d in drivers["authors"]}
    assert drivers["channels"][0]["value"] == "bluesky"
    assert drivers["top_mentions"] and "#acmefire" in drivers["summary"]
    assert "pumpkin" in [d["value"] for d in rave.drivers["terms"]]
    # The fire story was negative as well as loud; the rave was loud only.
    negative = [a for a in result.alerts if a.kind == "negative_share"]
    assert len(negative) == 1 and negative[0].started_at.date() == FIRST_BURST.date()


def test_cutting_history_at_t_leaves_earlier_alerts_unchanged(store: Store) -> None:
    _stored(store)
    settings = DetectorSettings()
    full = backtest(store, query="acme", start=START + timedelta(days=7), end=END, settings=settings).alerts
    assert len(full) >= 3
    compared_whole = 0
    for cut in (FIRST_BURST + timedelta(minutes=5), FIRST_BURST + timedelta(minutes=30),
                SECOND_BURST - timedelta(hours=1), SECOND_BURST + timedelta(minutes=12)):
        partial = backtest(store, query="acme", start=START + timedelta(days=7), end=cut, settings=settings).alerts
        before = [a for a in full if a.fired_at <= cut]
        assert len(partial) == len(before)
        for old, new in zip(before, partial, strict=True):
            assert (old.kind, old.started_at, old.fired_at, old.fired) == (new.kind, new.started_at, new.fired_at,
                                                                         new.fired)
            if old.ended_at is not None and old.ended_at + timedelta(minutes=settings.quiet_minutes) <= cut:
                assert old == new  # ended before the cut: identical, drivers and all
                compared_whole += 1
    assert compared_whole >= 2


def test_cli_backtest_prints_the_documented_json(db_env: dict[str, str]) -> None:
    from voxpop.cli import main, open_workspace

    store = open_workspace()
    _stored(store)
    result = CliRunner().invoke(main, ["alerts", "backtest", "--query", "acme", "--from", "2026-09-08T00:00:00Z",
                                       "--to", "2026-09-11T00:00:00Z", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["alerts"] and data["alerts"]
    for alert in data["alerts"]:
        assert list(alert) == ["started_at", "fired_at", "ended_at", "kind", "severity", "observed", "expected",
                               "drivers"]
        assert alert["fired_at"].endswith("Z") and datetime.fromisoformat(alert["fired_at"]).tzinfo is not None
    missing = CliRunner().invoke(main, ["alerts", "backtest", "--query", "nope", "--json"])
    assert missing.exit_code == 2
