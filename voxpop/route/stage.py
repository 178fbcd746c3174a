"""The routing stage: after enrichment and matching, every new mention goes through the routing rules;
one no rule caught (and not spam) is given to the intent classifier, whose intent goes to the teams
that take it. Each route becomes a case (or joins its duplicate cluster's open case). The cases, their
history and the stage's cursor are written in one transaction per chunk, so an interrupted run
resumes without gaps or doubles; then overdue cases are flagged as breaches.

The stage never runs ahead of enrichment or matching: it stops at the lower of their cursors, because
rules read the sentiment, spam flag and cluster they write, and the queries they matched.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from voxpop.records import Mention
from voxpop.route.cases import check_breaches, open_case
from voxpop.route.intent import IntentModel
from voxpop.route.rules import Route, compile_rules, routes_by_rules
from voxpop.store import Store
from voxpop.store.mentions import iter_mentions_by_id
from voxpop.store.queries import get_cursor, set_cursor
from voxpop.store.routing import (
    TeamRow,
    intent_correction_state,
    list_intent_corrections,
    list_rules,
    list_team_rows,
    matched_queries,
    routed_pairs,
)

STAGE = "route"
#: The stages whose results routing reads; it never passes either of them.
AFTER = ("enrich", "match")
CHUNK = 1_000

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class RouteReport:
    mentions: int = 0
    cases_opened: int = 0
    joined_cluster: int = 0
    by_rule: int = 0
    by_intent: int = 0
    intents: Counter[str] = field(default_factory=Counter)
    breaches: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"mentions": self.mentions, "cases_opened": self.cases_opened, "joined_cluster": self.joined_cluster,
                "by_rule": self.by_rule, "by_intent": self.by_intent, "intents": dict(self.intents),
                "breaches": self.breaches}


_models: weakref.WeakKeyDictionary[Store, tuple[Any, IntentModel]] = weakref.WeakKeyDictionary()


def intent_model_for(store: Store) -> IntentModel:
    """The store's intent model, rebuilt when the workspace's intent corrections changed."""
    with store.read() as conn:
        state = intent_correction_state(conn)
        cached = _models.get(store)
        if cached is not None and cached[0] == state:
            return cached[1]
        corrections = list_intent_corrections(conn)
    model = IntentModel(corrections=corrections)
    _models[store] = (state, model)
    return model


def routes_for(
    mention: Mention, *, rules: list[Any], matched: set[int], teams_by_intent: dict[str, list[TeamRow]],
    model: IntentModel,
) -> list[Route]:
    """Where a mention goes: the rules' teams; if no rule caught it and it is not spam, the teams
    that take the intent the classifier proposes; possibly nowhere."""
    routes = routes_by_rules(rules, mention, matched)
    if routes or mention.spam or not teams_by_intent:
        return routes
    text = f"{mention.title}\n{mention.text}" if mention.title else mention.text
    result = model.classify(text, mention.lang)
    return [Route(team.id, "normal", [], "intent", [], result.label, result.reasons)
            for team in teams_by_intent.get(result.label, [])]


def route_pending(store: Store, *, progress: Progress | None = None, now: datetime | None = None) -> RouteReport:
    """Route every mention enriched and matched since the last run; then flag overdue cases.
    ``now`` fixes the clock (tests, replays); cases open at the time they are routed."""
    report = RouteReport()
    with store.read() as conn:
        start = get_cursor(conn, stage=STAGE)
        end = min(get_cursor(conn, stage=stage) for stage in AFTER)
        rules = compile_rules(list_rules(conn, enabled_only=True))
        teams = {t.id: t for t in list_team_rows(conn)}
    teams_by_intent: dict[str, list[TeamRow]] = {}
    for team in teams.values():
        for intent in team.intents:
            teams_by_intent.setdefault(intent, []).append(team)
    model = intent_model_for(store)
    position = start
    while position < end:
        with store.write() as conn:
            chunk = list(iter_mentions_by_id(conn, after=position, until=end, limit=CHUNK))
            if not chunk:
                break
            ids = [m.id for m in chunk]
            matched = matched_queries(conn, mention_ids=ids)
            done = routed_pairs(conn, mention_ids=ids)
            for mention in chunk:
                for route in routes_for(mention, rules=rules, matched=matched.get(mention.id, set()),
                                        teams_by_intent=teams_by_intent, model=model):
                    if (mention.id, route.team_id) in done:
                        continue
                    opened = open_case(conn, mention=mention, route=route, team=teams[route.team_id], now=now)
                    report.joined_cluster += opened.joined
                    report.cases_opened += not opened.joined
                    if route.origin == "rule":
                        report.by_rule += 1
                    else:
                        report.by_intent += 1
                        report.intents[route.intent or "none"] += 1
            position = chunk[-1].id
            set_cursor(conn, stage=STAGE, position=position)
        report.mentions += len(chunk)
        if progress:
            progress(position - start, end - start)
    with store.write() as conn:
        report.breaches = len(check_breaches(conn, now=now))
    return report
