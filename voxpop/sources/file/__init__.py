"""The ``file`` connector: CSV, JSON-array and NDJSON exports, streamed in constant memory."""
