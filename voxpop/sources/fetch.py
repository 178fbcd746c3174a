"""The safe HTTP fetcher every connector uses for URLs a user typed in.

Only http(s); private, loopback, link-local and other non-public addresses are refused on every
hop and again at connect time (so a DNS answer that changes between check and connect cannot
slip past); redirects are followed by hand; body size and total time are capped; conditional GET.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpcore
import httpx

from voxpop.settings import Settings
from voxpop.sources.base import (
    AuthExpired,
    BadPayload,
    FetchRefused,
    RateLimited,
    SourceError,
    SourceGone,
    TransientFetchError,
)

ALLOWED_SCHEMES = frozenset({"http", "https"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Only encodings we can decode with a bound on the output (a gzip bomb must hit the cap, not RAM).
ACCEPT_ENCODING = "gzip, deflate"

#: Monotonic deadline of the fetch running in this context; socket reads/writes are clamped to it.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "voxpop_fetch_deadline", default=None
)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One answered GET. ``not_modified`` means 304: ``body`` is empty, the validators hold."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes
    etag: str | None
    last_modified: str | None
    not_modified: bool = False

    @property
    def content_type(self) -> str:
        """The media type in lower case without parameters ('' when the server did not say)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None


# --- the address policy -----------------------------------------------------------------------


