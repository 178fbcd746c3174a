"""The hackernews connector's edge: search URLs, answers, item HTML → text."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from voxpop.sources.base import BadPayload
from voxpop.sources.hackernews import parse


def config(**fields: object) -> parse.HackerNewsConfig:
    return parse.validate_config({"terms": ["nordbrew"], **fields})


def test_search_url_asks_for_the_term_newest_first_with_the_time_window():
    url = parse.search_url(config(), '"nord brew"', page=2, since=100, until=200)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hn.algolia.com", "/api/v1/search_by_date")
    assert parse_qs(parts.query) == {
        "query": ['"nord brew"'],
        "tags": ["(story,comment)"],
        "numericFilters": ["created_at_i>=100,created_at_i<=200"],
        "hitsPerPage": ["100"],
        "page": ["2"],
    }
    assert "numericFilters" not in parse.search_url(config(tags=["ask_hn"]), "x", page=0)


def test_search_answer_counts_default_sensibly():
    page = parse.read_search(b'{"hits": [{"objectID": "1"}]}', url="u")
    assert (page.nb_hits, page.nb_pages, page.page, page.reachable) == (1, 1, 0, 100)
    assert parse.read_search(b'{"hits": [], "nbHits": 5000, "nbPages": 10}', url="u").reachable == 1000


@pytest.mark.parametrize("body", [b"", b"null", b'{"hits": {}}', b"\xff\xfe"])
def test_anything_but_search_results_is_bad_payload(body):
    with pytest.raises(BadPayload):
        parse.read_search(body, url="https://hn.algolia.com/api/v1/search_by_date")


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("first<p>second<p>third", "first\n\nsecond\n\nthird"),
        ("it&#x27;s &quot;fine&quot; &amp; &lt;ok&gt;", 'it\'s "fine" & <ok>'),
        ('see <a href="https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;very&#x2F;long&#x2F;path&#x2F;indeed" '
         'rel="nofollow">https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;very&#x2F;...</a> now',
         "see https://example.com/a/very/long/path/indeed now"),
        ('<a href="https://example.com/x">my page...</a>', "my page..."),  # not a cut URL: left alone
        ("<i>Edit:</i> done", "Edit: done"),
        (None, ""),
    ],
)
def test_item_html_becomes_plain_text(markup, text):
    assert parse.item_text(markup) == text


def test_relative_links_are_made_absolute_on_hn():
    assert parse.item_links('<a href="item?id=1">that thread</a>') == ["https://news.ycombinator.com/item?id=1"]


def test_hit_over_the_record_limit_is_rejected():
    hit = {"objectID": "1", "created_at_i": 1709600000, "title": "t", "story_text": "x" * 5000, "_tags": ["story"]}
    outcome = parse.read_hit(hit, term="t", index=1, collected_at=datetime.now(UTC), max_record_bytes=2_000)
    assert outcome.reject is not None and outcome.reject.location == "https://news.ycombinator.com/item?id=1"
    assert "over the 2,000 byte record limit" in outcome.reject.reason


def test_hit_from_the_future_is_rejected():
    hit = {"objectID": "1", "created_at_i": 32503680000, "title": "t", "_tags": ["story"]}
    outcome = parse.read_hit(hit, term="t", index=1, collected_at=datetime.now(UTC), max_record_bytes=10_000)
    assert outcome.reject is not None and "absurd date" in outcome.reject.reason


def test_story_with_text_keeps_its_url_as_a_link_and_its_words_as_tags():
    hit = {"objectID": "7", "created_at_i": 1709600000, "title": "Launch HN: #oatmilk by @nordbrew",
           "url": "https://nordbrew.example", "story_text": "We make oat milk.", "_tags": ["story", "launch_hn"]}
    draft = parse.read_hit(hit, term="t", index=1, collected_at=datetime.now(UTC), max_record_bytes=10_000).draft
    assert draft is not None
    assert (draft.text, draft.title) == ("We make oat milk.", "Launch HN: #oatmilk by @nordbrew")
    assert (draft.links, draft.hashtags, draft.handles) == (("https://nordbrew.example",), ("oatmilk",), ("nordbrew",))
