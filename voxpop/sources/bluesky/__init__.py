"""Bluesky: author feeds and search over XRPC (source.py), the Jetstream firehose (jetstream.py)."""
