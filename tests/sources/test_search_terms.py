"""Search terms derived from saved queries: every post a query could match is returned by one of
the planned searches (checked against the query matcher itself), and the plan is small."""

from __future__ import annotations

import itertools

import pytest

from voxpop.query import parse
from voxpop.sources.search_terms import (
    BLUESKY,
    HACKERNEWS,
    MASTODON,
    REDDIT,
    SearchSyntax,
    plan_for_store,
    plan_searches,
    search_key,
)
from voxpop.store import Store
from voxpop.store.queries import add_query, update_query

QUERIES = [
    (1, 'nordbrew OR "nord brew"'),
    (2, '(acme OR "acme corp") AND (fire OR battery OR overheat*)'),
    (3, "lang:sv"),
    (4, "#lumora AND recal*"),
    (5, "recal*"),
    (6, "@nordbrew OR nordbrew"),
    (7, "nordbrew AND NOT site:nordbrew.example"),
]


def searched(text: str, syntax: SearchSyntax) -> list[list[str]]:
    """The word groups a search asks for: one group per OR branch, all words of a group required."""
    branches = text.split(" OR ") if syntax.or_operator else [text]
    return [branch.strip("()").split() for branch in branches]


def found_by(post: str, text: str, syntax: SearchSyntax) -> bool:
    """Whether an API that searches as ``syntax`` says would return ``post`` for ``text``: every
    word of a group is in the post's words (a ``#tag`` or ``@handle`` only as that token)."""
    words = set(post.lower().replace(",", " ").split())
    bare = {w.lstrip("#@") for w in words}
    for group in searched(text, syntax):
        if all((w in words) if w[0] in "#@" else (w in bare) for w in group):
            return True
    return False


POSTS = [
    "Nordbrew is great", "the nord brew kit", "ACME corp battery fire", "acme overheating again", "acme fire",
    "#lumora recall notice", "lumora recalled", "@nordbrew hello", "nothing here", "fire at acme, battery too",
    "a nordbrew post on nordbrew.example",
]


@pytest.mark.parametrize("syntax", [HACKERNEWS, REDDIT, MASTODON, BLUESKY], ids=lambda s: s.name)
def test_every_post_a_searchable_query_matches_is_found_by_a_search(syntax: SearchSyntax) -> None:
    plan = plan_searches(QUERIES, syntax)
    unsearchable = {u.query_id for u in plan.unsearchable}
    assert unsearchable == {3, 5}
    for query_id, text in QUERIES:
        if query_id in unsearchable:
            continue
        query = parse(text)
        for post in POSTS:
            if query.matches({"text": post}):
                serving = [s.text for s in plan.searches if query_id in s.query_ids]
                assert any(found_by(post, s, syntax) for s in serving), (text, post, serving)


def test_the_plan_is_the_fewest_anchor_words() -> None:
    plan = plan_searches(QUERIES, HACKERNEWS)
    # nordbrew serves queries 1, 6 and 7 at once; "nord brew" needs its own search; acme and lumora one each.
    assert sorted(plan.terms) == ["acme", "brew nord", "lumora", "nordbrew"]
    assert next(s for s in plan.searches if s.text == "nordbrew").query_ids == (1, 6, 7)


def test_an_and_api_searches_the_shared_words_too_and_others_one_word() -> None:
    queries = [(1, 'nordbrew AND "cold brew"')]
    assert plan_searches(queries, HACKERNEWS).terms == ["nordbrew brew cold"]
    assert plan_searches(queries, MASTODON).terms == ["nordbrew"]


def test_reddit_packs_searches_with_or_up_to_its_length_limit() -> None:
    assert plan_searches(QUERIES, REDDIT).terms == ["nordbrew OR lumora OR acme OR (brew nord)"]
    many = [(i, f"brandname{i:03d} AND product{i:03d}") for i in range(40)]
    plan = plan_searches(many, REDDIT)
    assert all(len(t) <= 512 for t in plan.terms) and len(plan.terms) > 1
    assert sorted(itertools.chain.from_iterable(s.query_ids for s in plan.searches)) == list(range(40))


def test_tags_and_handles_as_each_api_searches_them() -> None:
    assert search_key("#lumora", HACKERNEWS) == "lumora" and search_key("#lumora", BLUESKY) == "#lumora"
    assert search_key("@nordbrew@mastodon.social", REDDIT) == "nordbrew"
    assert search_key("@nordbrew.bsky.social", BLUESKY) == "@nordbrew.bsky.social"
    assert search_key("recal*", BLUESKY) is None


def test_operator_words_are_quoted_and_the_limit_is_kept() -> None:
    assert plan_searches([(1, '"or else"')], HACKERNEWS).terms == ['else "or"']
    plan = plan_searches([(i, f"word{i}") for i in range(60)], HACKERNEWS, limit=50)
    assert len(plan.terms) == 50 and len(plan.unsearchable) == 10
    assert "more than 50 searches" in plan.unsearchable[0].reason


def test_unparseable_queries_are_reported_not_raised() -> None:
    plan = plan_searches([(1, "nordbrew AND ("), (2, "fika")], HACKERNEWS)
    assert plan.terms == ["fika"] and plan.unsearchable[0].query_id == 1


def test_the_plan_follows_the_enabled_saved_queries(store: Store) -> None:
    with store.write() as conn:
        add_query(conn, name="brand", text="nordbrew")
        add_query(conn, name="kit", text='"cold brew" AND kit')
    assert sorted(plan_for_store(store, HACKERNEWS).terms) == ["brew cold kit", "nordbrew"]
    with store.write() as conn:
        update_query(conn, name="kit", enabled=False)
    assert plan_for_store(store, HACKERNEWS).terms == ["nordbrew"]
