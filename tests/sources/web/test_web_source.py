"""The web connector end to end: recorded pages on 127.0.0.1, sitemaps via MockTransport."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import httpx
import pytest

from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings
from voxpop.sources import registry
from voxpop.sources.base import (
    BadPayload,
    Batch,
    RateLimited,
    SourceConfigError,
    SourceGone,
    TransientFetchError,
)
from voxpop.sources.web import source as web_source
from voxpop.sources.web.source import WebSource

HTML = "text/html; charset=utf-8"
ARTICLE = "/business/2024/03/05/nordbrew-recall"


def source(fetch_settings: Settings, client: httpx.Client | None = None, **config) -> WebSource:
    return WebSource(source_id=2, name="pages", config=config, settings=fetch_settings, client=client)


def run(src: WebSource, cursor: dict | None = None) -> tuple[list[MentionDraft], list[Reject], dict]:
    batches: list[Batch] = list(src.collect(cursor or {}))
    mentions = [m for b in batches for m in b.mentions]
    rejects = [r for b in batches for r in b.rejects]
    last = batches[-1].cursor if batches else cursor
    return mentions, rejects, last or {}


@pytest.fixture
def pages(server, fixture_bytes):
    """Serve web fixtures by name at the given paths; returns their URLs."""

    def serve(**routes: str) -> dict[str, str]:
        return {
            name: server.add(path, body=fixture_bytes("web", name), content_type=HTML) for path, name in routes.items()
        }

    return serve


# --- one page ---------------------------------------------------------------------------------


def test_article_page_yields_title_author_date_and_main_text_only(server, fetch_settings, fixture_bytes):
    body = fixture_bytes("web", "page__article.html")
    url = server.add("/story?utm_source=feed", body=body, content_type=HTML)
    mentions, rejects, _ = run(source(fetch_settings, urls=[url]))
    assert rejects == []
    [page] = mentions
    assert page.external_id == page.url == server.url(ARTICLE)  # <link rel=canonical>
    assert page.title == "Nordbrew recalls oat milk after packaging fault"
    assert page.author == "Maria Lindqvist"
    assert page.published_at == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)  # article:published_time
    assert page.lang == "en"
    assert page.channel == "web"
    assert page.raw == body
    assert page.text.startswith("Nordbrew recalls oat milk after packaging fault\nThe Danish brewer")
    assert "Henrik Møller" in page.text and page.text.endswith("built its reputation on trust.")
    for chrome in (
        "Share on",
        "Most read",
        "Cookie",
        "newsletter",
        "Sport",
        "Related stories",
        "©",
    ):
        assert chrome not in page.text
    assert page.hashtags == ("nordbrewfail",)
    assert page.handles == ("oatlatte_dk",)
    assert page.links == ("https://nordbrew.example/recall",)


def test_blog_post_date_from_time_element_and_byline_author(server, fetch_settings, pages):
    urls = pages(**{"/post": "page__blog_post.html"})
    [post], _, _ = run(source(fetch_settings, urls=list(urls.values()), channel="blog"))
    assert post.title == "Havremælk og mig"
    assert post.author == "Sofie Jensen"  # "af Sofie Jensen" in the byline
    assert post.published_at == datetime(2024, 2, 28, 8, 0, tzinfo=UTC)
    assert (post.lang, post.channel) == ("da", "blog")
    assert "Del dette" not in post.text and "Seneste indlæg" not in post.text
    assert "Skriv en kommentar" not in post.text
    # its canonical link points at another site, so the fetched URL is the id
    assert post.external_id == server.url("/post")


def test_canonical_url_is_the_one_after_redirects(server, fetch_settings, pages):
    pages(**{"/2024/new-home": "page__blog_post.html"})
    old = server.redirect("/old-home", "/2024/new-home", status=301)
    [post], _, cursor = run(source(fetch_settings, urls=[old]))
    assert post.external_id == server.url("/2024/new-home")
    assert list(cursor["pages"]) == [old]  # the cursor is keyed by the URL as configured


def test_page_without_a_date_lands_at_collection_time(fetch_settings, pages):
    urls = pages(**{"/about": "page__undated.html"})
    before = datetime.now(UTC)
    [about], _, _ = run(source(fetch_settings, urls=list(urls.values())))
    assert before <= about.published_at <= datetime.now(UTC)
    assert about.author is None and about.title == "About the Harbour Gazette"


# --- several pages ----------------------------------------------------------------------------


def test_one_failing_page_among_several_is_a_reject_and_the_others_land(server, fetch_settings, pages):
    urls = pages(
        **{
            ARTICLE: "page__article.html",
            "/app": "page__js_shell.html",
            "/post": "page__blog_post.html",
        }
    )
    missing = server.url("/gone")
    pdf = server.add("/report.pdf", body=b"%PDF-1.7", content_type="application/pdf")
    config_urls = [urls["page__article.html"], missing, urls["page__js_shell.html"], pdf]
    mentions, rejects, cursor = run(source(fetch_settings, urls=[*config_urls, urls["page__blog_post.html"]]))
    assert [m.title for m in mentions] == [
        "Nordbrew recalls oat milk after packaging fault",
        "Havremælk og mig",
    ]
    assert [(r.location, r.reason) for r in rejects] == [
        (missing, f"{missing} answered HTTP 404: it is not there any more"),
        (urls["page__js_shell.html"], "no main text found on the page"),
        (pdf, "not an HTML page (Content-Type application/pdf)"),
    ]
    assert set(cursor["pages"]) == {*config_urls, urls["page__blog_post.html"]} - {missing}


def test_every_page_failing_transiently_raises_instead_of_rejecting(server, fetch_settings):
    urls = [server.add(f"/p{i}", status=503) for i in range(3)]
    with pytest.raises(TransientFetchError, match="all 3 pages failed"):
        run(source(fetch_settings, urls=urls))


def test_every_page_gone_is_rejects_not_an_error(server, fetch_settings):
    urls = [server.url("/a"), server.url("/b")]
    mentions, rejects, _ = run(source(fetch_settings, urls=urls))
    assert mentions == [] and [r.location for r in rejects] == urls


def test_refetch_with_validators_gets_304_and_yields_nothing_new(server, fetch_settings, fixture_bytes):
    url = server.add(
        "/story",
        body=fixture_bytes("web", "page__article.html"),
        content_type=HTML,
        etag='"a1"',
        last_modified="Tue, 05 Mar 2024 15:02:00 GMT",
    )
    src = source(fetch_settings, urls=[url])
    [first], _, cursor = run(src)
    assert cursor["pages"][url]["etag"] == '"a1"'
    mentions, rejects, again = run(src, cursor)
    assert (mentions, rejects) == ([], [])
    assert again["pages"][url]["etag"] == '"a1"'
    sent = server.hits("/story")[1].headers
    assert (sent["if-none-match"], sent["if-modified-since"]) == (
        '"a1"',
        "Tue, 05 Mar 2024 15:02:00 GMT",
    )


def test_page_is_emitted_again_only_when_its_text_changes(server, fetch_settings, fixture_bytes):
    body = fixture_bytes("web", "page__article.html")
    url = server.add("/story", body=body, content_type=HTML)  # no validators at all
    src = source(fetch_settings, urls=[url])
    _, _, cursor = run(src)
    assert run(src, cursor)[0] == []  # same bytes
    server.add("/story", body=body.replace(b"Most read", b"Trending now"), content_type=HTML)
    mentions, _, cursor = run(src, cursor)
    assert mentions == []  # other markup, same text
    edited = body.replace(b"about 40,000 cartons", b"about 45,000 cartons")
    server.add("/story", body=edited, content_type=HTML)
    mentions, _, _ = run(src, cursor)
    assert len(mentions) == 1 and "45,000" in mentions[0].text


def test_rate_limited_host_is_left_alone_and_the_error_raised_after_the_rest(server, fetch_settings, pages):
    urls = pages(**{"/a": "page__article.html", "/c": "page__blog_post.html"})
    slow_down = server.add("/b", status=429, headers={"Retry-After": "30"})
    src = source(fetch_settings, urls=[urls["page__article.html"], slow_down, urls["page__blog_post.html"]])
    batches: list[Batch] = []
    with pytest.raises(RateLimited) as caught:
        for batch in src.collect({}):
            batches.append(batch)
    assert caught.value.retry_after == 30
    assert [m.title for b in batches for m in b.mentions] == ["Nordbrew recalls oat milk after packaging fault"]
    assert server.hits("/c") == []  # same host: not asked again in this run
    assert list(batches[-1].cursor["pages"]) == [urls["page__article.html"]]


def test_batches_advance_the_cursor_page_by_page(server, fetch_settings, pages, monkeypatch):
    monkeypatch.setattr(web_source, "PAGES_PER_BATCH", 2)
    urls = pages(**{"/1": "page__article.html", "/2": "page__blog_post.html", "/3": "page__undated.html"})
    batches = list(source(fetch_settings, urls=list(urls.values())).collect({}))
    assert [len(b.mentions) for b in batches] == [2, 1]
    assert len(batches[0].cursor["pages"]) == 2 and len(batches[1].cursor["pages"]) == 3


def test_private_address_is_refused_by_default(server, fixture_bytes):
    url = server.add("/story", body=fixture_bytes("web", "page__article.html"), content_type=HTML)
    mentions, rejects, _ = run(source(Settings(environment="test"), urls=[url]))
    assert mentions == [] and "loopback" in rejects[0].reason
    assert server.requests == []


def test_record_limit_applies_to_the_page_text_not_its_markup(server):
    small = Settings(environment="test", fetch_allowed_hosts=["127.0.0.1"], max_record_bytes=2_000)
    def paragraphs(n: int) -> str:
        return "".join(f"<p>Report {i}: NordBrew recalls its kettles after overheating in {i} homes.</p>"
                       for i in range(n))

    script = "<script>var padding = '" + "x" * 50_000 + "';</script>"
    heavy = f"<html><head><title>Recall</title>{script}</head><body><article>{paragraphs(4)}</article></body></html>"
    long = f"<html><head><title>Recall</title></head><body><article>{paragraphs(60)}</article></body></html>"
    heavy_url = server.add("/heavy", body=heavy.encode(), content_type=HTML)
    long_url = server.add("/long", body=long.encode(), content_type=HTML)
    mentions, rejects, _ = run(source(small, urls=[heavy_url, long_url]))
    assert [m.url for m in mentions] == [heavy_url], rejects  # 50 kB of script, short text: kept
    assert len(rejects) == 1 and rejects[0].location == long_url
    assert "over the 2,000 byte record limit" in rejects[0].reason


# --- sitemaps (recorded, served through httpx.MockTransport) ----------------------------------

GAZETTE = Settings(environment="test", fetch_allowed_hosts=["gazette.example"])


def gazette(fixture_bytes, routes: dict[str, tuple[int, str | bytes]], seen: list[str]):
    """A client answering https://gazette.example/<path> from web fixtures (or raw bytes)."""

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        status, content = routes.get(request.url.path, (404, b"not found"))
        body = fixture_bytes("web", content) if isinstance(content, str) else content
        kind = "application/xml" if request.url.path.endswith(".xml") else HTML
        return httpx.Response(status, content=body, headers={"Content-Type": kind})

    return httpx.Client(transport=httpx.MockTransport(answer))


