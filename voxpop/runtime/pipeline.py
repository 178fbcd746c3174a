"""The stages after the store, in their order, as one call: enrich (language first: ``lang:``
queries need it), match the saved queries, roll up and watch for crises (alerts), route to teams,
index the query keys for search. Every entry point that stores mentions (import, collect, run,
process) runs them through here, so they agree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from voxpop.store import Store

#: (stage name, done, total) while a stage works through its backlog
StageProgress = Callable[[str, int, int], None]


@dataclass(slots=True)
class PipelineReport:
    enriched: Any
    matched: Any
    indexed: Any

    def as_dict(self) -> dict[str, Any]:
        return {"enriched": self.enriched.as_dict(), "matched": self.matched.as_dict(),
                "indexed": self.indexed.as_dict()}


def run_stages(store: Store, *, progress: StageProgress | None = None) -> PipelineReport:
    """Run every stage over what it has not seen yet (each resumes from its own cursor)."""
    from voxpop.alerts.stage import alerts_pending
    from voxpop.enrich.stage import enrich_pending
    from voxpop.match.search import index_pending
    from voxpop.match.stage import match_pending
    from voxpop.route.stage import route_pending

    def reporter(stage: str) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        return lambda done, total: progress(stage, done, total)

    enriched = enrich_pending(store, progress=reporter("enrich"))
    matched = match_pending(store, progress=reporter("match"))
    alerts_pending(store)  # rollups per query and minute, crisis and threshold alerts, notifications
    route_pending(store, progress=reporter("route"))  # cases for teams (docs/routing.md)
    indexed = index_pending(store, progress=reporter("index"))
    return PipelineReport(enriched, matched, indexed)
