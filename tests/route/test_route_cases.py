"""Routing through the pipeline (voxpop.runtime.pipeline.run_stages) into cases: rules with priority
and tags, intent routes for what no rule caught, duplicate clusters joining one case, a history row
for every change, the first-response clock in business hours, breaches notified in the same
transaction, the report, and an inbox correction rerouting an unseen mention with the same cue."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from voxpop.records import MentionDraft
from voxpop.route.cases import (
    CaseError,
    add_note,
    assign,
    change_status,
    check_breaches,
    correct_intent,
    response_report,
    set_priority,
)
from voxpop.route.rules import Conditions
from voxpop.route.sla import parse_hours
from voxpop.route.stage import intent_model_for, route_pending
from voxpop.runtime.pipeline import run_stages
from voxpop.store import Store
from voxpop.store.mentions import upsert_mentions
from voxpop.store.outbox import add_destination
from voxpop.store.queries import add_query
from voxpop.store.routing import add_rule, get_case, get_team, list_cases, list_events, save_team
from voxpop.store.sources import add_source, find_source
from voxpop.store.tables import outbox
from voxpop.store.users import add_user

T0 = datetime(2026, 10, 1, tzinfo=UTC)
CPH = ZoneInfo("Europe/Copenhagen")


def draft(i: int, text: str, **changes: object) -> MentionDraft:
    base = MentionDraft(external_id=f"e{i}", channel="mastodon", text=text, published_at=T0 + timedelta(minutes=i),
                        collected_at=T0, raw=b"{}", lang="en")
    return replace(base, **changes)  # type: ignore[arg-type]


def put(store: Store, drafts: list[MentionDraft], source: str = "s") -> None:
    with store.write() as conn:
        row = find_source(conn, name=source) or add_source(conn, name=source, kind="file", config={"path": "/x"})
        upsert_mentions(conn, source_id=row.id, drafts=drafts)


def team(store: Store, name: str, **settings: object) -> int:
    with store.write() as conn:
        return save_team(conn, name=name, **settings).id  # type: ignore[arg-type]


def cases_by_mention(store: Store) -> dict[str, list[tuple[str | None, str, str, list[str], str | None]]]:
    """external id of each case's first mention → [(team, origin, priority, tags, intent)]"""
    found: dict[str, list[tuple[str | None, str, str, list[str], str | None]]] = {}
    with store.read() as conn:
        ids = {r.id: r.external_id for r in conn.execute(sa.text("SELECT id, external_id FROM mentions"))}
        for case in sorted(list_cases(conn, limit=1000), key=lambda c: (c.mention_id or 0, c.team or "")):
            found.setdefault(ids[case.mention_id], []).append(
                (case.team, case.origin, case.priority, case.tags, case.intent))
    return found


def test_rules_and_intents_route_mentions_to_teams_through_the_pipeline(store: Store) -> None:
    care = team(store, "care", intents=["complaint"])
    pr = team(store, "pr", intents=["press"])
    team(store, "sales", intents=["sales"])
    with store.write() as conn:
        lumora = add_query(conn, name="lumora", text="lumora")
        add_rule(conn, name="lumora-big", team_ids=[care, pr], query_id=lumora.id,
                 conditions=Conditions(min_followers=10_000).to_json(), priority="urgent", tags=["vip"])
        add_rule(conn, name="lumora-all", team_ids=[care], query_id=lumora.id, conditions={}, tags=["brand"])
        add_rule(conn, name="forum", team_ids=[pr], query_id=None,
                 conditions=Conditions(channels=("forum",)).to_json(), priority="low")
    put(store, [
        draft(1, "Lumora lamp arrived today, nice colour", author_followers=50_000),
        draft(2, "Lumora lamp arrived today with a cracked shade", author_followers=12),
        draft(3, "Anyone tried the new espresso place downtown?", channel="forum"),
        draft(4, "My parcel never arrived and customer service does not answer, I want a refund"),
        draft(5, "How much does the premium plan cost for our team?"),
        draft(6, "What a lovely sunny morning in the park"),
    ])
    run_stages(store)
    routed = cases_by_mention(store)
    assert routed["e1"] == [("care", "rule", "urgent", ["brand", "vip"], None),
                            ("pr", "rule", "urgent", ["vip"], None)]
    assert routed["e2"] == [("care", "rule", "normal", ["brand"], None)]
    assert routed["e3"] == [("pr", "rule", "low", [], None)]
    assert routed["e4"] == [("care", "intent", "normal", [], "complaint")]
    assert routed["e5"] == [("sales", "intent", "normal", [], "sales")]
    assert "e6" not in routed
    with store.read() as conn:
        case = next(c for c in list_cases(conn) if c.intent == "complaint")
        assert any("refund" in cue for cue in case.reason["cues"])  # says why
        assert list_events(conn, case_id=case.id)[0]["action"] == "opened"
    run_stages(store)  # nothing new: nothing routed twice
    assert cases_by_mention(store) == routed


