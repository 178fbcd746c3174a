"""POSTing to a user-configured URL under the same address policy as fetching (voxpop/sources/fetch.py):
private, loopback and link-local hosts are refused unless VOXPOP_FETCH_ALLOWED_HOSTS (or, outside
production, VOXPOP_FETCH_ALLOW_PRIVATE) allows them; no redirects; one deadline for the whole try."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from voxpop.notify.destinations.base import PermanentDeliveryError, TransientDeliveryError
from voxpop.settings import Settings
from voxpop.sources import fetch
from voxpop.sources.base import FetchRefused, TransientFetchError

#: Largest response body read from a destination (only kept for the error message).
MAX_RESPONSE_BYTES = 64_000


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    # The guarded transport clamps every socket read and write to this deadline, so a receiver
    # that trickles its answer cannot hold the deliverer past its time limit (a per-read timeout
    # alone would not stop it). fetch.py keeps the deadline in a context variable.
    token = fetch._DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        fetch._DEADLINE.reset(token)


def post(
    url: str, *, body: bytes, headers: dict[str, str], settings: Settings, timeout_s: float,
    client: httpx.Client | None = None, label: str,
) -> httpx.Response:
    """POST ``body`` to ``url`` and return the 2xx response, or raise a delivery error.

    ``label`` names the destination in messages instead of the URL (a Slack webhook URL is a
    secret). 408, 429 and 5xx are transient; any other status, a redirect included, is permanent.
    """
    try:
        target = fetch.check_url(url, settings)
    except FetchRefused as exc:
        raise PermanentDeliveryError(f"{label}: {exc}") from None
    except TransientFetchError as exc:
        raise TransientDeliveryError(f"{label}: {exc}") from None
    with _deadline(timeout_s), fetch.open_client(settings, client) as http:
        try:
            request = http.build_request(
                "POST", target, content=body, headers={"User-Agent": settings.user_agent, **headers},
                timeout=httpx.Timeout(timeout_s),
            )
            response = http.send(request, follow_redirects=False, stream=True)
        except httpx.TimeoutException:
            raise TransientDeliveryError(f"{label}: no answer within {timeout_s:g}s") from None
        except FetchRefused as exc:
            raise PermanentDeliveryError(f"{label}: {exc}") from None
        except (httpx.TransportError, TransientFetchError) as exc:
            raise TransientDeliveryError(f"{label}: {type(exc).__name__}: {exc}") from None
        try:
            try:
                answer = _read_some(response)
            except httpx.TimeoutException:
                raise TransientDeliveryError(f"{label}: the answer did not arrive within {timeout_s:g}s") from None
            except httpx.TransportError as exc:
                raise TransientDeliveryError(f"{label}: reading the answer failed: {exc}") from None
        finally:
            response.close()
    status = response.status_code
    if 200 <= status < 300:
        return response
    said = f": {answer[:200]}" if answer else ""
    if status in (408, 429) or status >= 500:
        retry_after = fetch.parse_retry_after(response.headers.get("retry-after"))
        raise TransientDeliveryError(f"{label} answered HTTP {status}{said}", retry_after=retry_after)
    if 300 <= status < 400:
        raise PermanentDeliveryError(
            f"{label} answered HTTP {status} (a redirect, not followed): set the destination's URL to the target"
        )
    raise PermanentDeliveryError(f"{label} answered HTTP {status}{said}")


def _read_some(response: httpx.Response) -> str:
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        parts.append(chunk)
        size += len(chunk)
        if size >= MAX_RESPONSE_BYTES:
            break
    return b"".join(parts).decode("utf-8", "replace").strip()
