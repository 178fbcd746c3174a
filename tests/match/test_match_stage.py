"""The match stage: saved queries against new, edited and historical mentions, on both databases."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from voxpop.cli import main
from voxpop.match.stage import backfill_query, match_pending
from voxpop.records import MentionDraft
from voxpop.store import Store
from voxpop.store.mentions import upsert_mentions
from voxpop.store.queries import add_query, count_matches, get_query, update_query
from voxpop.store.sources import add_source, find_source

FIXTURES = Path(__file__).resolve().parents[2] / "voxpop" / "sources" / "file" / "fixtures"
T0 = datetime(2026, 10, 1, tzinfo=UTC)


def draft(i: int, text: str, **changes: object) -> MentionDraft:
    base = MentionDraft(external_id=f"e{i}", channel="mastodon", text=text, published_at=T0 + timedelta(minutes=i),
                        collected_at=T0 + timedelta(days=1), raw=b"{}", lang="en")
    return replace(base, **changes)  # type: ignore[arg-type]


def store_drafts(store: Store, drafts: list[MentionDraft]) -> None:
    with store.write() as conn:
        source = find_source(conn, name="s") or add_source(conn, name="s", kind="file", config={"path": "/x"})
        upsert_mentions(conn, source_id=source.id, drafts=drafts)


def matches_of(store: Store, name: str) -> int:
    with store.read() as conn:
        return count_matches(conn, query_id=get_query(conn, name=name).id)


def test_new_mentions_edits_and_query_changes(store: Store) -> None:
    store_drafts(store, [draft(1, "NordBrew coffee is great"), draft(2, "Tea is fine"),
                         draft(3, "nordbrew delivery was late", channel="reddit")])
    assert match_pending(store).matches == 0  # no query yet: the stage just moves past them
    with store.write() as conn:
        q = add_query(conn, name="brand", text="nordbrew")
    assert backfill_query(store, q).matches == 2
    assert matches_of(store, "brand") == 2

    store_drafts(store, [draft(4, "Loving my NordBrew kettle"), draft(5, "unrelated")])
    report = match_pending(store)
    assert report.matches == 1 and matches_of(store, "brand") == 3

    # an edit that removes the brand name removes the match; one that adds it adds a match
    store_drafts(store, [draft(1, "Coffee is great"), draft(2, "Tea from NordBrew is fine")])
    match_pending(store)
    assert matches_of(store, "brand") == 3

    with store.write() as conn:
        q = update_query(conn, name="brand", text="nordbrew AND channel:reddit")
    assert backfill_query(store, q).matches == 1
    assert matches_of(store, "brand") == 1

    with store.write() as conn:
        update_query(conn, name="brand", enabled=False)
    store_drafts(store, [draft(6, "NordBrew again", channel="reddit")])
    match_pending(store)
    assert matches_of(store, "brand") == 1  # disabled: the new mention is not matched


def test_a_stored_query_the_parser_refuses_is_reported(store: Store) -> None:
    store_drafts(store, [draft(1, "NordBrew")])
    with store.write() as conn:
        add_query(conn, name="broken", text="(nordbrew")
        add_query(conn, name="fine", text="nordbrew")
    report = match_pending(store)
    assert report.matches == 1 and report.invalid_queries and report.invalid_queries[0].startswith("broken")


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_query_commands(db_env: dict[str, str]) -> None:
    cli("import", str(FIXTURES / "export__interchange.ndjson"))
    code, out = cli("query", "check", "(apple OR orange NEAR/3 juice")
    assert code == 2 and "^ column 1" in out
    code, out = cli("query", "check", "apple juice", "--json")
    report = json.loads(out)
    assert code == 2 and report["valid"] is False and report["problems"][0]["hint"]
    code, out = cli("query", "add", "nordbrew", "NordBrew", "--json")
    assert code == 0 and json.loads(out)["matches"] == 5
    code, out = cli("import", str(FIXTURES / "export__interchange.csv"), "--json")
    assert code == 0 and json.loads(out)["matched"] == 3
    code, out = cli("query", "list", "--json")
    assert json.loads(out)[0]["matches"] == 8
    code, out = cli("search", "nordbrew AND lang:sv", "--json")
    assert code == 0 and [m["id"] for m in json.loads(out)] == ["m2"]
    code, out = cli("query", "add", "nordbrew", "x")
    assert code == 2 and "already exists" in out
    code, out = cli("query", "remove", "nordbrew")
    assert code == 0 and "8 matches" in out


def test_mentions_show_explains_which_queries_matched_and_where(db_env: dict[str, str]) -> None:
    cli("import", str(FIXTURES / "export__interchange.ndjson"))
    cli("query", "add", "delivery", "NordBrew AND (beställning OR leverans)")
    code, out = cli("mentions", "list", "--lang", "sv", "--json")
    (mention,) = json.loads(out)
    code, out = cli("mentions", "show", str(mention["voxpop_id"]), "--json", "--raw")
    shown = json.loads(out)
    assert code == 0 and shown["id"] == "m2" and json.loads(shown["raw"])["id"] == "m2"
    (match,) = shown["queries"]
    text = shown["text"]
    assert match["name"] == "delivery"
    assert {text[a:b] for a, b in match["highlights"]["text"]} == {"NordBrew", "beställning"}
    assert {shown["title"][a:b] for a, b in match["highlights"]["title"]} == {"leverans"}
    code, out = cli("mentions", "show", "999999")
    assert code == 2 and "no mention" in out


def test_workspace_exclusions_apply_to_every_query_and_search(db_env: dict[str, str]) -> None:
    cli("import", str(FIXTURES / "export__interchange.ndjson"))
    cli("query", "add", "nordbrew", "NordBrew")
    code, out = cli("exclude", "add", "author:(anna OR jk) OR site:reddit.com")
    assert code == 0, out
    code, out = cli("query", "list", "--json")
    assert json.loads(out)[0]["matches"] == 2  # m1 (anna), m3 (jk) and m2 (reddit.com) are excluded
    code, out = cli("search", "NordBrew", "--json")
    assert sorted(m["id"] for m in json.loads(out)) == ["m4", "m5"]
    # new mentions are matched with the exclusions too
    code, out = cli("import", str(FIXTURES / "export__interchange.csv"), "--json")
    assert json.loads(out)["matched"] == 3
    code, out = cli("exclude", "list", "--json")
    assert json.loads(out) == ["author:(anna OR jk) OR site:reddit.com"]
    code, out = cli("exclude", "add", "site:(")
    assert code == 2
    code, out = cli("exclude", "remove", "author:(anna OR jk) OR site:reddit.com")
    assert code == 0
    code, out = cli("query", "list", "--json")
    assert json.loads(out)[0]["matches"] == 8
    code, out = cli("exclude", "remove", "nothing")
    assert code == 2 and "not an exclusion" in out
