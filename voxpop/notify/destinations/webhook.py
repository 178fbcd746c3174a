"""Generic webhook: the notification as JSON, signed with HMAC-SHA256 over "timestamp.body".

Headers: ``X-Voxpop-Timestamp`` (Unix seconds of this try), ``X-Voxpop-Signature:
sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>``, ``Idempotency-Key`` (the same on every
try of one notification). ``verify_signature`` is the receiver's side (docs/notifications.md).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any, ClassVar

import orjson
from pydantic import BaseModel, ConfigDict, Field, field_validator

from voxpop.notify.destinations.base import Delivery, Destination
from voxpop.notify.destinations.http import post
from voxpop.sources.fetch import parse_http_url

#: A receiver should refuse requests whose timestamp is further than this from its clock.
REPLAY_WINDOW_S = 300
SIGNATURE_HEADER = "X-Voxpop-Signature"
TIMESTAMP_HEADER = "X-Voxpop-Timestamp"
IDEMPOTENCY_HEADER = "Idempotency-Key"


class WebhookConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(description="Where to POST (http or https).")
    secret: str = Field(min_length=16, description="Shared HMAC secret; the receiver checks signatures with it.")
    timeout_s: float = Field(10.0, gt=0, le=120, description="Time limit for one try, answer included.")

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return str(parse_http_url(value))


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header's value for ``body`` sent at ``timestamp`` (Unix seconds as text)."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


class SignatureInvalid(ValueError):
    """A webhook request that must be refused: bad or missing signature, or too old / too new."""


def verify_signature(
    secret: str, *, body: bytes, timestamp: str | None, signature: str | None, now: float | None = None,
    tolerance_s: float = REPLAY_WINDOW_S,
) -> None:
    """Check a received webhook request; raises SignatureInvalid saying why it must be refused.

    Checks the signature over the exact bytes received (before any JSON parsing), in constant
    time, then refuses a timestamp more than ``tolerance_s`` from ``now`` (a replayed request).
    Repeats inside the window are the receiver's to drop by Idempotency-Key.
    """
    if not timestamp or not signature:
        raise SignatureInvalid("missing signature or timestamp header")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature.strip()):
        raise SignatureInvalid("signature does not match")
    try:
        sent = int(timestamp)
    except ValueError:
        raise SignatureInvalid("timestamp is not Unix seconds") from None
    if abs((time.time() if now is None else now) - sent) > tolerance_s:
        raise SignatureInvalid(f"timestamp is more than {tolerance_s:g}s away (a replay?)")


def body_for(delivery: Delivery) -> bytes:
    """The JSON body: the same bytes on every try, so receivers may also hash it."""
    envelope: dict[str, Any] = {
        "id": delivery.idempotency_key,
        "event": delivery.event_key,
        "created_at": delivery.created_at.isoformat(),
        "notification": delivery.notification.model_dump(mode="json", exclude_none=True),
    }
    return orjson.dumps(envelope)


class WebhookDestination(Destination):
    kind: ClassVar[str] = "webhook"
    description: ClassVar[str] = "POST signed JSON to a URL (HMAC-SHA256, timestamp, Idempotency-Key)"
    secret_keys: ClassVar[tuple[str, ...]] = ("secret",)
    Config = WebhookConfig

    def send(self, delivery: Delivery) -> None:
        config: WebhookConfig = self.config
        body = body_for(delivery)
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: sign(config.secret, timestamp, body),
            IDEMPOTENCY_HEADER: delivery.idempotency_key,
        }
        post(config.url, body=body, headers=headers, settings=self.settings, timeout_s=config.timeout_s,
             client=self._client, label=f"webhook {self.name}")
