"""What every destination kind shares: its config model, how it sends, and its failure modes.

A destination's ``send`` returns when the far end accepted the notification and otherwise raises
one of the errors below; voxpop/notify/deliver.py turns each into an outcome in one function.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import httpx
from pydantic import BaseModel, ValidationError

from voxpop.notify.message import Notification
from voxpop.settings import Settings


class DeliveryError(Exception):
    """A notification did not reach its destination this time."""


class TransientDeliveryError(DeliveryError):
    """Worth trying again later: a timeout, a refused connection, HTTP 5xx/408/429, SMTP 4xx."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentDeliveryError(DeliveryError):
    """Trying again cannot help (HTTP 4xx, a redirect, a refused address, SMTP 5xx, bad login):
    the notification is dead-lettered at once with the reason, for a person to fix and retry."""


class DestinationConfigError(ValueError):
    """A destination's settings are invalid (a missing URL, an unknown option, a weak secret)."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """One try at delivering one outbox row."""

    idempotency_key: str
    event_key: str
    notification: Notification
    created_at: datetime
    attempt: int


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret value replaced by ***: error messages are stored and printed."""
    for secret in sorted((s for s in secrets if s and len(s) >= 4), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


class Destination:
    """Base of the destination kinds. Subclasses set ``kind``, ``description``, ``secret_keys`` and
    ``Config`` (a pydantic model), and implement ``send``."""

    kind: ClassVar[str] = ""
    description: ClassVar[str] = ""
    #: Config keys whose values are secrets: masked in listings, redacted from error messages.
    secret_keys: ClassVar[tuple[str, ...]] = ()
    Config: ClassVar[type[BaseModel]]

    @classmethod
    def parse_config(cls, config: dict[str, Any]) -> Any:
        try:
            return cls.Config.model_validate(config)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or cls.kind}: {e['msg']}" for e in exc.errors()
            )
            raise DestinationConfigError(f"invalid {cls.kind} destination: {problems}") from None

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> dict[str, Any]:
        return cls.parse_config(config).model_dump(mode="json")  # type: ignore[no-any-return]

    def __init__(
        self, *, name: str, config: dict[str, Any], settings: Settings, client: httpx.Client | None = None
    ) -> None:
        self.name = name
        self.raw_config = config
        self.config = self.parse_config(config)
        self.settings = settings
        self._client = client

    def secrets(self) -> list[str]:
        return [str(self.raw_config[k]) for k in self.secret_keys if self.raw_config.get(k)]

    def send(self, delivery: Delivery) -> None:
        raise NotImplementedError
