"""The one registry of connectors. Built-ins are listed exactly like plugins' entry points."""

from __future__ import annotations

import importlib
from functools import cache
from importlib.metadata import entry_points
from typing import Any

from voxpop.sources.base import SourceConfigError

ENTRY_POINT_GROUP = "voxpop.sources"

#: kind → "module:attribute", imported only when the kind is used.
DEFAULT_SOURCES: dict[str, str] = {
    "file": "voxpop.sources.file.source:FileSource",
    "rss": "voxpop.sources.rss.source:RssSource",
    "web": "voxpop.sources.web.source:WebSource",
    "mastodon": "voxpop.sources.mastodon.source:MastodonSource",
    "hackernews": "voxpop.sources.hackernews.source:HackerNewsSource",
    "bluesky": "voxpop.sources.bluesky.source:BlueskySource",
    "jetstream": "voxpop.sources.bluesky.jetstream:JetstreamSource",
    "reddit": "voxpop.sources.reddit.source:RedditSource",
    "mastodon_stream": "voxpop.sources.mastodon.stream:MastodonStreamSource",
    "webhook": "voxpop.sources.webhook.source:WebhookSource",
}


@cache
def available() -> dict[str, str]:
    """Every known kind: the built-ins, then third-party plugins (which may not shadow them)."""
    kinds = dict(DEFAULT_SOURCES)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        kinds.setdefault(ep.name, ep.value)
    return kinds


def load(kind: str) -> Any:
    """The connector class for ``kind``; SourceConfigError for an unknown kind."""
    target = available().get(kind)
    if target is None:
        known = ", ".join(sorted(available()))
        raise SourceConfigError(f"unknown source kind {kind!r}; known kinds: {known}")
    module_name, _, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)