def parse_http_url(url: str) -> httpx.URL:
    """``url`` as an absolute http(s) URL with a host, or ValueError saying what is wrong."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise ValueError(f"{url!r} is not a valid URL ({exc})") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise ValueError(f"{url!r} is not an http or https URL")
    if not parsed.host:
        raise ValueError(f"{url!r} has no host")
    return parsed


def _address_kind(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``addr`` is not a public address, or None when it is."""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return _address_kind(addr.ipv4_mapped)
    checks = (
        ("unspecified", addr.is_unspecified),
        ("loopback", addr.is_loopback),
        ("link-local", addr.is_link_local),
        ("multicast", addr.is_multicast),
        ("private", addr.is_private),
        ("reserved", addr.is_reserved),
        ("non-public", not addr.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def resolve_allowed(host: str, port: int, settings: Settings) -> list[str]:
    """The addresses ``host`` resolves to, all of them allowed; FetchRefused if any is not.

    Every address must pass, not just the first: a name with one public and one private
    record would otherwise be a coin toss away from the private one.
    """
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise TransientFetchError(f"cannot resolve host {host!r}: {reason}") from exc
    addresses: list[str] = []
    for info in infos:
        ip = str(info[4][0]).split("%", 1)[0]
        if ip not in addresses:
            addresses.append(ip)
    if settings.fetch_allow_private or settings.host_is_allowed_anyway(host):
        return addresses
    for ip in addresses:
        kind = _address_kind(ipaddress.ip_address(ip))
        if kind is not None and not settings.host_is_allowed_anyway(ip):
            shown = host if host == ip else f"{host} ({ip})"
            raise FetchRefused(
                f"refusing to fetch from {shown}: a {kind} address. Fetching user-supplied URLs "
                "from inside the network is refused; add the host to VOXPOP_FETCH_ALLOWED_HOSTS "
                "if it is really meant to be read"
            )
    return addresses


def check_url(url: str | httpx.URL, settings: Settings) -> httpx.URL:
    """``url`` parsed and its host checked against the address policy (else FetchRefused)."""
    try:
        parsed = parse_http_url(str(url))
    except ValueError as exc:
        raise FetchRefused(f"refusing to fetch: {exc}") from exc
    if settings.fetch_allow_private or settings.host_is_allowed_anyway(parsed.host):
        return parsed  # whatever it resolves to is allowed; the connection resolves it
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    resolve_allowed(parsed.host, port, settings)
    return parsed


# --- the transport: the policy again at connect time, and the deadline on every socket call ----


def _clamp(timeout: float | None) -> float | None:
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket whose every read and write ends by the current fetch's deadline.

    httpx's read timeout is per read; a server that trickles one byte at a time (headers
    included) would never trip it. Clamping each call to the remaining time does.
    """

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        timeout = _clamp(timeout)
        if timeout is not None and timeout <= 0:
            raise httpcore.ReadTimeout("the fetch deadline passed")
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        timeout = _clamp(timeout)
        if timeout is not None and timeout <= 0:
            raise httpcore.WriteTimeout("the fetch deadline passed")
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout)
        if timeout is not None and timeout <= 0:
            raise httpcore.ConnectTimeout("the fetch deadline passed")
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves, checks every address, then connects to a checked address (never re-resolving)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_allowed(host, port, self._settings)
        error: Exception | None = None
        for ip in addresses:
            try:
                stream = super().connect_tcp(
                    ip, port, _clamp(timeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            return _DeadlineStream(stream)
        raise error or httpcore.ConnectError(f"{host} has no addresses")


class _GuardedTransport(httpx.HTTPTransport):
    # httpx.HTTPTransport offers no way to pass a network backend, so its connection pool is
    # replaced by one that has ours; tests/sources/test_fetch.py checks the guard is in force.
    def __init__(self, settings: Settings) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=10,
            max_keepalive_connections=5,
            keepalive_expiry=5.0,
            network_backend=_GuardedBackend(settings),
        )


def build_client(settings: Settings) -> httpx.Client:
    """An httpx client that refuses non-public addresses at connect time and ignores proxy env vars.

    Proxies are not used: through a proxy, the connect-time check would see the proxy's address.
    """
    return httpx.Client(
        transport=_GuardedTransport(settings),
        follow_redirects=False,
        trust_env=False,
        timeout=settings.fetch_timeout_s,
        headers={"User-Agent": settings.user_agent},
    )


@contextmanager
def open_client(settings: Settings, client: httpx.Client | None = None) -> Iterator[httpx.Client]:
    """The injected client as is, or a new guarded one closed afterwards."""
    if client is not None:
        yield client
        return
    with build_client(settings) as built:
        yield built


# --- status codes → failure modes -------------------------------------------------------------


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def status_error(status: int, headers: Mapping[str, str], url: str) -> SourceError | None:
    """The failure an HTTP status means for a source, or None for a success."""
    if 200 <= status < 300:
        return None
    retry_after = parse_retry_after(headers.get("retry-after"))
    if status == 429 or (status == 503 and retry_after is not None):
        wait = f"; asked to wait {retry_after:g}s" if retry_after is not None else ""
        return RateLimited(
            f"{url} answered HTTP {status} (slow down){wait}", retry_after=retry_after
        )
    if status in (401, 403):
        return AuthExpired(f"{url} answered HTTP {status}: access refused")
    if status in (404, 410):
        return SourceGone(f"{url} answered HTTP {status}: it is not there any more")
    if status == 408 or status >= 500:
        return TransientFetchError(f"{url} answered HTTP {status}")
    return BadPayload(f"{url} answered HTTP {status}, which is not a readable response")


# --- the fetch --------------------------------------------------------------------------------


def fetch(
    url: str,
    *,
    settings: Settings,
    client: httpx.Client | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "*/*",
) -> FetchResult:
    """GET ``url`` under the address policy, the redirect limit, the size cap and the deadline.

    Raises the source errors of base.py: FetchRefused, TransientFetchError, RateLimited,
    AuthExpired, SourceGone, BadPayload. A 304 is a result with ``not_modified`` set.
    """
    deadline = time.monotonic() + settings.fetch_timeout_s
    token = _DEADLINE.set(deadline)
    try:
        with open_client(settings, client) as http:
            return _fetch(url, settings, http, deadline, etag, last_modified, accept)
    finally:
        _DEADLINE.reset(token)


def _fetch(
    url: str,
    settings: Settings,
    client: httpx.Client,
    deadline: float,
    etag: str | None,
    last_modified: str | None,
    accept: str,
) -> FetchResult:
    current = check_url(url, settings)
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": accept,
        "Accept-Encoding": ACCEPT_ENCODING,
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for _hop in range(settings.fetch_max_redirects + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _too_slow(url, settings)
        request = client.build_request(
            "GET", current, headers=headers, timeout=httpx.Timeout(remaining)
        )
        try:
            response = client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException as exc:
            raise _too_slow(url, settings) from exc
        except httpx.TransportError as exc:
            raise TransientFetchError(
                f"fetching {url} failed: {exc or type(exc).__name__}"
            ) from exc
        try:
            status = response.status_code
            if status in REDIRECT_STATUSES and response.headers.get("location"):
                try:
                    target = current.join(response.headers["location"].strip())
                except httpx.InvalidURL as exc:
                    raise BadPayload(f"{current} redirects to an invalid URL: {exc}") from exc
                current = check_url(target, settings)
                continue
            if status == 304:
                return FetchResult(
                    url=str(current),
                    status=304,
                    headers=response.headers,
                    body=b"",
                    etag=response.headers.get("etag") or etag,
                    last_modified=response.headers.get("last-modified") or last_modified,
                    not_modified=True,
                )
            error = status_error(status, response.headers, str(current))
            if error is not None:
                raise error
            body = _read_capped(response, str(current), settings, deadline)
            return FetchResult(
                url=str(current),
                status=status,
                headers=response.headers,
                body=body,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
        finally:
            response.close()
    raise FetchRefused(
        f"refusing to follow more than {settings.fetch_max_redirects} redirects from {url}"
    )


def _too_slow(url: str, settings: Settings) -> TransientFetchError:
    return TransientFetchError(f"{url} did not answer in full within {settings.fetch_timeout_s:g}s")


def _too_big(url: str, settings: Settings) -> FetchRefused:
    return FetchRefused(
        f"{url} is larger than the {settings.fetch_max_bytes:,} byte limit (VOXPOP_FETCH_MAX_BYTES)"
    )


def _read_capped(response: httpx.Response, url: str, settings: Settings, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > settings.fetch_max_bytes:
        raise _too_big(url, settings)
    if response.is_stream_consumed:  # built already read (httpx.MockTransport): httpx decoded it
        if len(response.content) > settings.fetch_max_bytes:
            raise _too_big(url, settings)
        return response.content
    decoder = _Decoder(response.headers.get("content-encoding", ""), url, settings.fetch_max_bytes)
    parts: list[bytes] = []
    size = 0
    try:
        for raw in response.iter_raw():
            if time.monotonic() > deadline:
                raise _too_slow(url, settings)
            chunk = decoder.decode(raw)
            size += len(chunk)
            if size > settings.fetch_max_bytes:
                raise _too_big(url, settings)
            parts.append(chunk)
    except httpx.TimeoutException as exc:
        raise _too_slow(url, settings) from exc
    except httpx.TransportError as exc:
        raise TransientFetchError(f"reading {url} failed: {exc or type(exc).__name__}") from exc
    tail = decoder.flush()
    if size + len(tail) > settings.fetch_max_bytes:
        raise _too_big(url, settings)
    parts.append(tail)
    return b"".join(parts)


class _Decoder:
    """Content-Encoding gzip/deflate decoded with a bound on the output, or identity."""

    def __init__(self, encoding: str, url: str, max_bytes: int) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        self._url = url
        self._max = max_bytes
        self._produced = 0
        self._deflate_probe = False
        if not codings:
            self._zlib = None
        elif codings == ["gzip"] or codings == ["x-gzip"]:
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif codings == ["deflate"]:
            # "deflate" is meant to be zlib-wrapped, but many servers send it raw.
            self._zlib = zlib.decompressobj()
            self._deflate_probe = True
        else:
            raise BadPayload(f"{url} answered with an unsupported Content-Encoding {encoding!r}")

    def decode(self, data: bytes) -> bytes:
        if self._zlib is None or not data:
            return data
        out: list[bytes] = []
        while data:
            try:
                piece = self._zlib.decompress(data, self._max - self._produced + 1)
            except zlib.error as exc:
                if self._deflate_probe and self._produced == 0:
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._deflate_probe = False
                    continue
                raise BadPayload(f"{self._url}: the compressed body is corrupt ({exc})") from exc
            self._deflate_probe = False
            self._produced += len(piece)
            out.append(piece)
            if self._produced > self._max:
                break  # the caller sees the size and refuses
            data = self._zlib.unconsumed_tail
        return b"".join(out)

    def flush(self) -> bytes:
        if self._zlib is None:
            return b""
        try:
            return self._zlib.flush()
        except zlib.error as exc:
            raise BadPayload(f"{self._url}: the compressed body is corrupt ({exc})") from exc


def gunzip_capped(data: bytes, *, url: str, max_bytes: int) -> bytes:
    """A gzip file (e.g. sitemap.xml.gz served as is) decompressed, refused past ``max_bytes``."""
    decoder = _Decoder("gzip", url, max_bytes)
    body = decoder.decode(data)
    if len(body) > max_bytes:
        raise FetchRefused(f"{url} decompresses to more than the {max_bytes:,} byte limit")
    tail = decoder.flush()
    if len(body) + len(tail) > max_bytes:
        raise FetchRefused(f"{url} decompresses to more than the {max_bytes:,} byte limit")
    return body + tail


class HttpSource:
    """What every connector that fetches user-supplied URLs shares: its validated config (the
    subclass's ``parse_config``), the settings, and an optional injected client (tests pass an
    httpx.Client over MockTransport; otherwise ``fetch`` builds the guarded one)."""

    @staticmethod
    def parse_config(config: dict[str, Any]) -> Any:
        raise NotImplementedError

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> dict[str, Any]:
        return cls.parse_config(config).model_dump()  # type: ignore[no-any-return]

    def __init__(
        self,
        *,
        source_id: int,
        name: str,
        config: dict[str, Any],
        settings: Settings,
        client: httpx.Client | None = None,
    ) -> None:
        self.source_id = source_id
        self.name = name
        self.config = self.parse_config(config)
        self._settings = settings
        self._client = client


# ---- bearer tokens on an API's own origin (bluesky, reddit) -----------------------------------

#: The most of an error answer's body read to explain it.
MAX_ERROR_BODY = 64 * 1024


def origin_of(url: httpx.URL | str) -> str:
    """``scheme://host[:port]`` of a URL, the host lower-cased."""
    parsed = httpx.URL(str(url))
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.scheme}://{parsed.host.lower()}{port}"