def test_spam_is_never_given_to_the_intent_classifier(store: Store) -> None:
    from voxpop.records import Mention
    from voxpop.route.stage import routes_for

    team(store, "care", intents=["complaint"])
    with store.read() as conn:
        care = get_team(conn, name="care")
    mention = Mention(id=1, source_id=1, external_id="x", channel="web", text="my order never arrived, refund please",
                      published_at=T0, collected_at=T0, updated_at=T0, version=1, lang="en", spam=False)
    model = intent_model_for(store)
    routes = routes_for(mention, rules=[], matched=set(), teams_by_intent={"complaint": [care]}, model=model)
    assert [(r.team_id, r.intent) for r in routes] == [(care.id, "complaint")]
    spam = replace(mention, spam=True)
    assert routes_for(spam, rules=[], matched=set(), teams_by_intent={"complaint": [care]}, model=model) == []


def test_routing_waits_for_enrichment_and_matching(store: Store) -> None:
    team(store, "care", intents=["complaint"])
    put(store, [draft(1, "My parcel never arrived and nobody answers")])
    assert route_pending(store).mentions == 0  # neither enriched nor matched yet
    run_stages(store)
    assert len(cases_by_mention(store)["e1"]) == 1


def test_duplicates_join_the_open_case_of_their_cluster_and_a_closed_one_is_not_reopened(store: Store) -> None:
    team(store, "care", intents=["complaint"])
    text = ("The Lumora app crashes every time I open my account page since the update, "
            "customer service has not answered my emails for a week, please fix this")
    put(store, [draft(1, text)], source="a")
    run_stages(store)
    put(store, [draft(2, text, external_id="copy-1")], source="b")
    run_stages(store)
    with store.read() as conn:
        cases = list_cases(conn)
        assert len(cases) == 1 and cases[0].mentions == 2 and cases[0].cluster_id is not None
        assert [e["action"] for e in list_events(conn, case_id=cases[0].id)] == ["opened", "mention"]
    with store.write() as conn:
        change_status(conn, case_id=cases[0].id, status="closed", actor="ana")
    put(store, [draft(3, text, external_id="copy-2")], source="c")
    run_stages(store)
    with store.read() as conn:
        assert [c.mentions for c in list_cases(conn)] == [1, 2]  # a new case; the closed one stays closed


def _one_case(store: Store, text: str = "My parcel never arrived, customer service please help") -> int:
    put(store, [draft(1, text)])
    run_stages(store)
    with store.read() as conn:
        (case,) = list_cases(conn)
    return case.id


