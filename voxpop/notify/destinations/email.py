"""E-mail over SMTP (standard library smtplib): plain text and HTML alternatives, STARTTLS or
implicit TLS, optional login. The SMTP host passes the same address policy as webhooks, checked on
the address actually connected to."""

from __future__ import annotations

import html
import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from voxpop.notify.destinations.base import (
    Delivery,
    Destination,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from voxpop.notify.message import Notification
from voxpop.settings import Settings
from voxpop.sources.base import FetchRefused, TransientFetchError
from voxpop.sources.fetch import resolve_allowed


class EmailConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = Field(min_length=1, description="SMTP server.")
    port: int | None = Field(None, ge=1, le=65535, description="Default: 465 with ssl, 587 with starttls, 25 without.")
    security: Literal["starttls", "ssl", "none"] = Field(
        "starttls", description="starttls (upgrade after connecting), ssl (implicit TLS), none (plain: local relays)."
    )
    username: str | None = None
    password: str | None = None
    from_addr: str = Field(min_length=3, description="Sender address, e.g. voxpop@example.com.")
    to: list[str] = Field(min_length=1, description="Recipients (a comma-separated list on the command line).")
    timeout_s: float = Field(20.0, gt=0, le=300, description="Time limit for each SMTP step.")

    @field_validator("to", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [a.strip() for a in value.split(",") if a.strip()]
        return value

    @field_validator("to")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        for address in value:
            if "@" not in address or any(c in address for c in "\r\n<>, "):
                raise ValueError(f"{address!r} is not an e-mail address")
        return value

    @model_validator(mode="after")
    def _no_password_in_clear(self) -> EmailConfig:
        if self.password and self.security == "none":
            raise ValueError("a password over an unencrypted connection would travel in clear: use starttls or ssl")
        if bool(self.username) != bool(self.password):
            raise ValueError("give both username and password, or neither")
        return self

    @property
    def resolved_port(self) -> int:
        return self.port or {"ssl": 465, "starttls": 587, "none": 25}[self.security]


def message_for(delivery: Delivery, config: EmailConfig) -> EmailMessage:
    """The e-mail: a subject from severity and title, plain text with an HTML alternative."""
    n: Notification = delivery.notification
    message = EmailMessage()
    prefix = f"[voxpop {n.severity}]" if n.severity else "[voxpop]"
    message["Subject"] = f"{prefix} {n.title}".replace("\r", " ").replace("\n", " ")[:250]
    message["From"] = config.from_addr
    message["To"] = ", ".join(config.to)
    message["Date"] = format_datetime(delivery.created_at)
    # One Message-ID per notification, the same on every try: mail systems that deduplicate use it.
    message["Message-ID"] = make_msgid(idstring=delivery.idempotency_key, domain="voxpop.invalid")
    message["X-Voxpop-Idempotency-Key"] = delivery.idempotency_key
    message.set_content(n.plain_text())
    # a digest carries its own HTML (voxpop/notify/digest_content.py: every value escaped there);
    # every other notification gets the generic rendering of its text
    extra = n.model_extra or {}
    own = extra.get("html") if n.kind == "digest" else None
    message.add_alternative(own if isinstance(own, str) else _html(n), subtype="html")
    return message


def _html(n: Notification) -> str:
    e = html.escape
    parts = [f"<h2>{e(n.title)}</h2>"]
    if n.severity:
        parts.insert(0, f"<p><strong>{e(n.severity.upper())}</strong></p>")
    if n.text:
        parts += [f"<p>{e(p)}</p>" for p in n.text.split("\n\n")]
    if n.fields:
        rows = "".join(f"<tr><th align='left'>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in n.fields.items())
        parts.append(f"<table>{rows}</table>")
    if n.url:
        parts.append(f"<p><a href=\"{e(n.url, quote=True)}\">Open in voxpop</a></p>")
    return "<!doctype html><html><body>" + "".join(parts) + "</body></html>"


class _GuardedConnect:
    """Connects only to addresses the address policy allows (checked after resolving, on the
    address used), while TLS still verifies the certificate against the configured host name."""

    voxpop_settings: Settings

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        try:
            addresses = resolve_allowed(host, port, self.voxpop_settings)
        except FetchRefused as exc:
            raise PermanentDeliveryError(str(exc).replace("fetch from", "send mail to")) from None
        except TransientFetchError as exc:
            raise TransientDeliveryError(str(exc)) from None
        error: OSError | None = None
        for ip in addresses:
            try:
                return super()._get_socket(ip, port, timeout)  # type: ignore[misc,no-any-return]
            except OSError as exc:
                error = exc
        raise error or OSError(f"{host} has no addresses")


class _SMTP(_GuardedConnect, smtplib.SMTP):
    pass


class _SMTPSSL(_GuardedConnect, smtplib.SMTP_SSL):
    pass


class EmailDestination(Destination):
    kind: ClassVar[str] = "email"
    description: ClassVar[str] = "e-mail over SMTP (STARTTLS or TLS; plain text and HTML)"
    secret_keys: ClassVar[tuple[str, ...]] = ("password",)
    Config = EmailConfig

    def send(self, delivery: Delivery) -> None:
        config: EmailConfig = self.config
        label = f"e-mail destination {self.name} ({config.host})"
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        try:
            if config.security == "ssl":
                smtp = _SMTPSSL(timeout=config.timeout_s, context=context)
            else:
                smtp = _SMTP(timeout=config.timeout_s)
            smtp.voxpop_settings = self.settings  # type: ignore[attr-defined]
            try:
                # connect() keeps the configured name for TLS's certificate check
                smtp.connect(config.host, config.resolved_port)
                if config.security == "starttls":
                    smtp.starttls(context=context)
                if config.username and config.password:
                    smtp.login(config.username, config.password)
                smtp.send_message(message_for(delivery, config))
            finally:
                try:
                    smtp.quit()
                except (smtplib.SMTPException, OSError):
                    smtp.close()
        except (PermanentDeliveryError, TransientDeliveryError) as exc:
            raise type(exc)(f"{label}: {exc}") from None
        except smtplib.SMTPAuthenticationError as exc:
            raise PermanentDeliveryError(f"{label}: login refused ({exc.smtp_code})") from None
        except smtplib.SMTPNotSupportedError as exc:
            raise PermanentDeliveryError(f"{label}: {exc}") from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            error: type[Exception] = TransientDeliveryError if all(400 <= c < 500 for c in codes) else \
                PermanentDeliveryError
            raise error(f"{label}: recipients refused ({', '.join(map(str, codes))})") from None
        except smtplib.SMTPResponseException as exc:
            error = TransientDeliveryError if 400 <= exc.smtp_code < 500 else PermanentDeliveryError
            said = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
            raise error(f"{label}: the server answered {exc.smtp_code} {said}") from None
        except ssl.SSLCertVerificationError as exc:
            raise PermanentDeliveryError(f"{label}: the server's certificate is not valid ({exc.verify_message})") \
                from None
        except (smtplib.SMTPException, OSError) as exc:  # timeouts, refused connections, dropped links
            raise TransientDeliveryError(f"{label}: {type(exc).__name__}: {exc}") from None
