"""The rss connector end to end: each recorded feed served on 127.0.0.1 through RssSource."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings
from voxpop.sources import registry
from voxpop.sources.base import (
    AuthExpired,
    BadPayload,
    Batch,
    FetchRefused,
    RateLimited,
    SourceConfigError,
    SourceGone,
    TransientFetchError,
)
from voxpop.sources.rss.source import RssSource

RSS = "application/rss+xml; charset=utf-8"


def source(fetch_settings: Settings, url: str, client: httpx.Client | None = None, **config) -> RssSource:
    return RssSource(source_id=1, name="feed", config={"url": url, **config}, settings=fetch_settings, client=client)


def run(src: RssSource, cursor: dict | None = None) -> tuple[list[MentionDraft], list[Reject], dict]:
    """Collect once: the mentions and rejects of all batches, and the last cursor (else the old)."""
    batches: list[Batch] = list(src.collect(cursor or {}))
    mentions = [m for b in batches for m in b.mentions]
    rejects = [r for b in batches for r in b.rejects]
    last = batches[-1].cursor if batches else cursor
    return mentions, rejects, last or {}


@pytest.fixture
def feed(server, fetch_settings, fixture_bytes):
    """Serve fixture ``name`` at /feed and collect it once."""

    def serve_and_collect(name: str, **route):
        url = server.add("/feed", body=fixture_bytes("rss", name), content_type=RSS, **route)
        return run(source(fetch_settings, url))

    return serve_and_collect


def by_id(mentions: list[MentionDraft]) -> dict[str, MentionDraft]:
    return {m.external_id: m for m in mentions}


# --- the formats ------------------------------------------------------------------------------


def test_rss2_entries_become_mentions(feed):
    mentions, rejects, cursor = feed("feed__rss2.xml")
    assert rejects == []
    assert [m.external_id for m in mentions] == [
        "https://nordbrew.example/news/recall-2024",
        "nordbrew-news-1187",
        "https://nordbrew.example/news/climate-2030",
    ]
    recall, aarhus, climate = mentions
    assert recall.title == "Nordbrew recalls barista oat milk"
    assert recall.text == (
        "We are recalling 40,000 cartons of barista oat milk.\n\nRead more at our recall page. #nordbrewrecall"
    )
    assert recall.url == "https://nordbrew.example/news/recall-2024"
    assert recall.author == "Maria Lindqvist"  # from "press@nordbrew.example (Maria Lindqvist)"
    assert recall.published_at == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)
    assert recall.lang == "en"  # channel <language>en-gb</language>
    assert recall.links == ("https://nordbrew.example/recall",)
    assert recall.hashtags == ("nordbrewrecall",)
    assert recall.channel == "rss"
    assert recall.collected_at.tzinfo is not None
    assert json.loads(recall.raw)["id"] == recall.external_id
    # content:encoded wins over the teaser; the script is gone; paragraphs and <br> kept
    assert aarhus.text == (
        "Brewing in Jutland\n\nOur new brewery in Aarhus opens on Friday, with tours for "
        "@aarhus_beer fans.\n\nSecond paragraph\nwith a line break."
    )
    assert aarhus.author == "Henrik Møller"  # dc:creator
    assert aarhus.handles == ("aarhus_beer",)
    assert climate.title == "Nordbrew & the climate: our 2030 targets"
    assert cursor["etag"] is None and set(cursor["seen"]) == {m.external_id for m in mentions}


def test_atom_entries_become_mentions(feed):
    mentions, rejects, _ = feed("feed__atom.xml")
    assert rejects == []
    found = by_id(mentions)
    post = found["tag:blog.example.dk,2024-03-05:/nordbrew-skuffelse"]
    assert post.url == "https://blog.example.dk/2024/03/nordbrew-skuffelse"  # relative, xml:base
    assert post.published_at == datetime(2024, 3, 5, 17, 20, tzinfo=UTC)  # published over updated
    assert post.text == ("Tre kartoner i træk var sure før tiden.\n\nJeg har skrevet til @nordbrew om det. #havremælk")
    assert (post.lang, post.hashtags, post.handles) == ("da", ("havremælk",), ("nordbrew",))
    latte = found["tag:blog.example.dk,2024-02-20:/latte-art"]
    assert latte.text == "Start med kold mælk.\n\nMælkekande\n\nTermometer"  # xhtml content
    assert latte.author == "Sofie Jensen"  # the feed's author applies (RFC 4287 4.2.1)
    assert latte.published_at == datetime(2024, 2, 20, 10, 0, tzinfo=UTC)  # only <updated>
    english = found["urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"]
    assert (english.lang, english.text) == ("en", "Only a summary here, no content element.")


def test_rss1_rdf_items_become_mentions(feed):
    mentions, rejects, _ = feed("feed__rss1_rdf.xml")
    assert rejects == []
    first, second = mentions
    assert first.external_id == "https://forum.example.se/t/4411"  # rdf:about
    assert first.title == "Nordbrews havremjölk surnar"
    assert first.author == "kaffekalle"
    assert first.published_at == datetime(2024, 3, 5, 20, 4, tzinfo=UTC)  # dc:date
    assert first.lang == "sv"
    assert second.author == "bönälskaren"


def test_rss091_in_latin1_without_dates_lands_at_collection_time(feed):
    before = datetime.now(UTC)
    mentions, rejects, cursor = feed("feed__rss091.xml")
    assert rejects == []
    assert [m.text for m in mentions] == [
        "Prisen på kaffe har steget med 12 prosent siden nyttår.",
        "Flere merker av havremelk er nå å finne i norske butikker.",
    ]
    assert [m.external_id for m in mentions] == [
        "http://nyheder.example.no/kaffe",
        "http://nyheder.example.no/havremelk",
    ]
    assert all(before <= m.published_at <= datetime.now(UTC) for m in mentions)
    assert mentions[0].lang == "no"
    assert set(cursor["first_seen"]) == {m.external_id for m in mentions}


def test_rss092_item_without_title_or_link_is_keyed_by_content(feed):
    mentions, rejects, _ = feed("feed__rss092.xml")
    assert rejects == []
    note, episode = mentions
    assert note.external_id.startswith("sha:") and note.title is None
    assert note.text == "A quick note: episode 12 is delayed by a week."
    assert episode.external_id == "https://pod.example.com/11"


def test_entries_without_guids_are_keyed_by_link_or_content_hash_stably(server, fetch_settings, fixture_bytes):
    url = server.add("/feed", body=fixture_bytes("rss", "feed__no_guids.xml"), content_type=RSS)
    first, _, _ = run(source(fetch_settings, url))
    again, _, _ = run(source(fetch_settings, url))  # a fresh source with no cursor: same keys
    ids = [m.external_id for m in first]
    assert ids[:2] == [
        "https://shop.example.org/news/spring-hours",
        "https://shop.example.org/news/nordbrew",
    ]
    assert ids[2].startswith("sha:") and len(ids[2]) == 36
    assert [m.external_id for m in again] == ids


# --- what comes back from the server ----------------------------------------------------------


def test_conditional_get_304_yields_nothing_and_keeps_the_cursor(server, fetch_settings, fixture_bytes):
    url = server.add(
        "/feed",
        body=fixture_bytes("rss", "feed__rss2.xml"),
        content_type=RSS,
        etag='"feed-v1"',
        last_modified="Wed, 06 Mar 2024 08:15:00 GMT",
    )
    src = source(fetch_settings, url)
    mentions, _, cursor = run(src)
    assert len(mentions) == 3
    assert (cursor["etag"], cursor["last_modified"]) == (
        '"feed-v1"',
        "Wed, 06 Mar 2024 08:15:00 GMT",
    )
    assert list(src.collect(cursor)) == []
    second = server.hits("/feed")[1].headers
    assert second["if-none-match"] == '"feed-v1"'
    assert second["if-modified-since"] == "Wed, 06 Mar 2024 08:15:00 GMT"


def test_server_ignoring_validators_still_yields_only_new_or_changed_entries(server, fetch_settings, fixture_bytes):
    body = fixture_bytes("rss", "feed__rss2.xml")
    url = server.add("/feed", body=body, content_type=RSS)
    src = source(fetch_settings, url)
    _, _, cursor = run(src)
    mentions, rejects, cursor_again = run(src, cursor)
    assert (mentions, rejects) == ([], [])
    assert cursor_again == cursor
    edited = body.replace(b"Halving emissions by 2030", b"Halving emissions by 2028")
    server.add("/feed", body=edited, content_type=RSS)
    mentions, _, _ = run(src, cursor)
    assert [m.external_id for m in mentions] == ["https://nordbrew.example/news/climate-2030"]
    assert mentions[0].text.startswith("Halving emissions by 2028")


def test_undated_entry_keeps_its_first_collection_time_when_edited(server, fetch_settings, fixture_bytes):
    body = fixture_bytes("rss", "feed__rss091.xml")
    url = server.add("/feed", body=body, content_type=RSS)
    src = source(fetch_settings, url)
    first, _, cursor = run(src)
    server.add("/feed", body=body.replace(b"12 prosent", b"13 prosent"), content_type=RSS)
    edited, _, _ = run(src, cursor)
    assert [m.external_id for m in edited] == ["http://nyheder.example.no/kaffe"]
    assert edited[0].published_at == first[0].published_at


def test_gzip_encoded_feed_is_read(feed):
    mentions, rejects, _ = feed("feed__atom.xml", gzip=True)
    assert len(mentions) == 3 and rejects == []


def test_html_page_instead_of_feed_is_bad_payload_naming_the_advertised_feed(server, fetch_settings, fixture_bytes):
    url = server.add("/blog", body=fixture_bytes("rss", "feed__html_page.html"), content_type="text/html")
    with pytest.raises(BadPayload) as caught:
        run(source(fetch_settings, url))
    message = str(caught.value)
    assert url in message and "is an HTML page, not a feed" in message
    assert server.url("/feed.xml") in message  # the page's <link rel=alternate>, made absolute


@pytest.mark.parametrize("body", [b'{"items": []}', b"just some text", b""])
def test_body_that_is_not_a_feed_is_bad_payload(server, fetch_settings, body):
    url = server.add("/feed", body=body, content_type="application/json")
    with pytest.raises(BadPayload, match="not .*feed"):
        run(source(fetch_settings, url))


def test_malformed_entries_become_rejects_and_the_rest_lands(feed, server):
    mentions, rejects, cursor = feed("feed__malformed_entry.xml")
    assert [m.title for m in mentions] == ["Coffee & cake on Friday", "Nordbrew tasting notes"]
    assert [(r.location, r.reason) for r in rejects] == [
        (server.url("/feed") + " entry 2", "entry has no title, summary or content"),
        (
            "https://broken.example.net/future",
            "entry published date: 2999-01-01T00:00:00+00:00 is an absurd date (before 1990 or in the future)",
        ),
        (
            "https://broken.example.net/when",
            "entry published date: 'sometime last week' is not an ISO 8601, RFC 2822 or Unix date",
        ),
    ]
    assert rejects[1].excerpt == "From the future"
    assert len(cursor["seen"]) == 5  # rejected entries too, so they are not re-reported each poll


def test_rejected_entries_are_not_reported_again_until_they_change(server, fetch_settings, fixture_bytes):
    url = server.add("/feed", body=fixture_bytes("rss", "feed__malformed_entry.xml"), content_type=RSS)
    src = source(fetch_settings, url)
    _, rejects, cursor = run(src)
    assert len(rejects) == 3
    assert run(src, cursor)[:2] == ([], [])


def test_entry_over_the_record_limit_is_rejected(server, fixture_bytes):
    small = Settings(environment="test", fetch_allowed_hosts=["127.0.0.1"], max_record_bytes=4_000)
    big = "<p>" + "oat milk " * 500 + "</p>"
    body = fixture_bytes("rss", "feed__rss2.xml").replace(
        b"Halving emissions by 2030, audited every year.", big.replace("<", "&lt;").encode()
    )
    url = server.add("/feed", body=body, content_type=RSS)
    mentions, rejects, _ = run(source(small, url))
    assert len(mentions) == 2
    assert [r.location for r in rejects] == ["https://nordbrew.example/news/climate-2030"]
    assert "over the 4,000 byte record limit" in rejects[0].reason


def test_repeated_id_with_other_content_is_rejected(server, fetch_settings):
    body = b"""<rss version="2.0"><channel><title>t</title>
      <item><guid>same</guid><title>First</title></item>
      <item><guid>same</guid><title>Second</title></item>
      <item><guid>same</guid><title>First</title></item></channel></rss>"""
    url = server.add("/feed", body=body, content_type=RSS)
    mentions, rejects, _ = run(source(fetch_settings, url))
    assert [m.title for m in mentions] == ["First"]
    assert [r.reason for r in rejects] == ["entry repeats the id 'same' of an earlier entry"]


def test_batches_carry_cursors_that_resume_without_losing_entries(server, fixture_bytes):
    tiny = Settings(environment="test", fetch_allowed_hosts=["127.0.0.1"], import_batch_size=2)
    url = server.add("/feed", body=fixture_bytes("rss", "feed__rss2.xml"), content_type=RSS, etag='"v2"')
    src = source(tiny, url)
    batches = list(src.collect({"etag": '"v1"'}))
    assert [len(b.mentions) for b in batches] == [2, 1]
    assert batches[0].cursor["etag"] == '"v1"'  # not yet: the rest is not stored with it
    assert batches[1].cursor["etag"] == '"v2"'
    # a crash after the first batch: the next run reads the feed again and emits only the rest
    resumed, _, _ = run(src, batches[0].cursor)
    assert [m.external_id for m in resumed] == [batches[1].mentions[0].external_id]


@pytest.mark.parametrize(
    ("status", "headers", "error"),
    [
        (404, {}, SourceGone),
        (410, {}, SourceGone),
        (401, {}, AuthExpired),
        (500, {}, TransientFetchError),
        (429, {"Retry-After": "60"}, RateLimited),
    ],
)
def test_http_failures_raise_the_failure_mode(server, fetch_settings, status, headers, error):
    url = server.add("/feed", status=status, headers=headers)
    with pytest.raises(error) as caught:
        run(source(fetch_settings, url))
    if error is RateLimited:
        assert caught.value.retry_after == 60


def test_private_address_is_refused_by_default(server, fixture_bytes):
    url = server.add("/feed", body=fixture_bytes("rss", "feed__rss2.xml"), content_type=RSS)
    with pytest.raises(FetchRefused, match="loopback"):
        run(source(Settings(environment="test"), url))
    assert server.requests == []


def test_recorded_feed_through_mock_transport(fetch_settings, fixture_bytes):
    body = fixture_bytes("rss", "feed__atom.xml")

    def answer(request: httpx.Request) -> httpx.Response:
        assert "application/atom+xml" in request.headers["accept"]
        return httpx.Response(200, content=gzip.compress(body), headers={"Content-Encoding": "gzip"})

    client = httpx.Client(transport=httpx.MockTransport(answer))
    mentions, _, _ = run(source(fetch_settings, "http://127.0.0.1/feed.atom", client=client, channel="blog"))
    assert len(mentions) == 3 and {m.channel for m in mentions} == {"blog"}


# --- configuration ----------------------------------------------------------------------------


def test_registry_loads_the_rss_source():
    assert registry.load("rss") is RssSource


def test_valid_config_is_cleaned_with_defaults():
    assert RssSource.validate_config({"url": " https://example.org/feed.xml "}) == {
        "url": "https://example.org/feed.xml",
        "channel": "rss",
    }
    assert RssSource.validate_config({"url": "https://e.org/f", "channel": "News"})["channel"] == "news"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, "url: is required"),
        (
            {"url": "ftp://example.org/feed"},
            "url: 'ftp://example.org/feed' is not an http or https URL",
        ),
        ({"url": "https://"}, "url: "),
        ({"url": "https://e.org/f", "channel": "fax"}, "channel: 'fax' is not a channel"),
        ({"url": "https://e.org/f", "interval": 5}, "interval: unknown rss option"),
    ],
)
def test_invalid_config_names_the_field(config, message):
    with pytest.raises(SourceConfigError, match="^rss config: ") as caught:
        RssSource.validate_config(config)
    assert message in str(caught.value)


def test_collected_at_is_now(feed):
    mentions, _, _ = feed("feed__rss1_rdf.xml")
    assert datetime.now(UTC) - mentions[0].collected_at < timedelta(seconds=30)


def test_entities_in_a_hostile_feed_are_never_expanded(feed):
    mentions, rejects, _ = feed("feed__entities.xml")
    assert rejects == []
    assert [m.external_id for m in mentions] == ["a", "b", "c"]
    assert "root:" not in mentions[0].title
    assert all(len(m.raw) < 5_000 and "lollollol" not in m.text for m in mentions)


def test_date_only_feedparser_could_guess_at_is_rejected_not_misdated(server, fetch_settings):
    body = """<rss version="2.0"><channel><title>t</title>
      <item><guid>k</guid><title>Korean date</title>
        <pubDate>2024년 03월 05일 14:30:00</pubDate></item>
      </channel></rss>""".encode()
    url = server.add("/feed", body=body, content_type=RSS)
    mentions, rejects, _ = run(source(fetch_settings, url))
    assert mentions == [] and "is not an ISO 8601, RFC 2822 or Unix date" in rejects[0].reason
