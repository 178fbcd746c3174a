"""The searches a search API must run so that, together, they return every post the workspace's saved
queries could match: search terms derived from the queries instead of a second list to maintain.

A query's ``required_terms`` are alternative key sets: a post can match only if it has every key of
one set. A search for any one key of a set returns every post that has the whole set, so the fewest
searches are the fewest keys that hit every set (a greedy hitting set: the key shared by most sets
first, the longer key on a tie as the rarer one). Where an API requires all the words of a search
(an implicit AND), a chosen key is searched together with the keys that every set it serves shares,
which asks for fewer posts and still misses none; where it has an ``OR`` operator, several searches
are packed into one request. Searches are candidates only: the match stage (and, before storing,
the prefilter of voxpop.match.prefilter) still decides what matches.

What each API can search (voxpop's keys are folded: lower case, accents removed, so a search for
``cafe`` relies on the API folding ``café`` too, which all four do for Latin scripts):

* ``hackernews`` (HN Search by Algolia): plain words, all required; ``#`` and ``@`` are not part of
  a word there, so ``#tag`` and ``@user`` are searched as the word. No OR.
* ``reddit`` (reddit search): words, all required; ``OR`` between parenthesised groups; at most 512
  characters. Reddit search finds posts (titles and text), not comments.
* ``mastodon`` (``/api/v2/search?type=statuses``): one word per search (whether several words are
  all required depends on the server's version, so a search is one key; ``#tag`` as the word, which
  the tagged post's text contains); it finds only posts of accounts that opted in to search, and
  needs a token.
* ``bluesky`` (``app.bsky.feed.searchPosts``): words, all required; ``#tag`` and ``@handle`` too.

A wildcard key (``recal*``) cannot be searched by any of them: it is left out of its set (the search
gets broader, never narrower); a set that only had wildcards, and a query with no required words at
all (``lang:sv``, a ``NOT`` alone, ``author:`` only), cannot be searched: the plan lists it in
``unsearchable`` with the reason, and only non-search sources (feeds, streams) can find its posts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from voxpop.query import QueryError, parse

#: The value of a search connector's ``terms`` option that means "derive them from the saved queries".
FROM_QUERIES = "from_queries"


def split_terms_option(value: Any) -> Any:
    """A connector's ``terms`` option as the command line gives it (``--set terms=a,"b c"`` or
    ``from_queries``): a comma-separated text becomes a list; anything else is left as it is."""
    if isinstance(value, str):
        if value.strip() == FROM_QUERIES:
            return FROM_QUERIES
        return [part for part in value.split(",") if part.strip()]
    return value


def check_terms(value: list[str] | str | None, *, max_length: int) -> list[str] | str | None:
    """1 to 50 distinct search terms (white space collapsed), each at most ``max_length``
    characters, or ``from_queries``; raises ValueError with what to fix."""
    if value is None or isinstance(value, str):
        return value
    terms = list(dict.fromkeys(" ".join(t.split()) for t in value))
    if not terms or len(terms) > 50:
        raise ValueError(f"give 1 to 50 terms, or {FROM_QUERIES} (the saved queries' searches)")
    if any(not t or len(t) > max_length for t in terms):
        raise ValueError(f"a term is empty or longer than {max_length} characters")
    return terms


@dataclass(frozen=True, slots=True)
class SearchSyntax:
    """What one search API understands."""

    name: str
    #: All the words of one search are required (an implicit AND).
    all_words: bool
    #: ``#tag`` is searched as a tag; else as the bare word.
    hashtags: bool = False
    #: ``@handle`` is searched as written; else as the bare handle (its first part).
    handles: bool = False
    #: An ``OR`` between parenthesised groups is understood.
    or_operator: bool = False
    #: The longest search the API accepts, in characters.
    max_length: int = 200


HACKERNEWS = SearchSyntax("hackernews", all_words=True, max_length=200)
REDDIT = SearchSyntax("reddit", all_words=True, or_operator=True, max_length=512)
MASTODON = SearchSyntax("mastodon", all_words=False, max_length=200)
BLUESKY = SearchSyntax("bluesky", all_words=True, hashtags=True, handles=True, max_length=300)
SYNTAXES = {s.name: s for s in (HACKERNEWS, REDDIT, MASTODON, BLUESKY)}


@dataclass(frozen=True, slots=True)
class Search:
    """One search to run: its text as the API takes it, and the saved queries it serves."""

    text: str
    query_ids: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Unsearchable:
    query_id: Any
    reason: str


@dataclass(frozen=True, slots=True)
class SearchPlan:
    searches: tuple[Search, ...] = ()
    unsearchable: tuple[Unsearchable, ...] = ()

    @property
    def terms(self) -> list[str]:
        return [s.text for s in self.searches]


@dataclass(slots=True)
class _Set:
    keys: frozenset[str]
    query_ids: set[Any] = field(default_factory=set)


def search_key(key: str, syntax: SearchSyntax) -> str | None:
    """An index key (``Document.index_keys``) as this API searches it; None when it cannot be."""
    if key.endswith("*"):
        return None  # a wildcard prefix: no API here searches by prefix on request
    if key.startswith("#"):
        return key if syntax.hashtags else key[1:] or None
    if key.startswith("@"):
        if syntax.handles:
            return key
        return key[1:].split("@", 1)[0] or None
    return key


def plan_searches(queries: Iterable[tuple[Any, str]], syntax: SearchSyntax, *, limit: int = 50) -> SearchPlan:
    """The fewest searches of ``syntax`` that together return every post one of ``queries``
    ((id, text) pairs) could match; at most ``limit`` searches (the rest: unsearchable, reason given)."""
    sets: list[_Set] = []
    unsearchable: list[Unsearchable] = []
    for query_id, text in queries:
        try:
            alternatives = parse(text).required_terms()
        except QueryError as exc:
            unsearchable.append(Unsearchable(query_id, f"the query does not parse: {exc}"))
            continue
        if alternatives is None:
            unsearchable.append(Unsearchable(query_id, "no word is required by every match (a field, a NOT or a "
                                                       "wildcard decides), so no search can find all its posts"))
            continue
        usable: list[frozenset[str]] = []
        for alternative in alternatives:
            keys = frozenset(k for k in (search_key(key, syntax) for key in alternative) if k)
            if not keys:
                usable = []
                break
            usable.append(keys)
        if not usable:
            unsearchable.append(Unsearchable(query_id, f"one of its alternatives needs only wildcard words, which "
                                                       f"the {syntax.name} search cannot look for"))
            continue
        for keys in usable:
            found = next((s for s in sets if s.keys == keys), None)
            if found is None:
                found = _Set(keys)
                sets.append(found)
            found.query_ids.add(query_id)
    searches = _cover(_absorbed(sets), syntax)
    if syntax.or_operator:
        searches = _packed(searches, syntax.max_length)
    if len(searches) > limit:
        for dropped in searches[limit:]:
            unsearchable.extend(Unsearchable(q, f"more than {limit} searches are needed; {dropped.text!r} is left out")
                                for q in dropped.query_ids)
        searches = searches[:limit]
    return SearchPlan(tuple(searches), tuple(unsearchable))


def _absorbed(sets: list[_Set]) -> list[_Set]:
    """Sets without those that contain another set (its search already returns their posts); the
    queries of a dropped set are served by the smaller one."""
    ordered = sorted(sets, key=lambda s: (len(s.keys), sorted(s.keys)))
    kept: list[_Set] = []
    for candidate in ordered:
        smaller = next((k for k in kept if k.keys <= candidate.keys), None)
        if smaller is None:
            kept.append(_Set(candidate.keys, set(candidate.query_ids)))
        else:
            smaller.query_ids |= candidate.query_ids
    return kept


def _cover(sets: list[_Set], syntax: SearchSyntax) -> list[Search]:
    """Greedy hitting set: the key in most of the uncovered sets (longer, then alphabetical, on a tie)."""
    left = list(sets)
    searches: list[Search] = []
    while left:
        counts: dict[str, int] = {}
        for s in left:
            for key in s.keys:
                counts[key] = counts.get(key, 0) + 1
        anchor = min(counts, key=lambda k: (-counts[k], -len(k), k))
        served = [s for s in left if anchor in s.keys]
        left = [s for s in left if anchor not in s.keys]
        words = [anchor]
        if syntax.all_words:
            shared = frozenset.intersection(*(s.keys for s in served)) - {anchor}
            words += sorted(shared)
        text = _fit(words, syntax.max_length)
        ids = sorted({q for s in served for q in s.query_ids}, key=str)
        searches.append(Search(text, tuple(ids)))
    return _merged(searches)


def _fit(words: list[str], max_length: int) -> str:
    """The words as one search, leaving out words past ``max_length`` (fewer words: a broader search)."""
    text = _quoted(words[0])
    for word in words[1:]:
        if len(text) + 1 + len(_quoted(word)) > max_length:
            break
        text += " " + _quoted(word)
    return text[:max_length]


def _quoted(word: str) -> str:
    # A key that an API would read as an operator (and, or, not) is searched as a phrase of one word.
    return f'"{word}"' if word.upper() in ("AND", "OR", "NOT") else word


def _merged(searches: list[Search]) -> list[Search]:
    """Searches with the same text made one."""
    by_text: dict[str, set[Any]] = {}
    for search in searches:
        by_text.setdefault(search.text, set()).update(search.query_ids)
    return [Search(text, tuple(sorted(ids, key=str))) for text, ids in by_text.items()]


def _packed(searches: list[Search], max_length: int) -> list[Search]:
    """Several searches as one ``a OR (b c)``, as long as it fits in ``max_length``."""
    groups: list[list[Search]] = []
    for search in searches:
        if groups and len(_or([*groups[-1], search])) <= max_length:
            groups[-1].append(search)
        else:
            groups.append([search])
    return [Search(_or(group), tuple(sorted({q for s in group for q in s.query_ids}, key=str))) for group in groups]


def _or(group: list[Search]) -> str:
    if len(group) == 1:
        return group[0].text
    return " OR ".join(f"({s.text})" if " " in s.text else s.text for s in group)


def saved_queries(store: Any) -> list[tuple[Any, str]]:
    """(id, text) of the workspace's enabled saved queries."""
    from voxpop.store.queries import list_queries

    with store.read() as conn:
        return [(row.id, row.text) for row in list_queries(conn, enabled_only=True)]


def plan_for_store(store: Any, syntax: SearchSyntax, *, limit: int = 50) -> SearchPlan:
    """The searches that serve every enabled saved query of the workspace in ``store``."""
    return plan_searches(saved_queries(store), syntax, limit=limit)
