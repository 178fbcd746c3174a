"""What every connector is: a protocol, its batch type, and one exception class per failure mode."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings


class SourceError(Exception):
    """Base of every failure a source can report. ``str(exc)`` is shown to the user."""


class SourceConfigError(SourceError):
    """The source's configuration is invalid (bad URL, missing field, unknown option)."""


class TransientFetchError(SourceError):
    """A failure worth retrying later with backoff: timeout, connection reset, 5xx."""


class RateLimited(SourceError):
    """The remote side asked us to slow down; ``retry_after`` seconds if it said."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthExpired(SourceError):
    """Credentials were refused; the source needs attention from a person."""


class SourceGone(SourceError):
    """The resource no longer exists (404/410 for good); the source should be disabled."""


class FetchRefused(SourceError):
    """We refused to fetch: a private address, too many redirects, a body over the size cap."""


class BadPayload(SourceError):
    """The remote answered with something that is not what this source reads (HTML for a feed)."""


@dataclass(slots=True)
class Batch:
    """A slice of collected work: mentions, rejected inputs, and the cursor once they are stored.

    The ingest runner writes ``mentions``, ``rejects`` and ``cursor`` in one transaction, so a crash
    never leaves a cursor ahead of the items it covers.
    """

    mentions: list[MentionDraft] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    cursor: dict[str, Any] | None = None
    #: How far the source has got, for progress bars: (done, total) in the source's own unit.
    progress: tuple[int, int | None] | None = None
    #: External ids deleted at the source: their stored mentions become tombstones (store/mentions.py).
    deletions: list[str] = field(default_factory=list)


class Source(Protocol):
    """A connector. ``collect`` yields batches from ``cursor`` onwards; it may raise SourceError."""

    kind: ClassVar[str]
    #: Networks this connector publishes; the ``channel`` of its mentions.
    description: ClassVar[str]

    def collect(self, cursor: dict[str, Any]) -> Iterator[Batch]: ...


class SourceFactory(Protocol):
    kind: ClassVar[str]
    description: ClassVar[str]

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> dict[str, Any]:
        """Return the cleaned config or raise SourceConfigError naming the bad field."""
        ...

    def __call__(
        self, *, source_id: int, name: str, config: dict[str, Any], settings: Settings
    ) -> Source: ...


ConfigModel = TypeVar("ConfigModel", bound=BaseModel)


def validate_config_model(model: type[ConfigModel], config: Any, *, kind: str, example: str) -> ConfigModel:
    """A connector's config, validated by its pydantic model, or SourceConfigError naming every
    bad field in words a user can act on (the model should forbid unknown options)."""
    if not isinstance(config, dict):
        raise SourceConfigError(f"{kind} config must be an object such as {example}")
    try:
        return model.model_validate(config)
    except ValidationError as exc:
        options = ", ".join(model.model_fields)
        problems = []
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"]) or "config"
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = f"unknown {kind} option (options: {options})"
            elif error["type"] == "missing":
                message = "is required"
            problems.append(f"{field}: {message}")
        raise SourceConfigError(f"{kind} config: " + "; ".join(problems)) from exc


def payload_problems(exc: ValidationError, *, whole: str, limit: int = 5) -> str:
    """A rejected payload's first problems, field by field (``whole`` names the payload itself)."""
    problems = []
    for error in exc.errors()[:limit]:
        where = ".".join(str(part) for part in error["loc"]) or whole
        problems.append(f"{where} is missing" if error["type"] == "missing" else f"{where}: {error['msg']}")
    return "; ".join(problems)
