"""2 land — run a source: fetch → normalise → idempotent upsert, with durable cursors."""