def test_every_change_writes_who_what_when_and_old_to_new(store: Store) -> None:
    team(store, "care", intents=["complaint"])
    case_id = _one_case(store)
    with store.write() as conn:
        add_user(conn, username="ana", password_hash="x", role="editor")
        add_user(conn, username="bo", password_hash="x", role="editor")
        assign(conn, case_id=case_id, username="ana", actor="lead")
        assign(conn, case_id=case_id, username="bo", actor="lead")
        change_status(conn, case_id=case_id, status="open", actor="bo")
        set_priority(conn, case_id=case_id, priority="high", actor="bo")
        add_note(conn, case_id=case_id, text="Called the customer back", actor="bo")
        change_status(conn, case_id=case_id, status="pending", actor="bo")
        change_status(conn, case_id=case_id, status="pending", actor="bo")  # no change, no row
        change_status(conn, case_id=case_id, status="closed", actor="bo")
        with pytest.raises(CaseError, match="unknown status"):
            change_status(conn, case_id=case_id, status="solved", actor="bo")
        with pytest.raises(CaseError, match="no user"):
            assign(conn, case_id=case_id, username="nobody", actor="lead")
    with store.read() as conn:
        events = [(e["actor"], e["action"], e["old"], e["new"]) for e in list_events(conn, case_id=case_id)]
        case = get_case(conn, case_id=case_id)
    assert events[1:] == [
        ("lead", "assignee", None, "ana"), ("lead", "assignee", "ana", "bo"), ("bo", "status", "new", "open"),
        ("bo", "priority", "normal", "high"), ("bo", "note", None, "Called the customer back"),
        ("bo", "status", "open", "pending"), ("bo", "status", "pending", "closed"),
    ]
    assert case.status == "closed" and case.assignee == "bo" and case.closed_at is not None
    assert case.first_response_at is not None  # leaving "new" was the first response


def test_an_overdue_case_is_flagged_once_and_its_lead_notified_in_the_same_transaction(store: Store) -> None:
    with store.write() as conn:
        lead = add_destination(conn, name="care-lead", kind="webhook",
                               config={"url": "https://hooks.example/care", "secret": "s" * 20})
    team(store, "care", intents=["complaint"], timezone="Europe/Copenhagen",
         business_hours=parse_hours("mon-fri 09:00-17:00").to_json(), first_response_s=2 * 3600,
         lead_destination_id=lead.id)
    put(store, [draft(1, "My parcel never arrived, customer service please help")])
    friday = datetime(2026, 3, 27, 16, 0, tzinfo=CPH)
    from voxpop.enrich.stage import enrich_pending
    from voxpop.match.stage import match_pending

    enrich_pending(store)
    match_pending(store)
    assert route_pending(store, now=friday).cases_opened == 1
    with store.read() as conn:
        (case,) = list_cases(conn)
    assert case.due_at == datetime(2026, 3, 30, 10, 0, tzinfo=CPH)  # Monday, after the clocks went forward
    with store.write() as conn:
        assert check_breaches(conn, now=datetime(2026, 3, 30, 9, 59, tzinfo=CPH)) == []
        assert check_breaches(conn, now=datetime(2026, 3, 30, 10, 1, tzinfo=CPH)) == [case.id]
        assert check_breaches(conn, now=datetime(2026, 3, 30, 11, 0, tzinfo=CPH)) == []  # once
    with store.read() as conn:
        rows = conn.execute(sa.select(outbox)).all()
        flagged = get_case(conn, case_id=case.id)
        actions = [e["action"] for e in list_events(conn, case_id=case.id)]
    assert [(r.event_key, r.destination_id) for r in rows] == [(f"case:{case.id}:sla-breach", lead.id)]
    assert "missed its first-response target of 2h00m" in rows[0].payload["title"]
    assert flagged.breached_at == case.due_at and actions[-1] == "sla_breach"


