"""The safe fetcher against a real server on 127.0.0.1: policy, redirects, caps, time, statuses."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib

import httpx
import pytest

from voxpop.settings import Settings
from voxpop.sources.base import (
    AuthExpired,
    BadPayload,
    FetchRefused,
    RateLimited,
    SourceGone,
    TransientFetchError,
)
from voxpop.sources.fetch import build_client, fetch, gunzip_capped, parse_retry_after, status_error


def test_fetch_returns_body_final_url_validators_and_sends_user_agent(server, fetch_settings):
    url = server.add("/a", body=b"hello", etag='"v1"', last_modified="Tue, 05 Mar 2024 10:00:00 GMT")
    result = fetch(url, settings=fetch_settings)
    assert (result.status, result.body, result.url) == (200, b"hello", url)
    assert (result.etag, result.last_modified, result.not_modified) == (
        '"v1"',
        "Tue, 05 Mar 2024 10:00:00 GMT",
        False,
    )
    assert result.content_type == "text/plain" and result.charset == "utf-8"
    assert server.hits("/a")[0].headers["user-agent"] == fetch_settings.user_agent


def test_conditional_get_sends_validators_and_returns_not_modified(server, fetch_settings):
    url = server.add("/a", body=b"hello", etag='"v1"', last_modified="Tue, 05 Mar 2024 10:00:00 GMT")
    first = fetch(url, settings=fetch_settings)
    again = fetch(url, settings=fetch_settings, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.status == 304 and again.body == b""
    assert (again.etag, again.last_modified) == (first.etag, first.last_modified)
    sent = server.hits("/a")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Tue, 05 Mar 2024 10:00:00 GMT"


def test_gzip_encoded_body_is_decoded(server, fetch_settings):
    url = server.add("/z", body=b"<rss>" + b"x" * 5000 + b"</rss>", gzip=True)
    result = fetch(url, settings=fetch_settings)
    assert result.body == b"<rss>" + b"x" * 5000 + b"</rss>"
    assert "gzip" in server.hits("/z")[0].headers["accept-encoding"]


def test_raw_deflate_body_is_decoded(server, fetch_settings):
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    packed = packer.compress(b"deflated " * 100) + packer.flush()
    url = server.add("/d", body=packed, headers={"Content-Encoding": "deflate"})
    assert fetch(url, settings=fetch_settings).body == b"deflated " * 100


def test_gzip_bomb_is_refused_at_the_cap_not_after_inflating(server, fetch_settings):
    url = server.add("/bomb", body=b"\0" * 5_000_000, gzip=True)  # ~5 kB on the wire
    with pytest.raises(FetchRefused, match="byte limit"):
        fetch(url, settings=fetch_settings)


def test_body_over_the_cap_is_refused_while_streaming(server, fetch_settings):
    url = server.add("/big", body=b"x" * 300_000, chunked=True)
    with pytest.raises(FetchRefused, match="200,000 byte limit"):
        fetch(url, settings=fetch_settings)


def test_declared_content_length_over_the_cap_is_refused_before_reading(server, fetch_settings):
    url = server.add("/big", body=b"x" * 300_000)
    with pytest.raises(FetchRefused, match="byte limit"):
        fetch(url, settings=fetch_settings)


def test_server_that_hangs_fails_transiently_within_the_timeout(server, fetch_settings):
    url = server.add("/hang", body=b"late", delay=30)
    started = time.monotonic()
    with pytest.raises(TransientFetchError, match="within 2s"):
        fetch(url, settings=fetch_settings)
    assert time.monotonic() - started < fetch_settings.fetch_timeout_s + 1.5


def test_server_that_trickles_fails_transiently_at_the_deadline(server, fetch_settings):
    url = server.add("/slow", body=b"x" * 100, trickle=0.3)  # 30 s in all, each byte quick enough
    started = time.monotonic()
    with pytest.raises(TransientFetchError):
        fetch(url, settings=fetch_settings)
    assert time.monotonic() - started < fetch_settings.fetch_timeout_s + 1.5


def test_server_that_trickles_its_headers_fails_transiently_at_the_deadline(fetch_settings):
    """Each byte comes well within the read timeout; only the overall deadline can stop this."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
                if stop.wait(0.2):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    started = time.monotonic()
    try:
        with pytest.raises(TransientFetchError, match="within 2s"):
            fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/", settings=fetch_settings)
        assert time.monotonic() - started < fetch_settings.fetch_timeout_s + 1.5
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=2)


def test_connection_refused_is_transient(fetch_settings):
    with pytest.raises(TransientFetchError, match="failed"):
        fetch("http://127.0.0.1:9/", settings=fetch_settings)


