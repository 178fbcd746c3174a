"""Routing rules: a saved query and/or conditions on a mention's channel, language, sentiment, spam
flag, source and follower count send matching mentions to one or more teams, with a priority and
tags. Several rules may send one mention to one team: the case gets the highest priority and every
rule's tags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from voxpop.records import Mention
from voxpop.store.routing import PRIORITIES, RuleRow

SENTIMENTS = ("positive", "neutral", "negative")


class RuleInvalid(ValueError):
    """A rule that cannot be saved as given."""


@dataclass(frozen=True, slots=True)
class Conditions:
    """Every given condition must hold; a list condition holds when the mention's value is in it."""

    channels: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    sentiments: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    spam: bool | None = None
    min_followers: int | None = None
    max_followers: int | None = None

    def __post_init__(self) -> None:
        bad = [s for s in self.sentiments if s not in SENTIMENTS]
        if bad:
            raise RuleInvalid(f"unknown sentiment {bad[0]!r}: use {', '.join(SENTIMENTS)}")
        if (self.min_followers is not None and self.max_followers is not None
                and self.min_followers > self.max_followers):
            raise RuleInvalid("min_followers is above max_followers")

    def is_empty(self) -> bool:
        return self == Conditions()

    def holds(self, mention: Mention) -> bool:
        if self.channels and mention.channel not in self.channels:
            return False
        if self.langs and (mention.lang or "") not in self.langs:
            return False
        if self.sentiments and (mention.sentiment or "") not in self.sentiments:
            return False
        if self.sources and (mention.source_name or "") not in self.sources:
            return False
        if self.spam is not None and bool(mention.spam) != self.spam:
            return False
        followers = mention.author_followers
        if self.min_followers is not None and (followers is None or followers < self.min_followers):
            return False
        return not (self.max_followers is not None and followers is not None and followers > self.max_followers)

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {}
        for name in ("channels", "langs", "sentiments", "sources"):
            if getattr(self, name):
                document[name] = list(getattr(self, name))
        for name in ("spam", "min_followers", "max_followers"):
            if getattr(self, name) is not None:
                document[name] = getattr(self, name)
        return document

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> Conditions:
        def texts(name: str) -> tuple[str, ...]:
            return tuple(str(v) for v in document.get(name, ()))

        def number(name: str) -> int | None:
            value = document.get(name)
            return int(value) if value is not None else None

        spam = document.get("spam")
        return cls(texts("channels"), texts("langs"), texts("sentiments"), texts("sources"),
                   bool(spam) if spam is not None else None, number("min_followers"), number("max_followers"))

    def describe(self) -> str:
        parts = [f"{name}={','.join(getattr(self, name))}" for name in ("channels", "langs", "sentiments", "sources")
                 if getattr(self, name)]
        if self.spam is not None:
            parts.append("spam" if self.spam else "not spam")
        if self.min_followers is not None:
            parts.append(f"followers≥{self.min_followers}")
        if self.max_followers is not None:
            parts.append(f"followers≤{self.max_followers}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Rule:
    id: int
    name: str
    query_id: int | None
    conditions: Conditions
    team_ids: tuple[int, ...]
    priority: str = "normal"
    tags: tuple[str, ...] = ()

    @classmethod
    def from_row(cls, row: RuleRow) -> Rule:
        return cls(row.id, row.name, row.query_id, Conditions.from_json(row.conditions), tuple(row.team_ids),
                   row.priority, tuple(row.tags))

    def matches(self, mention: Mention, matched_queries: set[int]) -> bool:
        if self.query_id is not None and self.query_id not in matched_queries:
            return False
        return self.conditions.holds(mention)


@dataclass(slots=True)
class Route:
    """Where one mention goes: a team, with the priority, tags and reasons for it."""

    team_id: int
    priority: str = "normal"
    tags: list[str] = field(default_factory=list)
    origin: str = "rule"  # rule | intent
    rules: list[str] = field(default_factory=list)
    intent: str | None = None
    cues: list[str] = field(default_factory=list)

    def reason(self) -> dict[str, Any]:
        if self.origin == "rule":
            return {"rules": self.rules}
        return {"intent": self.intent, "cues": self.cues}


def higher(a: str, b: str) -> str:
    return a if PRIORITIES.index(a) >= PRIORITIES.index(b) else b


def check_priority(priority: str) -> str:
    cleaned = priority.strip().lower()
    if cleaned not in PRIORITIES:
        raise RuleInvalid(f"unknown priority {priority!r}: use {', '.join(PRIORITIES)}")
    return cleaned


def routes_by_rules(rules: Sequence[Rule], mention: Mention, matched_queries: set[int]) -> list[Route]:
    """The teams the rules send a mention to (one Route per team), in team-id order."""
    found: dict[int, Route] = {}
    for rule in rules:
        if not rule.matches(mention, matched_queries):
            continue
        for team_id in rule.team_ids:
            route = found.get(team_id)
            if route is None:
                found[team_id] = Route(team_id, rule.priority, list(rule.tags), "rule", [rule.name])
            else:
                route.priority = higher(route.priority, rule.priority)
                route.tags = list(dict.fromkeys([*route.tags, *rule.tags]))
                route.rules.append(rule.name)
    return [found[t] for t in sorted(found)]


def compile_rules(rows: Iterable[RuleRow]) -> list[Rule]:
    return [Rule.from_row(row) for row in rows if row.enabled and row.team_ids]
