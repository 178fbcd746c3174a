"""A digest built from stored mentions, alerts and cases; sent once per period across a restart
and a crash in the middle of enqueuing; delivered by e-mail to an SMTP server on 127.0.0.1 through
the Deliverer; a hostile mention stays inert in the HTML and the plain text."""

from __future__ import annotations

import email
import email.policy
import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from notify_receivers import Mailbox

from voxpop.enrich.stage import enrich_pending
from voxpop.match.stage import match_pending
from voxpop.notify.deliver import Deliverer
from voxpop.notify.digest import DigestSender, build, parse_schedule, preview, send_due
from voxpop.notify.digest_content import notification, render_html, render_text
from voxpop.records import MentionDraft
from voxpop.store import Store, open_store
from voxpop.store.alerts import insert_alert, set_alert_settings, set_timezone
from voxpop.store.digests import DigestSubscriptionRow, add_digest_subscription, get_digest_subscription
from voxpop.store.mentions import upsert_mentions
from voxpop.store.outbox import add_destination, list_notifications
from voxpop.store.queries import add_query
from voxpop.store.routing import insert_case
from voxpop.store.sources import add_source
from voxpop.store.tables import digest_subscriptions, mentions
from voxpop.store.users import add_team

CPH = "Europe/Copenhagen"
# the daily 08:00 Copenhagen digest sent on Sunday 29 March 2026 covers 23 hours (the clocks went forward)
START, END = datetime(2026, 3, 28, 7, tzinfo=UTC), datetime(2026, 3, 29, 6, tzinfo=UTC)
BEFORE = datetime(2026, 3, 27, 7, tzinfo=UTC)
HOSTILE = ('<script>alert("x")</script> Acme battery fire <img src=x onerror=alert(1)> '
           '\x1b[2J\x1b[31mred\u202eevil')


def draft(i: str, at: datetime, text: str, **extra: object) -> MentionDraft:
    fields: dict[str, object] = {"author": f"user{i}", "url": f"https://bsky.example/{i}", **extra}
    return MentionDraft(external_id=i, channel="bluesky", text=text, published_at=at, collected_at=at, raw=b"{}",
                        lang="en", **fields)  # type: ignore[arg-type]


def seed(store: Store) -> dict[str, int]:
    """30 ordinary mentions the day before; the digest's day: 10 ordinary, 20 about a battery fire
    (three of them much shared), 2 spam with the most likes of all, one hostile; an alert in the
    day and one the day before; a case opened and breached in the day."""
    drafts = [draft(f"b{i}", BEFORE + timedelta(minutes=40 * i), "Acme coffee order this morning") for i in range(30)]
    drafts += [draft(f"n{i}", START + timedelta(minutes=30 * i), "Acme coffee order this morning") for i in range(10)]
    drafts += [draft(f"f{i}", START + timedelta(hours=5, minutes=i), f"Acme battery fire at the depot, day {i}",
                     likes=i, shares=10 if i in (3, 7) else 0, replies=1 if i == 3 else 0) for i in range(20)]
    drafts += [draft(f"s{i}", START + timedelta(hours=2, minutes=i), "Acme giveaway click now", likes=9_999)
               for i in range(2)]
    drafts.append(draft("evil", START + timedelta(hours=6), HOSTILE, likes=100, author='"><svg onload=alert(2)>',
                        url="javascript:alert(3)"))
    with store.write() as conn:
        set_timezone(conn, zone=CPH)
        set_alert_settings(conn, public_url="https://voxpop.example")
        source = add_source(conn, name="s", kind="file", config={"path": "/x"})
        query = add_query(conn, name="acme", text="acme")
        add_query(conn, name="quiet", text="nothingmatchesthis")
        upsert_mentions(conn, source_id=source.id, drafts=drafts)
    enrich_pending(store)  # the labels below stand for what enrichment found
    with store.write() as conn:
        conn.execute(mentions.update().values(sentiment="neutral", spam=False))
        conn.execute(mentions.update().where(mentions.c.external_id.like("f%")).values(sentiment="negative"))
        conn.execute(mentions.update().where(mentions.c.external_id.in_(["n0", "n1"])).values(sentiment="positive"))
        conn.execute(mentions.update().where(mentions.c.external_id.like("s%")).values(spam=True))
        conn.execute(mentions.update().where(mentions.c.external_id == "n9").values(sentiment=None))
    match_pending(store)
    with store.write() as conn:
        ids = {r.external_id: int(r.id) for r in conn.execute(sa.select(mentions.c.external_id, mentions.c.id))}
        fired = START + timedelta(hours=5, minutes=4)
        alert_id = insert_alert(conn, query_id=query.id, kind="volume", severity="high", started_at=fired,
                                fired_at=fired, observed=20, expected=1.5,
                                summary="Battery fire at the depot <b>20×</b> the usual")
        insert_alert(conn, query_id=query.id, kind="volume", severity="low", started_at=BEFORE, fired_at=BEFORE,
                     observed=3, expected=1, summary="yesterday's")
        team = add_team(conn, name="care")
        insert_case(conn, mention_id=ids["f3"], team_id=team, status="new", priority="high", tags=[],
                    origin="rule", reason={}, opened_at=fired, due_at=fired + timedelta(hours=2),
                    breached_at=fired + timedelta(hours=2), updated_at=fired)
    return {"query": query.id, "alert": alert_id, **ids}


