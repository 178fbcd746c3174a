"""The embedded scheduler and `voxpop run`: due sources run, per-host limits hold, SIGTERM stops
the service gracefully with every cursor saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from voxpop.runtime.scheduler import Scheduler, source_host
from voxpop.settings import Settings
from voxpop.store import Store, open_store
from voxpop.store.mentions import count_mentions
from voxpop.store.sources import add_source, get_source, list_sources
from voxpop.store.tables import sources

FIXTURES = Path(__file__).resolve().parents[2] / "voxpop" / "sources" / "file" / "fixtures"


def test_once_runs_every_due_source_and_skips_the_rest(store: Store) -> None:
    with store.write() as conn:
        add_source(conn, name="a", kind="file", config={"path": str(FIXTURES / "export__interchange.ndjson")})
        add_source(conn, name="b", kind="file", config={"path": str(FIXTURES / "export__array.json")})
        add_source(conn, name="later", kind="file", config={"path": str(FIXTURES / "export__interchange.csv")})
        add_source(conn, name="broken", kind="file", config={"path": "/nonexistent/file.ndjson"})
        conn.execute(sources.update().where(sources.c.name == "later")
                     .values(next_run_at=datetime.now(UTC) + timedelta(hours=1)))
    reports = Scheduler(store, poll_s=0.1).run(once=True)
    assert sorted(r.source for r in reports) == ["a", "b", "broken"]
    with store.read() as conn:
        assert count_mentions(conn) == 7
        states = {r.name: r for r in list_sources(conn)}
    assert states["a"].state == "ok" and states["a"].next_run_at > datetime.now(UTC)
    assert states["broken"].state == "disabled" and "no such file" in (states["broken"].last_error or "")
    assert states["later"].last_run_at is None


def test_a_failing_source_backs_off_exponentially(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from voxpop.ingest import runner
    from voxpop.sources.base import TransientFetchError

    with store.write() as conn:
        row = add_source(conn, name="flaky", kind="file", config={"path": str(FIXTURES / "export__array.json")})

    def boom(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise TransientFetchError("connection reset")

    monkeypatch.setattr(runner, "prepared_batches", boom)
    waits = []
    for _ in range(3):
        with store.read() as conn:
            current = get_source(conn, source_id=row.id)
        before = datetime.now(UTC)
        runner.run_source(store, current)
        with store.read() as conn:
            after = get_source(conn, source_id=row.id)
        waits.append((after.next_run_at - before).total_seconds())
        assert after.state == "error" and after.failures == len(waits)
    assert 25 < waits[0] < 36 and 50 < waits[1] < 70 and 100 < waits[2] < 140


def test_source_host_for_the_per_host_limit(store: Store) -> None:
    with store.write() as conn:
        rss = add_source(conn, name="r", kind="rss", config={"url": "https://news.example.org/feed.xml"})
        web = add_source(conn, name="w", kind="web", config={"urls": ["https://blog.example.com/a"]})
        local = add_source(conn, name="f", kind="file", config={"path": "/x"})
    assert (source_host(rss), source_host(web), source_host(local)) == ("news.example.org", "blog.example.com", "")


def test_sigterm_stops_the_service_gracefully(db_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "big.ndjson"
    with path.open("wb") as f:
        for i in range(150_000):
            f.write(b'{"id":"%d","text":"mention %d of NordBrew","published_at":%d}\n' % (i, i, 1790000000 + i))
    settings = Settings(data_dir=Path(db_env["VOXPOP_DATA_DIR"]))
    store = open_store(settings, upgrade=True)
    with store.write() as conn:
        add_source(conn, name="big", kind="file", config={"path": str(path)})
    env = {**os.environ, **db_env, "VOXPOP_IMPORT_BATCH_SIZE": "1000"}
    proc = subprocess.Popen([sys.executable, "-m", "voxpop", "run", "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and stored < 3000:
        time.sleep(0.1)
        with store.read() as conn:
            stored = count_mentions(conn)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    with store.read() as conn:
        row = get_source(conn, name="big")
        total = count_mentions(conn)
        mentions_table = sa.text("SELECT COUNT(DISTINCT external_id) FROM mentions")
        assert conn.execute(mentions_table).scalar() == total
    assert 0 < total < 150_000, "the service should have stopped part way"
    resume = row.cursor["files"]
    (state,) = resume.values()
    assert state["complete"] is False and state["resume"]["line"] == total  # cursor matches what is stored
    assert row.next_run_at is not None and row.next_run_at <= datetime.now(UTC)  # resumes at once
    # the next run completes the file without duplicates
    Scheduler(store, poll_s=0.1).run(once=True)
    with store.read() as conn:
        assert count_mentions(conn) == 150_000
