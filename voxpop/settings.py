"""The one typed settings object: every knob, read from VOXPOP_* variables, with help text."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SettingsError(ValueError):
    """A setting has a value voxpop refuses to run with."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VOXPOP_", extra="ignore", frozen=True)

    environment: Literal["development", "demo", "test", "production"] = Field(
        "development",
        description="Where this runs. 'production' refuses unsafe defaults such as a missing secret.",
    )
    data_dir: Path = Field(
        Path("voxpop-data"),
        description="The workspace's data directory; the embedded database lives here as voxpop.db.",
    )
    database_url: str | None = Field(
        None,
        description=(
            "SQLAlchemy URL of the store. Unset: SQLite at DATA_DIR/voxpop.db. "
            "PostgreSQL: postgresql+psycopg://user@host/db (postgresql:// is accepted too)."
        ),
    )
    secret_key: str | None = Field(
        None, description="Secret for signing sessions and tokens; required in production."
    )
    max_record_bytes: int = Field(
        1_000_000, ge=1_000, description="Records (a line, a JSON object, a page) larger than this are rejected."
    )
    naive_timezone: str = Field(
        "UTC", description="Time zone assumed for imported times that carry no zone (IANA name)."
    )
    import_batch_size: int = Field(
        2_000, ge=1, le=100_000, description="Mentions written per transaction during imports."
    )
    fetch_timeout_s: float = Field(20.0, gt=0, description="Total time allowed for one HTTP fetch.")
    fetch_max_bytes: int = Field(
        10_000_000, ge=1_000, description="Largest response body accepted from a feed or page."
    )
    fetch_max_redirects: int = Field(5, ge=0, le=20, description="Redirects followed, each re-checked.")
    fetch_allow_private: bool = Field(
        False,
        description="Allow fetching private, loopback and link-local addresses (never on a shared server).",
    )
    fetch_allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Hosts or IPs allowed even though private or loopback, e.g. [\"127.0.0.1\"] for tests.",
    )
    user_agent: str = Field(
        "voxpop/0.1 (+https://github.com/voxpop/voxpop; self-hosted social listening)",
        description="User-Agent sent with every request.",
    )
    query_backfill_days: int = Field(
        7, ge=0, le=365,
        description="Adding a saved query searches this many days back through the search sources whose terms "
                    "come from the saved queries (0: no search backfill).",
    )
    # ---- the web app and API (voxpop serve) ----
    web_host: str = Field("127.0.0.1", description="Address 'voxpop serve' listens on (0.0.0.0: every interface).")
    web_port: int = Field(8000, ge=1, le=65535, description="Port 'voxpop serve' listens on.")
    session_max_age_s: int = Field(
        8 * 3600, ge=60, description="How long a web login lasts before signing in again (seconds)."
    )
    login_max_failures: int = Field(
        5, ge=1, description="Failed logins for one username within the window before further tries are refused."
    )
    login_max_failures_per_ip: int = Field(
        20, ge=1, description="Failed logins from one address within the window before it is refused."
    )
    login_window_s: int = Field(900, ge=1, description="The window of the failed-login limits (seconds).")

    @field_validator("naive_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Europe/Copenhagen") from exc
        return value

    @field_validator("fetch_allowed_hosts")
    @classmethod
    def _hosts_lowercase(cls, value: list[str]) -> list[str]:
        return [h.strip().lower().strip("[]") for h in value if h.strip()]

    @model_validator(mode="after")
    def _refuse_unsafe_defaults(self) -> Settings:
        if self.environment == "production":
            if not self.secret_key or len(self.secret_key) < 32:
                raise ValueError(
                    "VOXPOP_SECRET_KEY must be set to at least 32 random characters in production "
                    "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')"
                )
            if self.fetch_allow_private:
                raise ValueError("VOXPOP_FETCH_ALLOW_PRIVATE must not be enabled in production")
        return self

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            url = self.database_url
            if url.startswith("postgresql://") or url.startswith("postgres://"):
                url = "postgresql+psycopg://" + url.split("://", 1)[1]
            return url
        return f"sqlite:///{(self.data_dir / 'voxpop.db').resolve()}"

    @property
    def naive_tz(self) -> ZoneInfo:
        return ZoneInfo(self.naive_timezone)

    def host_is_allowed_anyway(self, host: str) -> bool:
        host = host.lower().strip("[]")
        if host in self.fetch_allowed_hosts:
            return True
        try:
            addr = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(
            _same_address(addr, allowed) for allowed in self.fetch_allowed_hosts
        )


def _same_address(addr: ipaddress.IPv4Address | ipaddress.IPv6Address, allowed: str) -> bool:
    try:
        return addr in ipaddress.ip_network(allowed, strict=False)
    except ValueError:
        return False


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    try:
        return Settings()
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise SettingsError(str(exc)) from exc