def test_sitemap_pages_are_read_newest_first(fixture_bytes):
    seen: list[str] = []
    client = gazette(
        fixture_bytes,
        {
            "/sitemap.xml": (200, "sitemap__urlset.xml"),
            ARTICLE: (200, "page__article.html"),
            "/business/2024/01/11/nordbrew-results": (200, "page__blog_post.html"),
            "/about": (200, "page__undated.html"),
        },
        seen,
    )
    src = source(GAZETTE, client, sitemap="https://gazette.example/sitemap.xml")
    mentions, rejects, cursor = run(src)
    assert seen == [
        "/sitemap.xml",
        ARTICLE,
        "/business/2024/01/11/nordbrew-results",
        "/about",
    ]
    assert len(mentions) == 3
    assert [(r.location, r.reason, r.excerpt) for r in rejects] == [
        (
            "https://gazette.example/sitemap.xml",
            "sitemap <loc> is not an http(s) URL",
            "ftp://gazette.example/archive.zip",
        )
    ]
    assert cursor["pages"]["https://gazette.example" + ARTICLE]["lastmod"] == "2024-03-05T16:02:00+01:00"


def test_sitemap_lastmod_unchanged_skips_the_fetch(fixture_bytes):
    seen: list[str] = []
    routes = {
        "/sitemap.xml": (200, "sitemap__urlset.xml"),
        ARTICLE: (200, "page__article.html"),
        "/business/2024/01/11/nordbrew-results": (200, "page__blog_post.html"),
        "/about": (200, "page__undated.html"),
    }
    src = source(GAZETTE, gazette(fixture_bytes, routes, seen), sitemap="https://gazette.example/sitemap.xml")
    _, _, cursor = run(src)
    seen.clear()
    mentions, _, _ = run(src, cursor)
    assert mentions == []
    assert seen == ["/sitemap.xml", "/about"]  # only the page without <lastmod> is asked again