def test_redirects_are_followed_and_each_target_rechecked(server, fetch_settings):
    server.redirect("/old", "/middle", status=301)
    server.redirect("/middle", server.url("/new"), status=307)
    server.add("/new", body=b"moved")
    result = fetch(server.url("/old"), settings=fetch_settings)
    assert (result.body, result.url) == (b"moved", server.url("/new"))


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/internal",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:10.0.0.1]/",
        "http://[fd00::1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
    ],
)
def test_redirect_to_a_private_address_is_refused_without_connecting(server, fetch_settings, target):
    url = server.redirect("/go", target)
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="refusing to fetch"):
        fetch(url, settings=fetch_settings)
    # FetchRefused, not a timeout: the address was refused before any connection was tried
    assert time.monotonic() - started < fetch_settings.fetch_timeout_s


def test_redirect_to_another_scheme_is_refused(server, fetch_settings):
    url = server.redirect("/go", "file:///etc/passwd")
    with pytest.raises(FetchRefused, match="not an http or https URL"):
        fetch(url, settings=fetch_settings)


def test_too_many_redirects_are_refused(server, fetch_settings):
    for i in range(5):
        server.redirect(f"/r{i}", f"/r{i + 1}")
    server.add("/r5", body=b"end")
    with pytest.raises(FetchRefused, match="more than 3 redirects"):
        fetch(server.url("/r0"), settings=fetch_settings)
    assert len(server.requests) == 4


def test_redirect_loop_is_refused(server, fetch_settings):
    server.redirect("/a", "/b")
    server.redirect("/b", "/a")
    with pytest.raises(FetchRefused, match="redirects"):
        fetch(server.url("/a"), settings=fetch_settings)


def test_loopback_is_refused_by_default(server):
    url = server.add("/a", body=b"secret")
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(url, settings=Settings(environment="test"))
    assert server.requests == []


def test_loopback_written_as_one_number_is_refused(server):
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(f"http://2130706433:{server.port}/a", settings=Settings(environment="test"))


def test_localhost_name_is_refused_by_default(server):
    with pytest.raises(FetchRefused, match="localhost"):
        fetch(f"http://localhost:{server.port}/a", settings=Settings(environment="test"))


def test_fetch_allow_private_lets_loopback_through(server):
    url = server.add("/a", body=b"ok")
    assert fetch(url, settings=Settings(environment="test", fetch_allow_private=True)).body == b"ok"


def test_client_refuses_private_addresses_at_connect_time(server):
    """The guard sits in the transport too, so a name that re-resolves after the check is caught."""
    server.add("/a", body=b"secret")
    with build_client(Settings(environment="test")) as client, pytest.raises(FetchRefused):
        client.get(server.url("/a"))
    assert server.requests == []


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "http:///nohost"])
def test_non_http_urls_are_refused(fetch_settings, url):
    with pytest.raises(FetchRefused):
        fetch(url, settings=fetch_settings)


@pytest.mark.parametrize(
    ("status", "headers", "error"),
    [
        (404, {}, SourceGone),
        (410, {}, SourceGone),
        (401, {}, AuthExpired),
        (403, {}, AuthExpired),
        (500, {}, TransientFetchError),
        (502, {}, TransientFetchError),
        (503, {}, TransientFetchError),
        (408, {}, TransientFetchError),
        (400, {}, BadPayload),
    ],
)
def test_http_status_maps_to_its_failure_mode(server, fetch_settings, status, headers, error):
    url = server.add("/s", status=status, headers=headers, body=b"no")
    with pytest.raises(error, match=str(status)):
        fetch(url, settings=fetch_settings)


def test_429_with_retry_after_is_rate_limited_with_the_delay(server, fetch_settings):
    url = server.add("/s", status=429, headers={"Retry-After": "120"})
    with pytest.raises(RateLimited) as caught:
        fetch(url, settings=fetch_settings)
    assert caught.value.retry_after == 120


def test_503_with_retry_after_is_rate_limited(server, fetch_settings):
    url = server.add("/s", status=503, headers={"Retry-After": "7"})
    with pytest.raises(RateLimited) as caught:
        fetch(url, settings=fetch_settings)
    assert caught.value.retry_after == 7


def test_retry_after_as_an_http_date():
    from datetime import UTC, datetime

    now = datetime(2024, 3, 5, 10, 0, tzinfo=UTC)
    assert parse_retry_after("Tue, 05 Mar 2024 10:01:30 GMT", now=now) == 90
    assert parse_retry_after("soon", now=now) is None
    assert status_error(200, {}, "u") is None


def test_injected_client_gets_the_same_policy():
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/"})

    client = httpx.Client(transport=httpx.MockTransport(answer))
    allowed = Settings(environment="test", fetch_allowed_hosts=["127.0.0.1"])
    with pytest.raises(FetchRefused, match="link-local"):
        fetch("http://127.0.0.1/feed", settings=allowed, client=client)
    assert asked == ["http://127.0.0.1/feed"]  # the metadata address was never requested


def test_gunzip_capped_refuses_past_the_limit():
    packed = gzip.compress(b"a" * 10_000)
    assert gunzip_capped(packed, url="u", max_bytes=10_000) == b"a" * 10_000
    with pytest.raises(FetchRefused):
        gunzip_capped(packed, url="u", max_bytes=9_999)
