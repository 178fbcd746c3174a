"""The query index must give exactly what evaluating every query one by one gives."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from voxpop.match.index import QueryIndex
from voxpop.query import QueryError, analyse, parse

WORDS = ["kaffe", "Café", "cafe", "brew", "nordbrew", "refund", "fire", "øl", "straße", "strasse", "e-mail"]
FIELDS = ["lang:da", "lang:en", "channel:reddit", "channel:mastodon", "site:example.com", "author:bob*",
          "sentiment:negative", "title:kaffe"]


@st.composite
def atoms(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["word", "word", "phrase", "wild", "tag", "handle", "field", "exact"]))
    word = draw(st.sampled_from(WORDS))
    if kind == "phrase":
        return '"' + " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))) + '"'
    if kind == "wild":
        return word.replace("-", "")[: draw(st.integers(1, 3))] + "*"
    if kind == "tag":
        return "#" + word.replace("-", "")
    if kind == "handle":
        return "@" + word.replace("-", "")
    if kind == "field":
        return draw(st.sampled_from(FIELDS))
    if kind == "exact":
        return "{" + word + "}"
    return word


def queries() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, st.sampled_from([" AND ", " OR ", " AND NOT "]), inner)
            .map(lambda t: f"({t[0]}{t[1]}{t[2]})"),
            st.tuples(atoms(), st.integers(0, 4), atoms()).map(lambda t: f"({t[0]} NEAR/{t[1]} {t[2]})"),
        )
    return st.recursive(atoms(), extend, max_leaves=6)


@st.composite
def mentions(draw: st.DrawFn) -> dict[str, object]:
    def words() -> str:
        parts = draw(st.lists(st.sampled_from([*WORDS, "#kaffe", "@brew", "#NordBrew", "and", "https://example.com/x"]),
                              max_size=8))
        return " ".join(parts)
    return {"title": words(), "text": words(), "lang": draw(st.sampled_from(["da", "en", None])),
            "channel": draw(st.sampled_from(["reddit", "mastodon"])), "author": draw(st.sampled_from(["bob", "ann"])),
            "url": draw(st.sampled_from(["https://www.example.com/a", "https://other.org/b"]))}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(queries(), min_size=1, max_size=12), docs=st.lists(mentions(), min_size=1, max_size=5))
def test_index_candidates_give_exactly_the_full_evaluation(texts: list[str], docs: list[dict[str, object]]) -> None:
    compiled = []
    for number, text in enumerate(texts):
        try:
            compiled.append((number, parse(text)))
        except QueryError:
            continue
    assume(compiled)
    index = QueryIndex.build(compiled)
    for doc in docs:
        document = analyse(doc)
        expected = [number for number, query in compiled if query.matches_document(document)]
        assert index.matching(document) == expected


def test_the_index_skips_queries_that_cannot_match() -> None:
    compiled = [(i, parse(f'"brand{i}" OR #brand{i}x')) for i in range(200)] + [(999, parse("lang:da"))]
    index = QueryIndex.build(compiled)
    document = analyse({"text": "today brand7 launched", "lang": "da"})
    assert index.matching(document) == [7, 999]
    assert index.proposed == 2  # two candidates out of 201 queries
    assert index.evaluated == 1  # and only lang:da needed evaluating: "brand7" is decided by its key


def test_queries_of_plain_words_are_decided_by_the_index_alone() -> None:
    compiled = [(1, parse("alpha OR (beta AND #gamma)")), (2, parse('"alpha beta"')), (3, parse("alph*"))]
    index = QueryIndex.build(compiled)
    assert index.decided == {0}
    document = analyse({"text": "beta and #Gamma, alpha"})
    assert index.matching(document) == [1, 3]
    assert index.evaluated == 2  # the phrase and the wildcard were evaluated; the first was not
