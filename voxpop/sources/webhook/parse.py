"""Edge validation for the inbound webhook: its config, the signature of a push, and a pushed body (one
JSON object, a JSON array of objects, or NDJSON) → MentionDrafts and Rejects, each with its position.

Everything here is pure (no store, no HTTP). Records are read by the file source's interchange
parser (voxpop.sources.file.parse), so a pushed record and an imported one mean the same.

The signature (chosen over an API token with an ingest role: a per-source secret can be given to
one sending system without giving it a user of the workspace, and it also proves the body was not
altered on the way): ``X-Voxpop-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`` with
the source's secret as key, and ``X-Voxpop-Timestamp: <Unix seconds>``, refused when more than
``tolerance_s`` (5 minutes) away from the server's clock. A replay within that window stores
nothing new: records are recognised by their ids.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_serializer, field_validator

from voxpop.ingest.normalise import InvalidField
from voxpop.records import CHANNELS, MentionDraft, Reject
from voxpop.sources.base import validate_config_model
from voxpop.sources.file.parse import CHANNEL_ALIASES, FieldMap, RecordParser

SIGNATURE_HEADER = "X-Voxpop-Signature"
TIMESTAMP_HEADER = "X-Voxpop-Timestamp"
SIGNATURE_SCHEME = "sha256="
#: The shortest secret accepted: 32 characters (e.g. 16 random bytes as hex), so it cannot be guessed.
MIN_SECRET = 32
DEFAULT_MAX_BODY = 5 * 1024 * 1024
#: Rejects listed in one answer (all are counted, and all are stored with the source's rejects).
MAX_REJECTS_SHOWN = 100


class WebhookConfig(BaseModel):
    """A webhook source: the secret the sending system signs with, and how its records are read."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    #: The signing key shared with the sending system (masked wherever the config is shown).
    secret: SecretStr
    #: The secret being replaced, accepted too while the sending system moves to the new one.
    previous_secret: SecretStr | None = None
    #: The network of records that do not say (their ``channel`` field).
    channel: str = "webhook"
    #: ``text=body,published_at=created``: where each field is in the pushed records (like ``--map``).
    map: dict[str, str] | None = None
    #: The largest body accepted, in bytes (larger: HTTP 413).
    max_body_bytes: int = Field(DEFAULT_MAX_BODY, ge=1024, le=64 * 1024 * 1024)
    #: How far the signed timestamp may be from the server's clock, in seconds.
    tolerance_s: int = Field(300, ge=10, le=3600)

    @field_validator("secret", "previous_secret")
    @classmethod
    def _secret(cls, value: SecretStr | None) -> SecretStr | None:
        # The message never repeats the value: it is a secret.
        if value is None:
            return None
        text = value.get_secret_value()
        if len(text) < MIN_SECRET or any(ch.isspace() for ch in text):
            raise ValueError(f"must be at least {MIN_SECRET} characters without spaces; make one with: "
                             "python -c 'import secrets; print(secrets.token_hex(32))'")
        return value

    @field_serializer("secret", "previous_secret", when_used="always")
    def _dump_secret(self, value: SecretStr | None) -> str | None:
        # Stored with the source, masked by voxpop.store.sources.mask_secrets when shown.
        return value.get_secret_value() if value is not None else None

    @field_validator("channel")
    @classmethod
    def _channel(cls, value: str) -> str:
        name = CHANNEL_ALIASES.get(value.lower(), value.lower())
        if name not in CHANNELS:
            raise ValueError(f"unknown network {value!r}; known: {', '.join(sorted(CHANNELS))}")
        return name

    @field_validator("map", mode="before")
    @classmethod
    def _map(cls, value: Any) -> Any:
        if value is None or value == "":
            return None
        try:
            return FieldMap(value).as_config() or None
        except ValueError as exc:
            raise ValueError(str(exc)) from None

    def secrets(self) -> list[bytes]:
        keys = [self.secret] + ([self.previous_secret] if self.previous_secret is not None else [])
        return [k.get_secret_value().encode("utf-8") for k in keys]


def validate_config(config: dict[str, Any]) -> WebhookConfig:
    return validate_config_model(WebhookConfig, config, kind="webhook", example='{"secret": "<64 hex characters>"}')


# --- the signature ----------------------------------------------------------------------------


class SignatureProblem(Exception):
    """The push is not signed, or not signed with this source's secret, or too long ago."""


def sign(secret: str | bytes, timestamp: int | str, body: bytes) -> str:
    """The ``X-Voxpop-Signature`` value for ``body`` sent at ``timestamp`` (for senders and tests)."""
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    digest = hmac.new(key, f"{timestamp}.".encode("ascii") + body, hashlib.sha256).hexdigest()
    return SIGNATURE_SCHEME + digest