def subscribe(store: Store, **recipient: int | str) -> DigestSubscriptionRow:
    with store.write() as conn:
        if "destination_id" not in recipient and "email" not in recipient:
            recipient["destination_id"] = add_destination(
                conn, name="hook", kind="webhook", config={"url": "https://hooks.example/d", "secret": "s" * 20}).id
        row = add_digest_subscription(conn, schedule=parse_schedule("daily 08:00", timezone=CPH), query_ids=None,
                                      **recipient)  # type: ignore[arg-type]
        conn.execute(digest_subscriptions.update().values(created_at=START + timedelta(minutes=1)))
        return get_digest_subscription(conn, subscription_id=row.id)


def test_the_digest_sums_up_the_period_from_what_is_stored(store: Store) -> None:
    ids = seed(store)
    row = subscribe(store)
    with store.read() as conn:
        digest = build(conn, row, timezone=CPH, start=START, end=END, public_url="https://voxpop.example")
    assert digest.previous_start == BEFORE  # the period before is the previous digest's (24 hours, CET)
    acme, quiet = digest.queries
    assert (acme.name, quiet.name, quiet.volume) == ("acme", "quiet", 0)
    assert acme.volume == 31 and acme.previous_volume == 30 and acme.spam == 2
    assert acme.sentiment == {"positive": 2, "neutral": 8, "negative": 20, "none": 1}
    assert acme.change() == "+3% against 30 the period before"
    # the most engaged (likes + 2 × shares + replies), spam left out however liked
    assert [m.id for m in acme.top] == [ids["evil"], ids["f7"], ids["f3"]]  # 100; 7 + 2 × 10; 3 + 2 × 10 + 1
    rising = [t.term for t in acme.rising]  # ("fire" is an English stop word in stopwords-iso)
    assert "acme battery" in rising and not any("coffee" in t or "order" in t for t in rising)
    assert acme.rising[0].count == 21 and acme.rising[0].previous == 0  # the hostile one says it too
    assert [a.id for a in acme.alerts] == [ids["alert"]]
    assert digest.teams == [("care", 1, 1)]

    text = render_text(digest)
    assert "Sun 29 Mar 2026 08:00 CEST" in text and "Sat 28 Mar 2026 08:00 CET" in text
    assert "Mentions: 31 (+3% against 30 the period before); 2 spam left out" in text
    assert "Sentiment: 2 positive · 8 neutral · 20 negative · 1 not yet labelled" in text
    assert f"https://voxpop.example/alerts/{ids['alert']}" in text and "yesterday's" not in text
    assert "care: 1 new, 1 breached" in text
    assert "Acme giveaway" not in text


def test_a_hostile_mention_is_inert_in_the_html_and_the_plain_text(store: Store) -> None:
    seed(store)
    row = subscribe(store)
    with store.read() as conn:
        digest = build(conn, row, timezone=CPH, start=START, end=END)
    page = render_html(digest)
    assert "<script" not in page and "<img" not in page and "<svg" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page and "&lt;b&gt;20×&lt;/b&gt;" in page
    assert "javascript:" not in page  # a non-http URL is shown as no link at all
    assert 'href="https://bsky.example/f3"' in page
    text = render_text(digest)
    assert "\x1b" not in text and "\u202e" not in text and "javascript:" not in text
    assert "<https://bsky.example/f3>" in text
    payload = notification(digest, subscription_id=row.id)
    assert payload["kind"] == "digest" and payload["html"] == page and len(payload["text"]) <= 20_000


