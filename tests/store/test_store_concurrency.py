"""On SQLite, a read never waits for a writer (WAL, deferred BEGIN for reads): searches and the web
app stay fast while an import or the service is writing."""

from __future__ import annotations

import threading
import time

from voxpop.settings import Settings
from voxpop.store import open_store


def test_a_read_does_not_wait_for_a_write_in_progress(settings: Settings) -> None:
    writer_store = open_store(settings, upgrade=True)
    reader_store = open_store(settings)  # as another process would: its own connections
    holding, release = threading.Event(), threading.Event()

    def write() -> None:
        with writer_store.write() as conn:
            conn.exec_driver_sql("INSERT INTO pipeline_cursors (stage, position, updated_at) "
                                 "VALUES ('probe', 1, '2026-01-01 00:00:00.000000')")
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        assert holding.wait(10)
        started = time.monotonic()
        with reader_store.read() as conn:
            seen = conn.exec_driver_sql("SELECT count(*) FROM pipeline_cursors WHERE stage = 'probe'").scalar()
        assert seen == 0 and time.monotonic() - started < 1.0  # the snapshot before the write, at once
    finally:
        release.set()
        thread.join()
    with reader_store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM pipeline_cursors WHERE stage = 'probe'").scalar() == 1
    writer_store.dispose()
    reader_store.dispose()