def test_a_breach_rolled_back_leaves_no_notification(store: Store) -> None:
    with store.write() as conn:
        lead = add_destination(conn, name="lead", kind="webhook",
                               config={"url": "https://x.example", "secret": "s" * 20})
    team(store, "care", intents=["complaint"], first_response_s=60, lead_destination_id=lead.id,
         business_hours=parse_hours("24/7").to_json())
    case_id = _one_case(store)
    with pytest.raises(RuntimeError), store.write() as conn:
        check_breaches(conn, now=datetime.now(UTC) + timedelta(hours=1))
        raise RuntimeError("the transaction fails after the breach was written")
    with store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(outbox)).scalar_one() == 0
        assert get_case(conn, case_id=case_id).breached_at is None


def test_the_report_gives_first_response_in_business_hours_per_team(store: Store) -> None:
    team(store, "care", intents=["complaint"], timezone="Europe/Copenhagen",
         business_hours=parse_hours("mon-fri 09:00-17:00").to_json(), first_response_s=2 * 3600)
    texts = ["My parcel never arrived, please help", "The app keeps crashing, please help",
             "I was charged twice, refund please", "My account is locked, please help"]
    put(store, [draft(i, t) for i, t in enumerate(texts, 1)])
    from voxpop.enrich.stage import enrich_pending
    from voxpop.match.stage import match_pending

    enrich_pending(store)
    match_pending(store)
    opened = datetime(2026, 10, 23, 16, 0, tzinfo=CPH)  # Friday; the clocks go back on Sunday
    route_pending(store, now=opened)
    with store.read() as conn:
        ids = sorted(c.id for c in list_cases(conn))
    answers = [datetime(2026, 10, 23, 16, 30, tzinfo=CPH),  # 30 min
               datetime(2026, 10, 26, 9, 30, tzinfo=CPH),   # 1 h 30 (17:00 Friday to 09:00 Monday is closed)
               datetime(2026, 10, 26, 11, 0, tzinfo=CPH)]   # 3 h: late
    with store.write() as conn:
        for case_id, at in zip(ids, answers, strict=False):
            change_status(conn, case_id=case_id, status="open", actor="ana", now=at)
    with store.read() as conn:
        (row,) = response_report(conn, start=opened - timedelta(days=1), end=opened + timedelta(days=1),
                                 now=datetime(2026, 10, 27, 12, 0, tzinfo=CPH))
        late = get_case(conn, case_id=ids[2])
    assert row["team"] == "care" and row["cases"] == 4 and row["answered"] == 3
    assert row["median_first_response_s"] == 5400
    assert row["p90_first_response_s"] == pytest.approx(9720)  # 5400 + 0.8 × (10800 − 5400)
    assert row["breaches"] == 2  # one answered late, one never answered and overdue
    assert late.breached_at == late.due_at == datetime(2026, 10, 26, 10, 0, tzinfo=CPH)


def test_a_correction_in_the_inbox_reroutes_an_unseen_mention_with_the_same_cue(store: Store) -> None:
    team(store, "care", intents=["complaint"])
    team(store, "sales", intents=["sales"])
    put(store, [draft(1, "The price of my subscription doubled overnight without warning")])
    run_stages(store)
    with store.read() as conn:
        (case,) = list_cases(conn)
    assert (case.team, case.intent) == ("sales", "sales")  # the cue 'price' reads as a lead
    unseen = "Why is the price on my invoice higher again this month"
    assert intent_model_for(store).classify(unseen, "en").label == "sales"
    with store.write() as conn:
        moved = correct_intent(conn, case_id=case.id, intent="complaint", actor="ana")
    assert (moved.team, moved.intent) == ("care", "complaint")
    put(store, [draft(2, unseen)])
    run_stages(store)
    with store.read() as conn:
        newest = list_cases(conn)[0]
        events = [(e["action"], e["old"], e["new"]) for e in list_events(conn, case_id=case.id)]
    assert (newest.team, newest.intent) == ("care", "complaint")
    assert any("learned 'price" in reason for reason in newest.reason["cues"])
    assert ("intent", "sales", "complaint") in events and ("team", "sales", "care") in events