def test_sitemap_max_pages_caps_the_newest(fixture_bytes):
    seen: list[str] = []
    routes = {"/sitemap.xml": (200, "sitemap__urlset.xml"), ARTICLE: (200, "page__article.html")}
    src = source(
        GAZETTE,
        gazette(fixture_bytes, routes, seen),
        sitemap="https://gazette.example/sitemap.xml",
        max_pages=1,
    )
    mentions, _, _ = run(src)
    assert seen == ["/sitemap.xml", ARTICLE] and len(mentions) == 1


def test_sitemap_index_is_followed_one_level(fixture_bytes):
    seen: list[str] = []
    routes = {
        "/sitemap_index.xml": (200, "sitemap__index.xml"),
        "/sitemap-news.xml": (200, "sitemap__news.xml"),
        "/sitemap-pages.xml": (200, "sitemap__urlset.xml"),
        "/sitemap-nested-index.xml": (200, "sitemap__index.xml"),
        ARTICLE: (200, "page__article.html"),
        "/culture/2024/03/06/harbour-jazz": (200, "page__undated.html"),
        "/business/2024/01/11/nordbrew-results": (200, "page__blog_post.html"),
    }
    src = source(
        GAZETTE,
        gazette(fixture_bytes, routes, seen),
        sitemap="https://gazette.example/sitemap_index.xml",
    )
    mentions, rejects, _ = run(src)
    assert seen[:5] == [
        "/sitemap_index.xml",
        "/sitemap-news.xml",
        "/sitemap-pages.xml",
        "/sitemap-deleted.xml",
        "/sitemap-nested-index.xml",
    ]
    assert seen[5:] == [
        "/culture/2024/03/06/harbour-jazz",
        ARTICLE,
        "/business/2024/01/11/nordbrew-results",
        "/about",
    ]
    assert len(mentions) == 3  # /about answers 404 here
    reasons = {r.location: r.reason for r in rejects}
    assert "404" in reasons["https://gazette.example/sitemap-deleted.xml"]
    assert reasons["https://gazette.example/sitemap-nested-index.xml"] == (
        "a sitemap index inside a sitemap index is not followed"
    )
    assert "404" in reasons["https://gazette.example/about"]


