"""`kill -9` of the real `voxpop run` service at seeded points — between batches, in the middle of
the ingest transaction, in the middle of the enrich, match and search-index transactions, after
a commit but before the run is recorded, and at seeded random moments — followed by restarts,
must lose nothing and store nothing twice: the workspace ends equal to one from an uninterrupted
run (source, external id, content hash; query matches; enrichments; search keys; no history)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from voxpop.settings import Settings
from voxpop.store import open_store

# Runs `voxpop <args>` with one function wrapped so that its n-th call SIGKILLs the process
# (before or after the real call): a crash exactly there, inside whatever transaction is open.
DRIVER = r'''
import importlib, os, signal, sys
module_name, attr, when, nth = os.environ["KILL_POINT"].split(":")
module, nth, calls = importlib.import_module(module_name), int(nth), [0]
original = getattr(module, attr)
def wrapped(*args, **kwargs):
    calls[0] += 1
    if when == "before" and calls[0] == nth:
        os.kill(os.getpid(), signal.SIGKILL)
    result = original(*args, **kwargs)
    if when == "after" and calls[0] == nth:
        os.kill(os.getpid(), signal.SIGKILL)
    return result
setattr(module, attr, wrapped)
from voxpop.cli import main
sys.argv = ["voxpop", *sys.argv[1:]]
main()
'''

KILL_POINTS = [
    "voxpop.ingest.runner:write_prepared:after:3",    # mentions written, cursor not yet: mid-transaction
    "voxpop.ingest.runner:save_cursor:after:2",       # cursor written, not committed
    "voxpop.ingest.runner:write_prepared:before:4",   # between two committed batches
    "voxpop.ingest.runner:record_run:before:1",       # the whole file in, the run not recorded
    "voxpop.enrich.stage:_store_results:after:1",     # enrichments written, enrich cursor not yet
    "voxpop.match.stage:add_matches:after:1",         # matches written, match cursor not yet
    "voxpop.match.search:upsert_terms:after:1",       # search keys written, index cursor not yet
]


def voxpop(env: dict[str, str], *args: str, kill_point: str | None = None, timeout: float = 240) -> int:
    return run(env, *args, kill_point=kill_point, timeout=timeout).returncode


def run(env: dict[str, str], *args: str, kill_point: str | None = None,
        timeout: float = 240) -> subprocess.CompletedProcess[bytes]:
    if kill_point is None:
        command = [sys.executable, "-m", "voxpop", *args]
        run_env = env
    else:
        command = [sys.executable, "-c", DRIVER, *args]
        run_env = {**env, "KILL_POINT": kill_point}
    return subprocess.run(command, env=run_env, timeout=timeout, capture_output=True)


def workspace(tmp: Path, stream: Path) -> dict[str, str]:
    env = {**os.environ, "VOXPOP_DATA_DIR": str(tmp), "VOXPOP_IMPORT_BATCH_SIZE": "500"}
    env.pop("VOXPOP_DATABASE_URL", None)
    assert voxpop(env, "init") == 0
    assert voxpop(env, "source", "add", "feed", "--kind", "file", "--set", f"path={stream}") == 0
    assert voxpop(env, "query", "add", "brands", "Lumora OR Fjordwing OR #Pulse7Fire") == 0
    assert voxpop(env, "query", "add", "negative", "sentiment:negative AND (Voltik OR Norrjet)") == 0
    return env


def snapshot(data_dir: Path) -> dict[str, Any]:
    store = open_store(Settings(data_dir=data_dir))
    try:
        with store.read() as conn:
            def rows(sql: str) -> list[tuple[Any, ...]]:
                return sorted(tuple(r) for r in conn.exec_driver_sql(sql))
            return {
                "mentions": rows("SELECT s.name, m.external_id, m.content_hash, m.version, m.lang, m.sentiment, "
                                 "m.spam FROM mentions m JOIN sources s ON s.id = m.source_id"),
                "matches": rows("SELECT q.name, m.external_id FROM query_matches x JOIN queries q ON q.id = x.query_id "
                                "JOIN mentions m ON m.id = x.mention_id"),
                "enrichments": rows("SELECT m.external_id, e.step FROM enrichments e "
                                    "JOIN mentions m ON m.id = e.mention_id"),
                "terms": rows("SELECT m.external_id, t.terms FROM mention_terms t "
                              "JOIN mentions m ON m.id = t.mention_id"),
                "fts": rows("SELECT count(*) FROM mention_terms_fts WHERE mention_terms_fts MATCH 'lumora'"),
                "history": rows("SELECT count(*) FROM mention_history"),
                "rejects": rows("SELECT count(*) FROM ingest_rejects"),
            }
    finally:
        store.dispose()


@pytest.mark.timeout(900)
def test_kill_9_at_seeded_points_loses_nothing_and_stores_nothing_twice(tmp_path: Path) -> None:
    stream = tmp_path / "stream.ndjson"
    assert voxpop(dict(os.environ), "simulate", "--count", "6000", "--seed", "5", "-o", str(stream)) == 0

    reference_env = workspace(tmp_path / "reference", stream)
    assert voxpop(reference_env, "run", "--once") == 0
    assert voxpop(reference_env, "process") == 0
    reference = snapshot(tmp_path / "reference")
    assert len(reference["mentions"]) == 6000 and reference["matches"] and reference["history"] == [(0,)]

    env = workspace(tmp_path / "crashed", stream)
    killed = 0
    for point in KILL_POINTS:
        done = run(env, "run", "--once", kill_point=point)
        assert done.returncode == -signal.SIGKILL, (
            f"{point}: the run was not killed there (exit {done.returncode}): {done.stdout[-2000:]!r} "
            f"{done.stderr[-2000:]!r}")
        killed += 1
    # and at seeded random moments of a real SIGKILL from outside
    rng = random.Random(20261123)
    for _ in range(3):
        process = subprocess.Popen([sys.executable, "-m", "voxpop", "run", "--once"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 2.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=60)
    assert killed >= 8
    assert voxpop(env, "run", "--once") == 0  # the restart finishes the job
    assert voxpop(env, "process") == 0
    assert snapshot(tmp_path / "crashed") == reference
