"""The prefilter never drops what the match stage would accept, drops what nothing can match,
and follows the saved queries as they change."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voxpop.match.prefilter import Prefilter, QueryWatcher, SavedQueries, compile_saved, load_saved, sampled
from voxpop.query import analyse, parse, validate
from voxpop.store.queries import add_query, set_exclusions, update_query

WORDS = ["acme", "kettle", "juice", "recall", "brew", "nord", "tea", "cold"]
ATOMS = [*WORDS, "#acme", "@nordbrew", '"acme kettle"', "recal*", "lang:da", "lang:en", "lang:(da OR sv)",
         "sentiment:negative", "sentiment:positive", "country:dk", "channel:bluesky", "channel:rss",
         "site:bsky.app", "links:example.com", "author:nord*", "acme NEAR/2 kettle", "title:juice"]
LANGS = [None, "da", "en", "sv"]
SENTIMENTS = [None, "positive", "neutral", "negative"]
COUNTRIES = [None, "dk", "se"]


@st.composite
def queries(draw: st.DrawFn, depth: int = 0) -> str:
    if depth >= 3 or draw(st.booleans()):
        return draw(st.sampled_from(ATOMS))
    kind = draw(st.sampled_from(["AND", "OR", "NOT"]))
    if kind == "NOT":
        return f"NOT ({draw(queries(depth + 1))})"
    parts = draw(st.lists(queries(depth + 1), min_size=2, max_size=3))
    return "(" + f" {kind} ".join(parts) + ")"


@st.composite
def posts(draw: st.DrawFn) -> dict[str, object]:
    words = draw(st.lists(st.sampled_from([*WORDS, "#acme", "@nordbrew", "recalled", "the"]), max_size=8))
    return {
        "text": " ".join(words),
        "title": draw(st.sampled_from([None, "juice"])),
        "author": draw(st.sampled_from(["nordbrew.bsky.social", "someone.example"])),
        "url": "https://bsky.app/profile/x/post/1",
        "links": draw(st.sampled_from([(), ("https://example.com/a",)])),
        "channel": "bluesky",
        "lang": draw(st.sampled_from(LANGS)),
        "country": draw(st.sampled_from(COUNTRIES)),
    }


def usable(text: str) -> bool:
    return validate(text).ok


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(queries(), min_size=1, max_size=4), posts(), st.sampled_from(LANGS[1:]),
       st.sampled_from(SENTIMENTS[1:]), st.sampled_from(COUNTRIES[1:]), st.one_of(st.none(), queries()))
def test_a_post_some_query_matches_once_enriched_is_always_kept(
    texts: list[str], post: dict[str, object], lang: str, sentiment: str, country: str, exclusion: str | None
) -> None:
    prefilter = compile_saved(SavedQueries(tuple(enumerate(texts)), (exclusion,) if exclusion else ()))
    # what the match stage sees later: the unknown fields filled in with any concrete value
    enriched = {**post, "sentiment": sentiment, "lang": post["lang"] or lang, "country": post["country"] or country}
    full = analyse(enriched)
    excluded = exclusion is not None and usable(exclusion) and parse(exclusion).matches_document(full)
    accepted = not excluded and any(usable(text) and parse(text).matches_document(full) for text in texts)
    if accepted:
        assert prefilter.could_match(analyse(post)), (texts, post, enriched)


def test_unknown_language_is_maybe_but_a_known_one_decides() -> None:
    prefilter = compile_saved(SavedQueries(((1, "acme AND lang:da"),)))
    assert prefilter.could_match(analyse({"text": "acme kettle"}))
    assert prefilter.could_match(analyse({"text": "acme kettle", "lang": "da"}))
    assert not prefilter.could_match(analyse({"text": "acme kettle", "lang": "en"}))
    assert not prefilter.could_match(analyse({"text": "kettle", "lang": "da"}))


def test_not_of_an_unknown_field_is_maybe() -> None:
    prefilter = compile_saved(SavedQueries(((1, "acme AND NOT sentiment:negative"),)))
    assert prefilter.could_match(analyse({"text": "acme", "sentiment": "negative"}))  # sentiment is never known yet
    assert not prefilter.could_match(analyse({"text": "kettle"}))


def test_posts_nothing_could_match_are_dropped_and_counted() -> None:
    prefilter = compile_saved(SavedQueries(((1, "#acme OR \"nord brew\""), (2, "recal* AND juice"))))
    kept = [prefilter.keep(analyse({"text": t})) for t in
            ["love #acme", "nord brew is back", "juice recalled", "juice", "cat pictures", "brew nord"]]
    assert kept == [True, True, True, False, False, False]
    assert (prefilter.kept, prefilter.dropped) == (3, 3)


def test_an_exclusion_that_holds_whatever_comes_later_drops_the_post() -> None:
    saved = SavedQueries(((1, "acme"),), ("author:spam*", "lang:de"))
    prefilter = compile_saved(saved)
    assert not prefilter.could_match(analyse({"text": "acme", "author": "spammer"}))
    assert prefilter.could_match(analyse({"text": "acme", "author": "fan"}))  # lang unknown: maybe not German
    assert not prefilter.could_match(analyse({"text": "acme", "author": "fan", "lang": "de"}))


def test_no_queries_keep_only_the_sample_and_the_sample_is_deterministic() -> None:
    none = Prefilter.build([])
    assert not none.keep(analyse({"text": "anything"}), key="at://a")
    sampler = compile_saved(SavedQueries(()), sample_rate=0.25)
    keys = [f"at://did:plc:x/app.bsky.feed.post/{i}" for i in range(4000)]
    chosen = [k for k in keys if sampler.keep(analyse({"text": "x"}), key=k)]
    assert 850 < len(chosen) < 1150
    assert chosen == [k for k in keys if sampled(k, 0.25)]


def test_the_watcher_follows_the_saved_queries_in_the_store(store) -> None:
    now = [0.0]
    watcher = QueryWatcher(lambda: load_saved(store), check_s=5.0, clock=lambda: now[0])
    doc_acme, doc_tea = analyse({"text": "acme kettle"}), analyse({"text": "green tea"})
    assert not watcher.current().could_match(doc_acme)
    with store.write() as conn:
        add_query(conn, name="acme", text="acme")
    assert not watcher.current().could_match(doc_acme)  # looked at less than 5 s ago
    now[0] = 6.0
    assert watcher.current().could_match(doc_acme)
    with store.write() as conn:
        update_query(conn, name="acme", text="tea")
    now[0] = 12.0
    assert watcher.current().could_match(doc_tea) and not watcher.current().could_match(doc_acme)
    with store.write() as conn:
        update_query(conn, name="acme", enabled=False)
        set_exclusions(conn, expressions=["green"])
    assert not watcher.refresh().could_match(doc_tea)
    rebuilds = watcher.rebuilds
    now[0] = 30.0
    watcher.current()
    assert watcher.rebuilds == rebuilds  # nothing changed: not rebuilt


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(queries(), min_size=1, max_size=6), st.lists(posts(), min_size=1, max_size=4))
def test_the_keys_only_check_never_drops_what_the_full_check_keeps(texts: list[str],
                                                                   docs: list[dict[str, object]]) -> None:
    prefilter = compile_saved(SavedQueries(tuple(enumerate(t for t in texts if usable(t)))))
    for doc in docs:
        if prefilter.could_match(analyse(doc)):
            assert not prefilter.nothing_could_match(doc["title"], doc["text"])  # type: ignore[arg-type]