def test_gzip_file_sitemap_is_read(fixture_bytes):
    seen: list[str] = []
    packed = gzip.compress(fixture_bytes("web", "sitemap__news.xml"))
    routes = {"/sitemap.xml.gz": (200, packed), ARTICLE: (200, "page__article.html")}
    src = source(
        GAZETTE,
        gazette(fixture_bytes, routes, seen),
        sitemap="https://gazette.example/sitemap.xml.gz",
    )
    run(src)
    assert seen[:3] == ["/sitemap.xml.gz", "/culture/2024/03/06/harbour-jazz", ARTICLE]


def test_sitemap_entities_are_never_expanded_or_fetched(fixture_bytes):
    seen: list[str] = []
    routes = {"/sitemap.xml": (200, "sitemap__entities.xml")}
    src = source(GAZETTE, gazette(fixture_bytes, routes, seen), sitemap="https://gazette.example/sitemap.xml")
    _, rejects, cursor = run(src)
    assert set(cursor.get("pages", {})) <= {
        "https://gazette.example/",
        "https://gazette.example/plain-page",
    }
    assert all("root:" not in path and "lol" not in path for path in seen)
    assert seen == ["/sitemap.xml", "/", "/plain-page"]


def test_missing_sitemap_fails_the_source(fixture_bytes):
    src = source(GAZETTE, gazette(fixture_bytes, {}, []), sitemap="https://gazette.example/sitemap.xml")
    with pytest.raises(SourceGone):
        run(src)


def test_sitemap_that_is_an_html_page_is_bad_payload(fixture_bytes):
    routes = {"/sitemap.xml": (200, "page__article.html")}
    src = source(GAZETTE, gazette(fixture_bytes, routes, []), sitemap="https://gazette.example/sitemap.xml")
    with pytest.raises(BadPayload, match="not a sitemap"):
        run(src)


# --- configuration ----------------------------------------------------------------------------


def test_registry_loads_the_web_source():
    assert registry.load("web") is WebSource


def test_valid_config_is_cleaned_with_defaults():
    assert WebSource.validate_config({"urls": ["https://e.org/a", "https://e.org/a "]}) == {
        "urls": ["https://e.org/a"],
        "sitemap": None,
        "channel": "web",
        "max_pages": 500,
    }


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, "give urls (a list of page URLs) or sitemap"),
        (
            {"urls": ["https://e.org/a", "javascript:alert(1)"]},
            "urls: urls[1]: 'javascript:alert(1)' is not",
        ),
        (
            {"sitemap": "file:///etc/passwd"},
            "sitemap: 'file:///etc/passwd' is not an http or https URL",
        ),
        ({"urls": ["https://e.org"], "channel": "tv"}, "channel: 'tv' is not a channel"),
        ({"urls": ["https://e.org"], "max_pages": 0}, "max_pages: "),
        ({"urls": ["https://e.org"], "depth": 3}, "depth: unknown web option"),
    ],
)
def test_invalid_config_names_the_field(config, message):
    with pytest.raises(SourceConfigError, match="^web config: ") as caught:
        WebSource.validate_config(config)
    assert message in str(caught.value)
