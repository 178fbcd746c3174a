"""The file connector: each recorded export through the real entry point, and every bad input."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from voxpop.cli import main
from voxpop.ingest.runner import run_source
from voxpop.settings import Settings
from voxpop.store import Store, open_store
from voxpop.store.mentions import MentionFilter, count_mentions, get_raw, iter_mentions, list_mentions, recent_rejects
from voxpop.store.sources import add_source

FIXTURES = Path(__file__).resolve().parents[3] / "voxpop" / "sources" / "file" / "fixtures"


def import_file(store: Store, path: Path, **config: object):  # type: ignore[no-untyped-def]
    with store.write() as conn:
        row = add_source(conn, name=f"f-{path.name}-{time.monotonic_ns()}", kind="file", config={"path": str(path)})
    return run_source(store, row, config={"path": str(path), **config})


def stored(store: Store) -> dict[str, object]:
    with store.read() as conn:
        return {m.external_id: m for m in iter_mentions(conn)}


# ---- recorded exports, one line each ---------------------------------------------------------

def test_interchange_ndjson(store: Store) -> None:
    report = import_file(store, FIXTURES / "export__interchange.ndjson")
    assert (report.counts.inserted, report.rejected, report.error) == (5, 0, None)
    m = stored(store)
    assert m["m1"].hashtags == ("NordBrew",) and m["m1"].handles == ("nordbrew@mastodon.social",)
    assert m["m1"].links == ("https://nordbrew.example/nyt",) and m["m1"].likes == 12
    assert m["m2"].published_at.isoformat() == "2026-10-05T07:30:00+00:00"  # +02:00 → UTC
    assert m["m2"].source_sentiment == "negative" and m["m2"].country == "SE"
    assert m["m3"].published_at.isoformat() == "2026-10-05T11:00:00+00:00"  # RFC 2822
    assert m["m4"].published_at.isoformat() == "2026-10-05T11:00:00+00:00"  # Unix seconds
    assert m["m5"].published_at.isoformat() == "2026-10-05T12:00:00+00:00"  # naive → UTC
    assert m["m5"].channel == "bluesky" and m["m5"].url is None


def test_interchange_csv_with_quotes_and_multiline_text(store: Store) -> None:
    report = import_file(store, FIXTURES / "export__interchange.csv")
    assert (report.counts.inserted, report.rejected) == (3, 0)
    m = stored(store)
    assert m["c1"].text == 'NordBrew åpner ny butikk i Bergen, "endelig"!' and m["c1"].country == "NO"
    assert m["c2"].text == "Der neue Laden von NordBrew\nhat zwei Zeilen Text." and m["c2"].views == 120
    assert m["c3"].source_sentiment == "neutral" and m["c3"].published_at.hour == 10


def test_json_array(store: Store) -> None:
    report = import_file(store, FIXTURES / "export__array.json")
    assert (report.counts.inserted, report.rejected) == (2, 0)
    assert stored(store)["j2"].text.endswith("[davvero] {grazie}")


def test_another_tools_csv_with_a_field_map(store: Store) -> None:
    report = import_file(store, FIXTURES / "export__other_tool.csv",
                         map="id=Mention Id,published_at=Date,text=Snippet,url=Url,author=Author,"
                             "channel=Page Type,sentiment=Sentiment,lang=Language")
    assert (report.counts.inserted, report.rejected) == (2, 0)
    m = stored(store)
    assert m["bw-2"].author == "fan2" and m["bw-2"].channel == "twitter" and m["bw-2"].source_sentiment == "negative"


def test_dotted_map_reaches_into_nested_json(store: Store) -> None:
    report = import_file(store, FIXTURES / "export__nested.ndjson",
                         map="id=post.id,text=post.body,published_at=post.created,author=user.screen_name,channel=network")
    assert (report.counts.inserted, report.rejected) == (2, 0)
    assert stored(store)["n1"].author == "deep"


def test_raw_payload_is_kept_as_received(store: Store) -> None:
    import_file(store, FIXTURES / "export__interchange.ndjson")
    first_line = (FIXTURES / "export__interchange.ndjson").read_bytes().splitlines()[0]
    with store.read() as conn:
        m = next(x for x in iter_mentions(conn) if x.external_id == "m1")
        assert get_raw(conn, mention_id=m.id) == first_line


def test_reimporting_the_same_file_adds_nothing(store: Store) -> None:
    path = FIXTURES / "export__interchange.ndjson"
    with store.write() as conn:
        row = add_source(conn, name="imports", kind="file", config={"path": str(path)})
    first = run_source(store, row, config={"path": str(path)})
    second = run_source(store, row, config={"path": str(path)})
    assert first.counts.inserted == 5
    assert (second.counts.inserted, second.counts.updated, second.counts.unchanged) == (0, 0, 5)
    with store.read() as conn:
        assert count_mentions(conn) == 5


def test_naive_times_follow_the_timezone_setting(store: Store) -> None:
    store.settings = store.settings.model_copy(update={"naive_timezone": "Europe/Copenhagen"})
    import_file(store, FIXTURES / "export__interchange.ndjson")
    assert stored(store)["m5"].published_at.isoformat() == "2026-10-05T10:00:00+00:00"


# ---- bad input -------------------------------------------------------------------------------

def write_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


GOOD = b'{"id":"%d","text":"fine %d","published_at":"2026-10-01T00:00:00Z"}'


def test_each_bad_ndjson_line_is_reported_with_its_line_and_the_rest_lands(store: Store, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bad.ndjson", [
        GOOD % (1, 1),
        b'{"id":"2","text":"truncated',                                     # 2 malformed
        b'{"id":"3","text":"caf\xe9","published_at":"2026-10-01"}',           # 3 Latin-1, not UTF-8
        b'{"id":"4","published_at":"2026-10-01"}',                          # 4 no text
        b'{"id":"5","text":"x","published_at":"1066-10-14"}',               # 5 absurd date
        b'{"id":"6","text":"x","published_at":"next tuesday"}',             # 6 unreadable date
        b'{"id":"7","text":"' + b"y" * 3000 + b'","published_at":"2026-10-01"}',  # 7 over the cap
        b'["not", "an", "object"]',                                         # 8 not an object
        b'{"id":"9","text":"x","published_at":"2026-10-01","likes":-4}',    # 9 negative count
        b'{"id":"10","text":"x","published_at":"2026-10-01","lang":"english!"}',  # 10 bad language
        b"",
        GOOD % (12, 12),
    ])
    store.settings = store.settings.model_copy(update={"max_record_bytes": 2000})
    report = import_file(store, path)
    assert report.counts.inserted == 2 and report.error is None
    reasons = {r.location: r.reason for r in report.rejects}
    assert set(reasons) == {f"bad.ndjson:{n}" for n in range(2, 11)}
    assert "malformed JSON" in reasons["bad.ndjson:2"]
    assert "invalid UTF-8" in reasons["bad.ndjson:3"]
    assert "text is missing" in reasons["bad.ndjson:4"]
    assert "absurd date" in reasons["bad.ndjson:5"]
    assert "not an ISO 8601" in reasons["bad.ndjson:6"]
    assert "over the 2,000-byte cap" in reasons["bad.ndjson:7"]
    assert "expected a JSON object" in reasons["bad.ndjson:8"]
    assert "negative" in reasons["bad.ndjson:9"]
    assert "language code" in reasons["bad.ndjson:10"]
    with store.read() as conn:  # the rejects are kept too, not only printed
        assert len(recent_rejects(conn)) == 9


def test_an_oversized_line_is_skipped_without_being_held(store: Store, tmp_path: Path) -> None:
    huge = b'{"id":"big","text":"' + b"z" * 5_000_000 + b'","published_at":"2026-10-01"}'
    path = write_lines(tmp_path / "huge.ndjson", [GOOD % (1, 1), huge, GOOD % (3, 3)])
    store.settings = store.settings.model_copy(update={"max_record_bytes": 10_000})
    report = import_file(store, path)
    assert report.counts.inserted == 2
    (reject,) = report.rejects
    assert reject.location == "huge.ndjson:2" and "5,000," in reject.reason and len(reject.excerpt) <= 200


def test_bad_csv_rows(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(
        b"id,text,published_at\n"
        b"1,ok,2026-10-01\n"
        b"2,caf\xe9,2026-10-01\n"                  # invalid UTF-8
        b"3,,2026-10-01\n"                         # missing text
        b"4,too,many,fields,2026-10-01\n"          # extra fields
        b"5," + b"w" * 3000 + b",2026-10-01\n"     # field over the cap
        b"6,ok again,2026-10-02\n"
    )
    store.settings = store.settings.model_copy(update={"max_record_bytes": 2000})
    report = import_file(store, path)
    assert report.counts.inserted == 2
    reasons = " | ".join(f"{r.location} {r.reason}" for r in report.rejects)
    assert "bad.csv:3 invalid UTF-8" in reasons and "bad.csv:4 text is missing" in reasons
    assert "bad.csv:5 row has 5 fields" in reasons and "bad.csv:6 malformed CSV row" in reasons


def test_truncated_json_array_keeps_what_was_complete(store: Store, tmp_path: Path) -> None:
    data = (FIXTURES / "export__array.json").read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(data[: data.index(b'{"id": "j2"') + 20])
    report = import_file(store, path)
    assert report.counts.inserted == 1
    assert "ends early" in report.rejects[0].reason


def test_a_feed_or_page_given_as_an_export_is_refused_clearly(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text("<html><body>Not JSON</body></html>")
    report = import_file(store, path)
    assert report.counts.inserted == 0 and "not a JSON array" in report.rejects[0].reason


def test_missing_file_marks_the_source_and_loses_nothing(store: Store, tmp_path: Path) -> None:
    ok = import_file(store, FIXTURES / "export__interchange.ndjson")
    assert ok.counts.inserted == 5
    report = import_file(store, tmp_path / "gone.ndjson")
    assert "no such file" in (report.error or "") and report.state == "disabled"
    with store.read() as conn:
        assert count_mentions(conn) == 5


# ---- the command line ------------------------------------------------------------------------

def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_cli_import_exit_codes_and_json(db_env: dict[str, str], tmp_path: Path) -> None:
    code, output = run_cli("import", str(FIXTURES / "export__interchange.ndjson"), "--json")
    assert code == 0 and json.loads(output)["inserted"] == 5
    bad = write_lines(tmp_path / "bad.ndjson", [GOOD % (1, 1), b"{oops"])
    code, output = run_cli("import", str(bad), "--json")
    report = json.loads(output)
    assert code == 3 and report["inserted"] == 1 and report["rejects"][0]["location"] == "bad.ndjson:2"
    code, output = run_cli("import", str(FIXTURES / "export__interchange.ndjson"), "--map", "nonsense")
    assert code == 2 and "FIELD=COLUMN" in output


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()
    except (FileNotFoundError, IndexError):
        return "gone"


def test_killed_import_rerun_completes_without_duplicates(db_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "big.ndjson"
    n = 120_000
    with path.open("wb") as f:
        for i in range(n):
            f.write(b'{"id":"%d","text":"mention %d of NordBrew with some words","published_at":%d}\n'
                    % (i, i, 1790000000 + i))
    env = {**os.environ, **db_env, "VOXPOP_IMPORT_BATCH_SIZE": "1000"}
    proc = subprocess.Popen([sys.executable, "-m", "voxpop", "import", str(path), "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    settings = Settings(data_dir=Path(db_env["VOXPOP_DATA_DIR"]))
    deadline = time.monotonic() + 60
    partial = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            store = open_store(settings)
            with store.read() as conn:
                partial = count_mentions(conn)
            store.dispose()
        except Exception:  # the database or its tables may not exist yet
            partial = 0
        if partial >= 5000:
            children = _children(proc.pid)
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert children, "a file this size is parsed in a reader process"
    give_up = time.monotonic() + 10  # the orphaned reader notices and exits
    while any(Path(f"/proc/{c}").exists() and "zombie" not in _state(c) for c in children):
        assert time.monotonic() < give_up, "the reader process outlived its killed parent"
        time.sleep(0.1)
    assert 0 < partial < n
    code, output = run_cli("import", str(path), "--json")
    assert code == 0, output
    report = json.loads(output)
    store = open_store(settings)
    with store.read() as conn:
        assert count_mentions(conn) == n
        ids = {m.external_id for m in iter_mentions(conn)}
    assert len(ids) == n
    # resumed from the committed position: far fewer than n records were read again
    assert report["inserted"] + report["unchanged"] < n


def test_cli_gzip_is_not_mistaken_for_text(db_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "export.ndjson.gz"
    path.write_bytes(gzip.compress((FIXTURES / "export__interchange.ndjson").read_bytes()))
    code, output = run_cli("import", str(path), "--json")
    assert code == 0 and json.loads(output)["inserted"] == 5


def test_cli_mentions_list_filters(db_env: dict[str, str]) -> None:
    run_cli("import", str(FIXTURES / "export__interchange.ndjson"))
    code, output = run_cli("mentions", "list", "--lang", "en", "--json")
    assert code == 0 and {m["id"] for m in json.loads(output)} == {"m3", "m4"}
    code, output = run_cli("mentions", "list", "--since", "not-a-date")
    assert code == 2 and "7d" in output


def test_store_filters_by_source(store: Store) -> None:
    import_file(store, FIXTURES / "export__array.json")
    with store.read() as conn:
        assert len(list_mentions(conn, filters=MentionFilter(channel="review"))) == 1


def test_spreadsheet_encodings_and_line_endings(store: Store, tmp_path: Path) -> None:
    (tmp_path / "excel.tsv").write_text("id\ttext\tpublished_at\n1\thej med æøå\t2026-10-01\n", encoding="utf-16")
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbfid,text,published_at\r\n2,hello,2026-10-01\r\n")
    (tmp_path / "crlf.ndjson").write_bytes(b'{"id":"3","text":"crlf","published_at":"2026-10-01"}\r\n')
    for name in ("excel.tsv", "bom.csv", "crlf.ndjson"):
        report = import_file(store, tmp_path / name)
        assert (report.counts.inserted, report.rejected) == (1, 0), name
    texts = {m.external_id: m.text for m in stored(store).values()}
    assert texts == {"1": "hej med æøå", "2": "hello", "3": "crlf"}


def test_empty_inputs_import_nothing_and_fail_nothing(store: Store, tmp_path: Path) -> None:
    (tmp_path / "empty.ndjson").write_bytes(b"")
    (tmp_path / "header.csv").write_bytes(b"id,text,published_at\n")
    (tmp_path / "none.json").write_bytes(b"[ ]")
    for name in ("empty.ndjson", "header.csv", "none.json"):
        report = import_file(store, tmp_path / name)
        assert (report.counts.inserted, report.rejected, report.error) == (0, 0, None), name


def test_reader_process_gives_the_same_result_as_reading_in_process(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import voxpop.sources.file.source as file_source

    lines = [GOOD % (i, i) for i in range(50)] + [b"{broken", b'{"id":"x","text":"no date"}']
    path = write_lines(tmp_path / "mixed.ndjson", lines)
    store.settings = store.settings.model_copy(update={"import_batch_size": 7})
    sequential = import_file(store, path)
    monkeypatch.setattr(file_source, "PARALLEL_MIN_BYTES", 0)
    parallel = import_file(store, path)
    assert (sequential.counts.inserted, sequential.rejected) == (parallel.counts.inserted, parallel.rejected) == (50, 2)
    assert [r.reason for r in sequential.rejects] == [r.reason for r in parallel.rejects]
    with store.read() as conn:
        assert count_mentions(conn) == 100  # two sources, fifty each


def test_urls_in_any_letter_case_are_links_not_tags(store: Store, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "case.ndjson", [
        b'{"id":"1","text":"see Http://Shop.example/#deal and WWW.Brand.example #real","published_at":"2026-10-01"}'])
    import_file(store, path)
    (m,) = stored(store).values()
    assert m.links == ("Http://Shop.example/#deal", "http://WWW.Brand.example") and m.hashtags == ("real",)
