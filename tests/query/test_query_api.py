"""The public API: parse, validate, Query, analyse/Document and required_terms."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from voxpop.query import Document, Problem, Query, QueryError, Validation, analyse, parse, validate
from voxpop.records import Mention

NOW = datetime(2024, 5, 1, tzinfo=UTC)


def mention(**changes: object) -> Mention:
    fields: dict[str, object] = {"id": 1, "source_id": 1, "external_id": "x", "channel": "web", "text": "",
                                 "published_at": NOW, "collected_at": NOW, "updated_at": NOW, "version": 1}
    fields.update(changes)
    return Mention(**fields)  # type: ignore[arg-type]


def test_parse_returns_a_query_and_validate_a_falsy_result_when_valid() -> None:
    query = parse("apple AND juice")
    assert isinstance(query, Query)
    result = validate("apple AND juice")
    assert isinstance(result, Validation)
    assert not result and result.ok
    assert result.problems == () and result.warnings == ()


def test_validate_is_truthy_with_problems_and_never_raises() -> None:
    result = validate("apple juice")
    assert result and not result.ok
    assert isinstance(result.problems[0], Problem)
    assert validate(None).problems  # type: ignore[arg-type]


def test_query_error_lists_every_problem() -> None:
    try:
        parse("lang:xx AND re:invent")
    except QueryError as error:
        assert [p.column for p in error.problems] == [6, 13]
    else:
        raise AssertionError("expected QueryError")


def test_mention_and_dict_give_the_same_answers() -> None:
    stored = mention(title="Big News", text="Fjordwing refund #fail", author="fjord", author_name="Fjord Wing",
                     url="https://news.example.com/a", links=("https://shop.example/x",), lang="da", country="DK",
                     channel="news")
    as_dict = {name: getattr(stored, name) for name in ("title", "text", "author", "author_name", "url", "links",
                                                         "lang", "country", "channel")}
    for text in ["fjordwing AND #fail", "title:news", "author:fjord", 'author:"fjord wing"', "site:example.com",
                 "links:shop.example", "lang:da", "country:dk", "channel:news", "sentiment:neutral",
                 "refund NEAR/1 fail"]:
        query = parse(text)
        assert query.matches(stored) == query.matches(as_dict), text


def test_sentiment_is_read_when_present() -> None:
    class Enriched:
        text = "great"
        sentiment = "positive"

    assert parse("sentiment:positive").matches(Enriched())
    assert not parse("sentiment:positive").matches(mention(text="great"))


def test_missing_keys_are_unknown_or_empty() -> None:
    assert not parse("apple OR site:x.com OR lang:da OR author:x").matches({})
    assert parse("apple").matches({"text": "apple", "title": None, "links": None})


def test_a_document_is_analysed_once_for_many_queries() -> None:
    document = analyse({"title": "Apple", "text": "fresh apple juice, overheated #deal"})
    assert isinstance(document, Document)
    assert analyse(document) is document
    queries = [parse(q) for q in ["apple", "overheat*", '"apple juice"', "#deal", "pear", "overheat* NEAR/2 deal"]]
    assert [q.matches_document(document) for q in queries] == [True, True, True, True, False, True]
    assert [q.matches(document) for q in queries] == [True, True, True, True, False, True]


def test_document_index_keys() -> None:
    keys = analyse({"text": "Café #BLM @user@host.social"}).index_keys()
    assert {"cafe", "blm", "#blm", "@user@host.social", "@user", "user", "host", "social"} <= keys


def test_required_terms() -> None:
    assert parse("apple").required_terms() == [frozenset({"apple"})]
    assert parse('"apple juice" AND #fresh').required_terms() == [frozenset({"apple", "juice", "#fresh"})]
    assert sorted(map(sorted, parse("apple OR pear").required_terms() or [])) == [["apple"], ["pear"]]
    assert sorted(map(sorted, parse("x AND (apple OR pear)").required_terms() or [])) == [["apple", "x"],
                                                                                           ["pear", "x"]]
    assert parse("apple AND NOT pear").required_terms() == [frozenset({"apple"})]
    assert parse("appl*").required_terms() == [frozenset({"appl*"})]
    assert parse('"apple ju?ce"').required_terms() == [frozenset({"apple", "ju*"})]
    assert parse("apple OR site:x.com").required_terms() is None
    assert parse("site:x.com AND apple").required_terms() == [frozenset({"apple"})]
    assert parse("{Café}").required_terms() == [frozenset({"cafe"})]


_WORDS = ["apple", "pear", "juice", "#deal", "@shop", "café", "x"]
_QUERY_PIECES = st.sampled_from(["apple", "pear", "juice", "#deal", "@shop", "cafe", "appl*", '"apple juice"',
                                 "site:x.com", "lang:da"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=8), st.lists(_QUERY_PIECES, min_size=1, max_size=4),
       st.lists(st.sampled_from([" AND ", " OR ", " AND NOT ", " NEAR/2 "]), min_size=3, max_size=3),
       st.booleans())
def test_required_terms_never_exclude_a_matching_mention(words: list[str], pieces: list[str], operators: list[str],
                                                         lang: bool) -> None:
    text = pieces[0]
    for piece, operator in zip(pieces[1:], operators, strict=False):
        text += operator + piece
    result = validate(text)
    if result:
        return
    query = parse(text)
    document = analyse({"text": " ".join(words), "lang": "da" if lang else None, "url": "https://x.com"})
    required = query.required_terms()
    if query.matches_document(document) and required is not None:
        lengths = [len(k) - 1 for alternative in required for k in alternative if k.endswith("*")]
        keys = document.index_keys(lengths)
        assert any(alternative <= keys for alternative in required), (text, words)


def test_evaluating_deep_nesting_does_not_overflow() -> None:
    text, depth, level = "", 0, 0
    while depth < 100:  # alternate OR, AND and NOT levels, 100 parentheses deep
        if level % 2 and depth <= 98:
            text += f"(w{level} OR (z{level} AND NOT "
            depth += 2
        else:
            text += f"(w{level} OR "
            depth += 1
        level += 1
    text += "core" + ")" * depth
    assert not validate(text), validate(text).problems[:1]
    query = parse(text)
    words = " ".join(f"w{n} z{n}" for n in range(level)) + " core"
    for mention_text in ["core", words, "w0"]:
        assert isinstance(query.matches({"text": mention_text}), bool)
        assert isinstance(query.highlights({"text": mention_text}), dict)
    assert query.matches({"text": "w0"})
    query.required_terms()
    assert query.describe().startswith("(w0 OR w1 OR (z1 AND NOT (w2 OR w3")  # nested ORs flattened
    deep_and = parse("(" * 99 + "core" + " AND x)" * 99)
    assert deep_and.matches({"text": "core x"})
    assert not deep_and.matches({"text": "core"})