def read_some(response: httpx.Response, limit: int = MAX_ERROR_BODY) -> bytes:
    """At most ``limit`` bytes of a streamed answer's body (b"" when reading it fails)."""
    parts: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            parts.append(chunk)
            size += len(chunk)
            if size > limit:
                break
    except httpx.HTTPError:
        return b""
    return b"".join(parts)[:limit]


class OriginBearerAuth(httpx.Auth):
    """The bearer token on requests to the API's own origin (never elsewhere: the fetcher follows
    redirects by hand), and the headers and (capped) error body of the last answer, read by the
    connector's ``read_error`` (which ``fetch`` does not do)."""

    def __init__(self, token: str | None, origin: str, read_error: Callable[[bytes], Any]) -> None:
        self.token = token
        self._origin = origin
        self._read_error = read_error
        self.last_headers: httpx.Headers = httpx.Headers()
        self.last_error: Any = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.token and origin_of(request.url) == self._origin:
            request.headers["Authorization"] = f"Bearer {self.token}"
        else:
            request.headers.pop("Authorization", None)
        response = yield request
        self.last_headers = response.headers
        self.last_error = None
        if response.status_code >= 400:
            self.last_error = self._read_error(read_some(response))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(origin={self._origin!r}, token={'***' if self.token else None})"


@contextmanager
def authorised(client: httpx.Client, auth: httpx.Auth) -> Iterator[httpx.Client]:
    """The client with ``auth`` for the duration (an injected client gets its own auth back)."""
    previous = client.auth
    client.auth = auth
    try:
        yield client
    finally:
        client.auth = previous  # type: ignore[assignment]
