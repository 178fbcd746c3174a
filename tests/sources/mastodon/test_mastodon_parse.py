"""The mastodon connector's edge: its config, Link headers, ids, status HTML → text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from voxpop.sources.base import SourceConfigError
from voxpop.sources.mastodon import parse
from voxpop.sources.mastodon.source import MastodonSource
from voxpop.store.sources import mask_secrets


def test_valid_config_is_cleaned_with_defaults():
    assert MastodonSource.validate_config({"instance": " mastodon.social ", "hashtag": "#NordBrew"}) == {
        "instance": "https://mastodon.social",
        "hashtag": "NordBrew",
        "timeline": None,
        "account": None,
        "terms": None,
        "token": None,
        "max_pages": 5,
        "lookback_s": 300,
    }
    assert MastodonSource.validate_config({"instance": "https://Fosstodon.org/", "account": "@nordbrew@mastodon.social",
                                           "max_pages": 2})["account"] == "nordbrew@mastodon.social"
    assert MastodonSource.validate_config({"instance": "http://127.0.0.1:8080", "timeline": "local"})["instance"] \
        == "http://127.0.0.1:8080"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"hashtag": "x"}, "instance: is required"),
        ({"instance": "https://mastodon.social"},
         "give exactly one of hashtag, timeline (public or local), account or terms"),
        ({"instance": "https://mastodon.social", "hashtag": "a", "account": "b"}, "got hashtag and account"),
        ({"instance": "https://mastodon.social/@nordbrew", "hashtag": "a"}, "is not a server address"),
        ({"instance": "http://mastodon.social", "hashtag": "a"}, "must use https"),
        ({"instance": "ftp://mastodon.social", "hashtag": "a"}, "is not an http or https URL"),
        ({"instance": "https://mastodon.social", "hashtag": "oat milk"}, "'oat milk' is not a hashtag"),
        ({"instance": "https://mastodon.social", "timeline": "home"}, "timeline: Input should be 'public' or 'local'"),
        ({"instance": "https://mastodon.social", "account": "nord brew"}, "is not an account"),
        ({"instance": "https://mastodon.social", "hashtag": "a", "max_pages": 0}, "max_pages: "),
        ({"instance": "https://mastodon.social", "hashtag": "a", "channel": "x"}, "channel: unknown mastodon option"),
    ],
)
def test_invalid_config_names_the_field(config, message):
    with pytest.raises(SourceConfigError, match="^mastodon config: ") as caught:
        MastodonSource.validate_config(config)
    assert message in str(caught.value)


def test_a_bad_token_is_refused_without_repeating_it():
    with pytest.raises(SourceConfigError) as caught:
        MastodonSource.validate_config({"instance": "https://m.example", "hashtag": "a", "token": "abc def-secret"})
    assert "token: the access token must not contain spaces" in str(caught.value)
    assert "def-secret" not in str(caught.value)


def test_stored_token_is_masked_when_shown():
    config = MastodonSource.validate_config({"instance": "https://m.example", "hashtag": "a", "token": "tok"})
    assert config["token"] == "tok" and mask_secrets(config)["token"] == "***"


def test_link_header_is_read_as_mastodon_documents_it():
    header = ('<https://mastodon.example/api/v1/endpoint?max_id=7163058>; rel="next", '
              '<https://mastodon.example/api/v1/endpoint?min_id=7275607>; rel="prev"')
    assert parse.parse_links(header) == {
        "next": "https://mastodon.example/api/v1/endpoint?max_id=7163058",
        "prev": "https://mastodon.example/api/v1/endpoint?min_id=7275607",
    }
    assert parse.parse_links(None) == {} and parse.parse_links("garbage") == {}


@pytest.mark.parametrize(
    ("target", "followed"),
    [
        ("https://mastodon.example/api/v1/endpoint?min_id=7", True),
        ("/api/v1/endpoint?min_id=7", True),  # relative to the server
        ("https://other.example/api/v1/endpoint?min_id=7", False),  # another server
        ("https://mastodon.example/api/v1/elsewhere?min_id=7", False),  # another timeline
        ("https://mastodon.example/api/v1/endpoint?since_id=7", False),  # would leave a gap
    ],
)
def test_only_links_to_the_next_newer_page_of_this_timeline_are_followed(target, followed):
    url = parse.page_link({"prev": target}, "prev", base="https://mastodon.example", path="/api/v1/endpoint")
    assert (url is not None) is followed


def test_ids_are_ordered_by_length_then_lexically():
    assert parse.newest(["99", "100", None, "0998"]) == "0998"
    assert parse.newest(["112043320934404242", "112042917953540242"]) == "112043320934404242"
    assert parse.newest([None]) is None


def test_rate_limit_reset_is_seconds_until_the_iso_time():
    now = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    assert parse.rate_limit_reset("2024-03-05T12:05:00.000000Z", now=now) == 300
    assert parse.rate_limit_reset("2024-03-05T11:00:00Z", now=now) == 0
    assert parse.rate_limit_reset("soon", now=now) is None and parse.rate_limit_reset(None) is None


def status(content: str, **fields: object) -> parse.Status:
    base = {"id": "1", "uri": "https://m.example/users/a/statuses/1", "created_at": "2024-03-05T12:00:00Z",
            "content": content, "account": {"acct": "a"}}
    return parse.Status.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("<p>one</p><p>two<br>three</p>", "one\n\ntwo\nthree"),
        ('<p><a href="https://example.com/page/that/is/very/long"><span class="invisible">https://</span>'
         '<span class="ellipsis">example.com/page</span><span class="invisible">/that/is/very/long</span></a></p>',
         "https://example.com/page/that/is/very/long"),
        ('<p><span class="h-card"><a href="https://m.example/@bob" class="u-url mention">@<span>bob</span></a></span> '
         'likes <a href="https://m.example/tags/oat" class="mention hashtag" rel="tag">#<span>oat</span></a></p>',
         "@bob likes #oat"),
        ("<p>Fish &amp; chips &lt;3 :blobcat:</p>", "Fish & chips <3 :blobcat:"),
        ("<p>a <script>alert(1)</script>b</p>", "a b"),
    ],
)
def test_status_html_becomes_plain_text(content, text):
    assert parse.status_text(status(content)) == text


def test_a_picture_alone_is_described_by_its_alt_text():
    described = status("", media_attachments=[{"description": "A carton of Nordbrew oat milk"}, {"description": None}])
    assert parse.status_text(described) == "A carton of Nordbrew oat milk"
    assert parse.status_text(status("")) == ""


def test_content_links_leave_out_mentions_and_hashtags():
    markup = ('<p><a href="https://m.example/@bob" class="u-url mention">@bob</a> '
              '<a href="https://m.example/tags/oat" rel="tag">#oat</a> '
              '<a href="https://shop.example/oat">the shop</a></p>')
    assert parse.content_links(markup, base="https://m.example") == ["https://shop.example/oat"]


def test_status_without_text_is_not_collected():
    outcome = parse.read_entry({**status("").model_dump(), "content": ""}, index=1, instance="https://m.example",
                               collected_at=datetime.now(UTC), max_record_bytes=100_000)
    assert (outcome.timeline_id, outcome.draft, outcome.reject) == ("1", None, None)


def test_status_over_the_record_limit_is_rejected():
    big = {**status("<p>" + "oat " * 2000 + "</p>").model_dump()}
    outcome = parse.read_entry(big, index=1, instance="https://m.example", collected_at=datetime.now(UTC),
                               max_record_bytes=4_000)
    assert outcome.reject is not None and "over the 4,000 byte record limit" in outcome.reject.reason
    assert outcome.reject.location == "https://m.example#1"


def test_future_dates_are_rejected():
    future = status("<p>hi</p>", created_at="2999-01-01T00:00:00Z").model_dump()
    outcome = parse.read_entry(future, index=1, instance="https://m.example", collected_at=datetime.now(UTC),
                               max_record_bytes=100_000)
    assert outcome.reject is not None and "absurd date" in outcome.reject.reason