def check_signature(config: WebhookConfig, *, signature: str | None, timestamp: str | None, body: bytes,
                    now: datetime | None = None) -> None:
    """Raise SignatureProblem unless ``signature`` is the HMAC of ``timestamp.body`` under the source's
    secret (or the previous one) and ``timestamp`` is within ``tolerance_s`` of ``now``."""
    if not signature or not timestamp:
        raise SignatureProblem(f"sign the push: send {TIMESTAMP_HEADER} (Unix seconds) and {SIGNATURE_HEADER} "
                               "(sha256=<hex HMAC-SHA256 of '<timestamp>.<body>' with the source's secret>)")
    text = timestamp.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise SignatureProblem(f"{TIMESTAMP_HEADER} must be Unix seconds (an integer)")
    age = (now or datetime.now(UTC)).timestamp() - int(text)
    if abs(age) > config.tolerance_s:
        raise SignatureProblem(f"{TIMESTAMP_HEADER} is {abs(age):.0f}s {'old' if age > 0 else 'ahead'}; pushes must "
                               f"be signed within {config.tolerance_s}s of the server's clock (check the clocks)")
    sent = signature.strip()
    if not sent.lower().startswith(SIGNATURE_SCHEME):
        raise SignatureProblem(f"{SIGNATURE_HEADER} must be 'sha256=<hex digest>'")
    sent = SIGNATURE_SCHEME + sent[len(SIGNATURE_SCHEME):].lower()
    # compare_digest on every key: the time taken does not say how much of a guess was right
    matches = [hmac.compare_digest(sign(key, text, body), sent) for key in config.secrets()]
    if not any(matches):
        raise SignatureProblem(f"{SIGNATURE_HEADER} does not match the body: check the secret, and sign the exact "
                               "bytes sent")


# --- the body ---------------------------------------------------------------------------------


class UnreadableBody(Exception):
    """The body as a whole is not a JSON object, a JSON array or NDJSON (nothing can be read from it)."""


@dataclass(slots=True)
class ReadBody:
    """A pushed body read: its drafts, its rejects (each with its 1-based position), how many records."""

    drafts: list[MentionDraft] = field(default_factory=list)
    rejects: list[tuple[int, Reject]] = field(default_factory=list)
    received: int = 0


def split_records(body: bytes) -> list[tuple[int, Any, bytes, str | None]]:
    """(position, parsed value or None, raw bytes, problem) per record of a JSON object, a JSON array
    or NDJSON. Positions are 1-based: the array element, or the NDJSON line."""
    text = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.strip():
        raise UnreadableBody("the body is empty; send a JSON object, a JSON array of objects, or NDJSON")
    if text.startswith(b"["):
        try:
            items = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise UnreadableBody(f"the body starts as a JSON array but is not valid JSON: {exc}") from None
        if not isinstance(items, list):
            raise UnreadableBody("the body is not a JSON array")
        return [(i, item, orjson.dumps(item), None) for i, item in enumerate(items, start=1)]
    try:
        whole = orjson.loads(text)
    except orjson.JSONDecodeError:
        whole = None
    else:
        if not isinstance(whole, dict):
            raise UnreadableBody(f"the body is a JSON {type(whole).__name__}; send an object, an array of objects, "
                                 "or NDJSON")
        return [(1, whole, text.strip(), None)]
    lines = [(n, line.strip()) for n, line in enumerate(text.split(b"\n"), start=1) if line.strip()]
    if len(lines) < 2:
        raise UnreadableBody("the body is not JSON (nor NDJSON: one JSON object per line)")
    records: list[tuple[int, Any, bytes, str | None]] = []
    for number, line in lines:
        try:
            records.append((number, orjson.loads(line), line, None))
        except orjson.JSONDecodeError as exc:
            records.append((number, None, line, f"line is not JSON: {exc}"))
    return records


def read_body(body: bytes, *, config: WebhookConfig, naive_tz: Any, max_record_bytes: int,
              now: datetime | None = None, source_name: str = "webhook") -> ReadBody:
    """Every record of ``body`` as a draft, or a reject naming its position and what is wrong."""
    parser = RecordParser(naive_tz=naive_tz, fields=FieldMap(config.map), default_channel=config.channel,
                          now=now or datetime.now(UTC))
    read = ReadBody()
    for position, value, raw, problem in split_records(body):
        read.received += 1

        def rejected(reason: str, position: int = position, raw: bytes = raw) -> None:
            where = f"webhook {source_name}:{position}"
            read.rejects.append((position, Reject(where, reason, raw[:200].decode("utf-8", "replace"))))

        if problem is not None:
            rejected(problem)
        elif len(raw) > max_record_bytes:
            rejected(f"record of {len(raw):,} bytes is over the {max_record_bytes:,}-byte cap")
        elif not isinstance(value, dict):
            rejected(f"expected a JSON object, found {type(value).__name__}")
        else:
            try:
                read.drafts.append(parser.parse(value, raw))
            except InvalidField as exc:
                # the interchange parser's hint names the import command's option; here it is the source's
                rejected(str(exc).replace("use --map ", "set the source's option map="))
    return read
