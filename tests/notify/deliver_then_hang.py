"""Run by test_notify_delivery.py as a real process: deliver, and after the first notification the
destination accepted, print its key and hang before recording it (the test then kills this with
SIGKILL, between sending and marking as sent)."""

from __future__ import annotations

import sys
import time

from voxpop.notify.deliver import Deliverer, DeliveryPolicy
from voxpop.settings import Settings
from voxpop.store import open_store
from voxpop.store.outbox import OutboxRow


def hang(row: OutboxRow) -> None:
    print(f"SENT {row.idempotency_key}", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    database_url, lease_s = sys.argv[1], float(sys.argv[2])
    settings = Settings(environment="test", database_url=database_url, fetch_allowed_hosts=["127.0.0.1"])
    store = open_store(settings)
    Deliverer(store, policy=DeliveryPolicy(lease_s=lease_s, workers=1), after_send=hang).deliver_due()
