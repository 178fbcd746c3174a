"""The one registry of destination kinds. Built-ins are listed exactly like plugins' entry points."""

from __future__ import annotations

import importlib
from functools import cache
from importlib.metadata import entry_points

from voxpop.notify.destinations.base import Destination, DestinationConfigError

ENTRY_POINT_GROUP = "voxpop.destinations"

#: kind → "module:attribute", imported only when the kind is used.
DEFAULT_DESTINATIONS: dict[str, str] = {
    "webhook": "voxpop.notify.destinations.webhook:WebhookDestination",
    "slack": "voxpop.notify.destinations.slack:SlackDestination",
    "email": "voxpop.notify.destinations.email:EmailDestination",
}


@cache
def available() -> dict[str, str]:
    """Every known kind: the built-ins, then third-party plugins (which may not shadow them)."""
    kinds = dict(DEFAULT_DESTINATIONS)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        kinds.setdefault(ep.name, ep.value)
    return kinds


def load(kind: str) -> type[Destination]:
    """The destination class for ``kind``; DestinationConfigError for an unknown kind."""
    target = available().get(kind)
    if target is None:
        known = ", ".join(sorted(available()))
        raise DestinationConfigError(f"unknown destination kind {kind!r}; known kinds: {known}")
    module_name, _, attr = target.partition(":")
    cls: type[Destination] = getattr(importlib.import_module(module_name), attr)
    return cls
