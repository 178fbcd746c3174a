"""The enrichment stage after the store: languages filled in where sources gave none, results
kept with their step and version, edited mentions enriched again; `voxpop process`."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from click.testing import CliRunner

from voxpop.cli import main
from voxpop.enrich.language import VERSION
from voxpop.enrich.stage import enrich_pending
from voxpop.match.stage import backfill_query
from voxpop.records import MentionDraft
from voxpop.store import Store
from voxpop.store.mentions import iter_mentions, upsert_mentions
from voxpop.store.queries import add_query
from voxpop.store.sources import add_source, find_source
from voxpop.store.tables import enrichments

T0 = datetime(2026, 10, 1, tzinfo=UTC)


def draft(i: int, text: str, **changes: object) -> MentionDraft:
    base = MentionDraft(external_id=f"e{i}", channel="mastodon", text=text, published_at=T0 + timedelta(minutes=i),
                        collected_at=T0, raw=b"{}")
    return replace(base, **changes)  # type: ignore[arg-type]


def put(store: Store, drafts: list[MentionDraft]) -> None:
    with store.write() as conn:
        source = find_source(conn, name="s") or add_source(conn, name="s", kind="file", config={"path": "/x"})
        upsert_mentions(conn, source_id=source.id, drafts=drafts)


def langs(store: Store) -> dict[str, str | None]:
    with store.read() as conn:
        return {m.external_id: m.lang for m in iter_mentions(conn)}


def test_languages_are_filled_in_and_a_given_language_is_kept(store: Store) -> None:
    put(store, [
        draft(1, "Jeg har ventet på min ordre i tre uger, og kundeservicen svarer ikke på mine mails."),
        draft(2, "Ich warte seit drei Wochen auf meine Bestellung und niemand antwortet mir."),
        draft(3, "Väntar fortfarande på min beställning, kundtjänsten svarar inte alls.", lang="fi"),
        draft(4, "👍👍 https://example.com"),
    ])
    report = enrich_pending(store)
    assert report.mentions == 4 and report.languages_filled == 2
    assert langs(store) == {"e1": "da", "e2": "de", "e3": "fi", "e4": None}  # e3: the source said so
    with store.read() as conn:
        rows = {r.mention_id: r for r in conn.execute(sa.select(enrichments).where(enrichments.c.step == "language"))}
        steps = {r.step for r in conn.execute(sa.select(enrichments))}
    assert len(rows) == 4 and all(r.version == VERSION for r in rows.values())
    assert {"language", "spam", "sentiment", "normalise", "duplicates"} <= steps
    assert sorted(r.result["code"] for r in rows.values()) == ["da", "de", "sv", "und"]  # detection kept beside
    assert enrich_pending(store).mentions == 0  # nothing new


def test_an_edited_mention_is_enriched_again(store: Store) -> None:
    put(store, [draft(1, "Jeg har ventet på min ordre i tre uger, og kundeservicen svarer ikke.")])
    enrich_pending(store)
    put(store, [draft(1, "I have been waiting three weeks for my order and support does not answer.")])
    assert langs(store) == {"e1": None}  # the edit dropped what described the old text
    report = enrich_pending(store)
    assert report.mentions == 1 and langs(store) == {"e1": "en"}


def test_lang_queries_see_detected_languages(store: Store) -> None:
    put(store, [draft(1, "NordBrew: jeg har ventet på min ordre i tre uger, og ingen svarer."),
                draft(2, "NordBrew: I have been waiting three weeks for my order and nobody answers.")])
    enrich_pending(store)
    with store.write() as conn:
        q = add_query(conn, name="danish", text="nordbrew AND lang:da")
    assert backfill_query(store, q).matches == 1


def test_process_command_and_import_without_processing(db_env: dict[str, str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.ndjson"
    path.write_text(json.dumps({"id": "1", "text": "Hej! Jeg elsker jeres nye kaffemaskine, den er fantastisk.",
                                "published_at": "2026-10-01T10:00:00Z"}) + "\n")
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(path), "--no-process", "--json"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["mentions", "list", "--json"])
    assert json.loads(result.output)[0]["lang"] is None
    result = runner.invoke(main, ["process", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["enriched"]["languages_filled"] == 1
    result = runner.invoke(main, ["mentions", "list", "--json"])
    assert json.loads(result.output)[0]["lang"] == "da"


def test_sentiment_spam_and_clusters_go_on_the_mention_and_sentiment_queries_see_them(store: Store) -> None:
    put(store, [
        draft(1, "NordBrew kundeservice er elendig, jeg er virkelig skuffet 😡"),
        draft(2, "NordBrew: the new kettle is fantastic, I love it!"),
        draft(3, "NordBrew: the new kettle is fantastic, I love it!", external_id="copy"),
        draft(4, "FREE BITCOIN GIVEAWAY!!! claim now https://x.example/a https://x.example/b https://x.example/c"),
    ])
    enrich_pending(store)
    with store.read() as conn:
        by = {m.external_id: m for m in iter_mentions(conn)}
    assert by["e1"].sentiment == "negative" and by["e2"].sentiment == "positive"
    assert by["e2"].cluster_id is not None and by["e2"].cluster_id == by["copy"].cluster_id
    assert by["e4"].spam is True and not by["e2"].spam
    with store.write() as conn:
        q = add_query(conn, name="unhappy", text="nordbrew AND sentiment:negative")
    assert backfill_query(store, q).matches == 1


def test_a_correction_wins_and_teaches_unseen_mentions_with_the_same_cue(store: Store) -> None:
    from voxpop.store.corrections import correct_sentiment

    put(store, [draft(1, "the zorblax on this kettle again"), draft(2, "a quiet morning with coffee")])
    enrich_pending(store)
    with store.read() as conn:
        before = {m.external_id: m.sentiment for m in iter_mentions(conn)}
    assert before["e1"] != "negative"
    with store.write() as conn:
        correct_sentiment(conn, mention_id=1, label="negative", corrected_by="ann")
    put(store, [draft(3, "zorblax zorblax, my order shows the zorblax")])
    enrich_pending(store)
    put(store, [draft(1, "the zorblax on this kettle again!")])  # an edit re-enriches: the correction stays
    enrich_pending(store)
    with store.read() as conn:
        after = {m.external_id: m.sentiment for m in iter_mentions(conn)}
    assert after["e1"] == "negative" and after["e3"] == "negative"


def test_enrich_text_runs_every_step_without_a_database() -> None:
    from voxpop.enrich import enrich_text, enrich_texts

    page = ("Kundeservice i verdensklasse: NordBrew svarede på fem minutter, og jeg er virkelig glad.\n"
            "Del med dine venner:\nnumerologi nummer 4\nNo comments: Post a Comment\n<%WritePageName%>\n"
            "Næste gang køber jeg igen, for kvaliteten er i top og prisen er fair.")
    done = enrich_text(page, title="Anmeldelse")
    assert done.lang == "da" and 0 <= done.lang_confidence <= 1
    assert "Del med dine venner" not in done.text and "Næste gang" in done.text
    assert {r.reason for r in done.removed} >= {"share_widget", "comment_form"}
    assert done.sentiment == "positive" and done.sentiment_reasons and -1 <= done.sentiment_score <= 1
    assert done.spam_score < 0.5 and isinstance(done.spam_reasons, list)
    many = enrich_texts(["Ich liebe es!", {"text": "Terrible service, never again.", "title": None}])
    assert [m.sentiment for m in many] == ["positive", "negative"]


def test_correct_and_reenrich_commands(db_env: dict[str, str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.ndjson"
    rows = [{"id": "1", "text": "The flumph arrived today", "published_at": "2026-10-01T10:00:00Z"},
            {"id": "2", "text": "Another flumph in the mail", "published_at": "2026-10-01T11:00:00Z"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(path)]).exit_code == 0
    assert runner.invoke(main, ["query", "add", "angry", "flumph AND sentiment:negative"]).exit_code == 0
    listed = json.loads(runner.invoke(main, ["mentions", "list", "--json"]).output)
    first = next(m for m in listed if m["id"] == "1")
    result = runner.invoke(main, ["mentions", "correct", str(first["voxpop_id"]), "--sentiment", "negative",
                                  "--by", "ann"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["mentions", "correct", "999999", "--sentiment", "negative"])
    assert result.exit_code == 2 and "no mention" in result.output
    result = runner.invoke(main, ["reenrich", "--json"])
    assert result.exit_code == 0, result.output
    done = json.loads(result.output)
    assert done["enriched"]["mentions"] == 2 and done["query_matches"] == 2  # the correction taught "flumph"
    listed = json.loads(runner.invoke(main, ["mentions", "list", "--json"]).output)
    assert {m["sentiment"] for m in listed} == {"negative"}


def test_clusters_carry_on_after_a_restart(store: Store) -> None:
    from voxpop.enrich import stage

    article = ("Nordbrew recalls 12,000 kettles after 37 reports of overheating, the company said on Tuesday. "
               "Customers in Denmark, Sweden and Norway can return the KX-200 model to any store for a refund, "
               "and the recall covers units sold between March and September 2026.")
    put(store, [draft(1, article)])
    enrich_pending(store)
    stage._enrichers.clear()  # a new process: the duplicate index starts from what is stored
    put(store, [draft(2, article.replace("Tuesday", "Wednesday"), external_id="copy")])
    enrich_pending(store)
    with store.read() as conn:
        by = {m.external_id: m for m in iter_mentions(conn)}
    assert by["copy"].cluster_id == by["e1"].cluster_id == by["e1"].id


def test_topics_command(db_env: dict[str, str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    rows = []
    for i in range(40):  # a steady baseline about delivery
        rows.append({"id": f"b{i}", "text": f"Nordbrew delivery was slow again, order {i} arrived late",
                     "published_at": (now - timedelta(days=3, minutes=i)).isoformat()})
    for i in range(12):  # and a rising complaint today
        rows.append({"id": f"r{i}", "text": f"Nordbrew kettle overheating, the lid melted ({i})",
                     "published_at": (now - timedelta(hours=2, minutes=i)).isoformat()})
    path = tmp_path / "x.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(path)]).exit_code == 0
    assert runner.invoke(main, ["query", "add", "brand", "nordbrew"]).exit_code == 0
    result = runner.invoke(main, ["topics", "--query", "brand", "--since", "7d", "--recent", "24h", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["mentions"] == 52
    assert any("delivery" in k["term"] for k in found["keywords"]), found["keywords"]
    assert any(e["term"] in ("overheating", "kettle", "lid", "melted") for e in found["emerging"])
    assert all(e["term"] != "delivery" for e in found["emerging"])
    result = runner.invoke(main, ["topics", "--query", "nope"])
    assert result.exit_code == 2 and "no saved query" in result.output


def test_spam_markings_are_kept_and_learned_from(store: Store) -> None:
    from voxpop.store.corrections import mark_spam

    put(store, [draft(1, "Check out my profile for the best deals on kettles", author="dealbot"),
                draft(2, "Lovely morning, coffee from the new kettle", author="anna")])
    enrich_pending(store)
    with store.read() as conn:
        assert not any(m.spam for m in iter_mentions(conn))
    with store.write() as conn:
        mark_spam(conn, mention_id=1, spam=True, marked_by="ann")
    put(store, [draft(3, "Totally different words from the same account", author="dealbot"),
                draft(4, "check out my profile for the best deals on kettles!!", author="someone_else")])
    enrich_pending(store)
    put(store, [draft(1, "Check out my profile for the best deals on kettles today", author="dealbot")])  # an edit
    enrich_pending(store)
    with store.read() as conn:
        by = {m.external_id: m for m in iter_mentions(conn)}
        kept = conn.execute(sa.select(enrichments.c.version).where(enrichments.c.mention_id == by["e1"].id,
                                                                   enrichments.c.step == "spam")).scalar_one()
    assert by["e1"].spam is True and kept == "user"  # the user's marking survives re-enrichment
    assert by["e3"].spam is True and by["e4"].spam is True and not by["e2"].spam