def test_a_crash_while_enqueuing_leaves_the_period_due_and_a_restart_sends_each_period_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(store)
    row = subscribe(store)
    import voxpop.notify.outbox

    real = voxpop.notify.outbox.enqueue_all

    def enqueue_then_die(*args: object, **kwargs: object) -> list[int]:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("killed between enqueuing and committing")

    monkeypatch.setattr(voxpop.notify.outbox, "enqueue_all", enqueue_then_die)
    with pytest.raises(RuntimeError, match="killed"):
        send_due(store, now=END + timedelta(seconds=5))
    monkeypatch.undo()
    with store.read() as conn:
        assert list_notifications(conn) == [] and get_digest_subscription(conn, subscription_id=row.id)\
            .last_period_end is None

    # a restart: another process on the same database
    url = store.engine.url.render_as_string(hide_password=False)
    restarted = open_store(store.settings.model_copy(update={"database_url": url}))
    try:
        [first] = send_due(restarted, now=END + timedelta(minutes=1))
        assert (first.start, first.end) == (START, END) and len(first.outbox_ids) == 1
        assert send_due(restarted, now=END + timedelta(minutes=2)) == []
        assert send_due(store, now=END + timedelta(minutes=3)) == []  # the first process, still running
        [second] = send_due(store, now=END + timedelta(days=1))
        assert second.start == first.end  # no gap, no overlap
    finally:
        restarted.dispose()
    with store.read() as conn:
        keys = [n.event_key for n in list_notifications(conn)]
    assert sorted(keys) == [f"digest:{row.id}:2026-03-29T06:00:00Z", f"digest:{row.id}:2026-03-30T06:00:00Z"]


def test_the_digest_arrives_by_email_through_the_deliverer_once(store: Store, mailbox: Mailbox) -> None:
    seed(store)
    with store.write() as conn:
        mailer = add_destination(conn, name="mailer", kind="email", config={
            "host": mailbox.host, "port": mailbox.port, "security": "none", "from_addr": "voxpop@example.com",
            "to": ["ops@example.com"]})
    row = subscribe(store, email="maria@example.com", via_destination_id=mailer.id)
    [sent] = send_due(store, now=END + timedelta(seconds=30))
    with Deliverer(store) as deliverer:
        report = deliverer.deliver_due()
        assert report.sent == 1 and report.dead == 0
        assert deliverer.deliver_due().sent == 0
    assert send_due(store, now=END + timedelta(minutes=5)) == []
    [(sender, recipients)] = mailbox.envelopes
    assert (sender, recipients) == ("voxpop@example.com", ["maria@example.com"])
    message = email.message_from_bytes(mailbox.messages[0], policy=email.policy.default)
    assert message["Subject"].startswith("[voxpop info] Daily digest to Sun 29 Mar 2026: 31 mentions in 2 queries")
    plain = message.get_body(preferencelist=("plain",))
    rich = message.get_body(preferencelist=("html",))
    assert plain is not None and rich is not None
    assert "Mentions: 31" in plain.get_content() and "\x1b" not in plain.get_content()
    assert "<script" not in rich.get_content() and "&lt;script&gt;" in rich.get_content()
    with store.read() as conn:
        [row_sent] = list_notifications(conn)
    assert row_sent.id == sent.outbox_ids[0] and row_sent.state == "sent"
    assert row.recipient() == "maria@example.com (e-mail via mailer)"


def test_preview_shows_the_next_digest_and_the_service_thread_sends_due_ones(store: Store) -> None:
    seed(store)
    row = subscribe(store)
    with store.read() as conn:
        when, digest = preview(conn, row)
    assert when == END and digest.start == START and digest.queries[0].volume == 31
    woken = threading.Event()
    sender = DigestSender(store, poll_s=0.05, on_enqueued=woken.set, clock=lambda: END + timedelta(seconds=1))
    thread = threading.Thread(target=sender.run, daemon=True)
    thread.start()
    try:
        assert woken.wait(20)
    finally:
        sender.stop()
        thread.join(10)
    assert not thread.is_alive()
    with store.read() as conn:
        assert len(list_notifications(conn)) == 1


def test_a_digest_of_many_busy_queries_stays_within_a_notification_and_names_what_it_left_out() -> None:
    from voxpop.notify.digest_content import Digest, QueryDigest
    from voxpop.notify.message import Notification
    from voxpop.store.digests import EngagedMention

    said = EngagedMention(id=1, channel="reddit", author="a" * 300, url="https://r.example/1", title=None,
                          text="long story " * 200, published_at=START, sentiment=None, likes=5, shares=1, replies=0)
    queries = [QueryDigest(query_id=i, name=f"query-{i:03d}-" + "x" * 150, volume=10, previous_volume=5,
                           sentiment={"positive": 1, "neutral": 8, "negative": 1, "none": 0}, spam=0,
                           top=[said] * 3) for i in range(200)]
    digest = Digest(frequency="weekly", timezone=CPH, start=START, end=END, previous_start=BEFORE, queries=queries,
                    teams=[])
    payload = notification(digest, subscription_id=1)
    parsed = Notification.parse(payload)
    assert len(parsed.text) <= 20_000 and "Not shown for length: query-" in parsed.text
    assert "query-000-" in parsed.text and parsed.title.startswith("Weekly digest to Sun 29 Mar 2026: 2,000 mentions")
