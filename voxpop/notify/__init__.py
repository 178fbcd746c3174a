"""Notifications that are never lost: an outbox written in the event's own transaction, a deliverer
that leases, sends, retries with backoff and dead-letters, and the destinations it sends to."""
