"""Search over history: the full-text prefilter plus the matcher must give exactly what checking
every stored mention with the matcher gives, on both databases, for hard cases of what a word is."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voxpop.match.search import (
    CANDIDATE_LIMIT,
    index_pending,
    index_token,
    lookup_token,
    mention_terms,
    search_mentions,
)
from voxpop.query import analyse, parse
from voxpop.records import MentionDraft
from voxpop.store import Store
from voxpop.store.mentions import MentionFilter, iter_mentions, upsert_mentions
from voxpop.store.sources import add_source, find_source

T0 = datetime(2026, 10, 1, tzinfo=UTC)

# The hard cases: folding (ø, ö, ß, ﬁ, İ, Σ), symbols (™), hyphens and apostrophes, URLs,
# tags and handles (also user@host), emoji, scripts without spaces, digits, long words.
PIECES = [
    "Straße", "strasse", "STRASSE", "øl", "Øl", "ölbier", "Ölbier", "Nike™", "nike", "NIKE", "e-mail", "email",
    "don't", "dont", "L'Oréal", "loreal", "l'oreal", "café", "cafe", "CAFÉ", "naïve", "ﬁnance", "finance",
    "İstanbul", "istanbul", "ΣΊΣΥΦΟΣ", "σίσυφος", "#Nike", "#nike_dk", "#øl", "@nike_dk", "@Nike",
    "@support@mastodon.social", "https://www.nike.com/dk/sko?id=1", "www.example.org/x-y", "(https://brand.dk/a).",
    "👍", "🇩🇰", "東京タワー", "333", "4", "nummer", "kristen", "betydning", "refund", "refunds", "refunded",
    "recall", "recalls", "sko", "skoene", "Fjordwing", "fjord-wing", "self-service", "a" * 300, "and", "the",
    "rock'n'roll", "O’Neil", "o'neil", "3.5", "1,000", "x-ray", "Ærø", "aero", "Ålborg", "aalborg",
]

QUERIES = [
    "nike", "Nike™", "{Nike}", "straße", "strasse", "øl", "ölbier", "olbier", "e-mail", "email", '"e mail"',
    "don't", "dont", "L'Oréal", "loreal", "cafe", "café", "{café}", "naive", "finance", "istanbul", "σίσυφος",
    "#nike", "#Nike", "#nike_dk", "#øl", "@nike_dk", "@nike", "@support", "@support@mastodon.social",
    "site:nike.com", "site:example.org", "url:brand.dk", "site:NIKE.com", "site:nike.*", "url:nike*a",
    "links:nike.com", "links:brand.dk AND refund*", "links:example.org OR site:other.org",
    "👍", "🇩🇰", "東京", "333", '"nummer 4"',
    "refund*", "refun?", "recal*", "sk*", "fjord*", "fjord-wing", "self-service", "a" * 300, "a*",
    "nike AND refund", "nike OR loreal OR cafe", "nike AND NOT refund", "channel:news AND NOT nike",
    "nike NEAR/3 refund", '"kristen betydning"', "title:nike", 'title:"kristen betydning"', "title:(cafe OR øl)",
    "lang:da", "lang:da AND nike", "(lang:da OR channel:news) AND refund*", "lang:(da OR en) AND NOT nike",
    "channel:reddit AND lang:da", "lang:da OR nike",
    "channel:reddit AND refund*", "author:bob", "author:bob* AND cafe", "(nike OR recall*) AND NOT (333 OR #øl)",
    "rock'n'roll", "rock", "o'neil", "oneil", "O’Neil", "3.5", "1,000", "1000", "x-ray", "ærø", "aero",
    "ålborg", "aalborg", "nike NEAR/2 (refund* OR recall*)", "(nike OR loreal) NEAR/5 betydning",
]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(PIECES) for _ in range(n))


def corpus(count: int, seed: int = 7) -> list[MentionDraft]:
    rng = random.Random(seed)
    drafts = []
    for i in range(count):
        title = _words(rng, rng.randint(1, 4)) if rng.random() < 0.4 else None
        drafts.append(MentionDraft(
            external_id=f"m{i}", channel=rng.choice(["mastodon", "reddit", "news"]),
            text=_words(rng, rng.randint(0, 12)),
            title=title, author=rng.choice(["bob", "bobby", "ann", "nike_dk"]),
            lang=rng.choice(["da", "en", None, "da-DK", "EN", "da_dk"]),
            url=rng.choice(["https://www.nike.com/a", "https://other.org/b", None]),
            published_at=T0 + timedelta(minutes=rng.randint(0, 5000)), collected_at=T0 + timedelta(days=9),
            raw=b"{}"))
    return drafts


def store_drafts(store: Store, drafts: list[MentionDraft]) -> None:
    with store.write() as conn:
        source = find_source(conn, name="s") or add_source(conn, name="s", kind="file", config={"path": "/x"})
        upsert_mentions(conn, source_id=source.id, drafts=drafts)


def every_match(store: Store, text: str, filters: MentionFilter = MentionFilter()) -> list[int]:
    """The reference: the matcher over every stored mention, newest first."""
    query = parse(text)
    with store.read() as conn:
        found = [m for m in iter_mentions(conn, filters=filters) if query.matches(m)]
    found.sort(key=lambda m: (m.published_at, m.id), reverse=True)
    return [m.id for m in found]


def searched(store: Store, text: str, *, limit: int = 7, filters: MentionFilter = MentionFilter()) -> list[int]:
    """Every page of the search, followed by its cursor."""
    query = parse(text)
    ids: list[int] = []
    before = None
    while True:
        page = search_mentions(store, query, filters=filters, limit=limit, before=before)
        ids.extend(m.id for m in page.mentions)
        if page.next_before is None:
            return ids
        before = page.next_before


def test_search_equals_the_matcher_for_every_query_of_the_set(store: Store) -> None:
    store_drafts(store, corpus(500))
    index_pending(store)
    strategies = set()
    for text in QUERIES:
        assert searched(store, text) == every_match(store, text), text
        strategies.add(search_mentions(store, parse(text), limit=5).strategy)
    assert strategies >= {"index", "scan"}  # both paths were exercised


def test_filters_and_a_single_page(store: Store) -> None:
    store_drafts(store, corpus(300, seed=3))
    index_pending(store)
    filters = MentionFilter(channel="reddit", since=T0 + timedelta(minutes=1000))
    for text in ["nike", "refund*", "#øl OR @nike_dk", "channel:reddit AND NOT nike"]:
        assert searched(store, text, filters=filters, limit=1000) == every_match(store, text, filters), text


def test_mentions_not_yet_indexed_and_edits_are_found(store: Store) -> None:
    drafts = corpus(200, seed=5)
    store_drafts(store, drafts)
    index_pending(store)
    # stored after the index's cursor: found without indexing
    store_drafts(store, [replace(drafts[0], external_id="new1", text="zebracorn arrives")])
    assert len(searched(store, "zebracorn")) == 1
    # an edit that brings a new word is found before the index is updated, and the old word is gone
    store_drafts(store, [replace(drafts[1], text="unicornfish edition")])
    assert len(searched(store, "unicornfish")) == 1
    index_pending(store)
    for text in ["zebracorn", "unicornfish", "nike", "refund*"]:
        assert searched(store, text) == every_match(store, text), text


@pytest.mark.parametrize("path", ["sorted", "keys"])
def test_many_candidates_sorted_by_the_database_or_scanned(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                           path: str) -> None:
    store_drafts(store, corpus(300, seed=11))
    index_pending(store)
    monkeypatch.setattr("voxpop.match.search.CANDIDATE_LIMIT", 5)
    if path == "keys":
        monkeypatch.setattr("voxpop.match.search.SORTED_LIMIT", 5)
    assert CANDIDATE_LIMIT > 5
    assert search_mentions(store, parse("nike"), limit=3).strategy == path
    # a mention stored after the index, and one edited since: found on this path too
    store_drafts(store, [replace(corpus(1, seed=99)[0], external_id="late", text="nike zebracorn")])
    for text in [*QUERIES, "nike AND zebracorn"]:  # every query through this path
        assert searched(store, text) == every_match(store, text), text


def test_exclusions_apply(store: Store) -> None:
    store_drafts(store, corpus(200, seed=13))
    index_pending(store)
    exclude = parse("author:nike_dk")
    page = search_mentions(store, parse("nike"), limit=1000, exclude=exclude)
    assert page.mentions and all(m.author != "nike_dk" for m in page.mentions)
    assert [m.id for m in page.mentions] == [i for i in every_match(store, "nike")
                                             if not exclude.matches(_by_id(store, i))]


def _by_id(store: Store, mention_id: int) -> object:
    with store.read() as conn:
        return next(m for m in iter_mentions(conn) if m.id == mention_id)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(word=st.text(min_size=1, max_size=30), cut=st.integers(1, 30))
def test_index_tokens_are_safe_and_keep_prefixes(word: str, cut: int) -> None:
    for key in analyse({"text": word}).index_keys():
        if not key:
            continue  # a lone combining mark folds to nothing: such queries scan
        token = index_token(key)
        assert token and all(c.isdigit() or "a" <= c <= "z" or c == "_" for c in token)
        prefix = key[:cut]
        assert token.startswith(index_token(prefix))
        assert token[:200] in mention_terms(None, word).split()
        assert lookup_token(prefix + "*").endswith("*")


def test_a_bulk_load_beyond_the_limit_is_reported_not_scanned(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = corpus(60, seed=17)
    store_drafts(store, drafts[:30])
    index_pending(store)
    store_drafts(store, [replace(d, external_id=f"late{i}") for i, d in enumerate(drafts[30:])])
    monkeypatch.setattr("voxpop.match.search.UNINDEXED_LIMIT", 10)
    page = search_mentions(store, parse("nike OR cafe OR refund*"), limit=1000)
    assert page.strategy == "index" and page.unindexed >= 30
    assert all(m.external_id.startswith("m") for m in page.mentions)  # only what the index holds
    index_pending(store)
    page = search_mentions(store, parse("nike OR cafe OR refund*"), limit=1000)
    assert page.unindexed == 0
    assert [m.id for m in page.mentions] == every_match(store, "nike OR cafe OR refund*")
