"""What a notification says: the payload every destination renders (webhook JSON, Slack blocks,
e-mail text and HTML). Validated when it is enqueued, so a bad one fails its event, not delivery."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Severity = Literal["info", "warning", "critical"]


class NotificationInvalid(ValueError):
    """A payload that no destination could render (no title, a field that is not text, ...)."""


class Notification(BaseModel):
    """A notification's content. Extra keys are kept and reach webhooks as they are (machine data)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    title: str = Field(min_length=1, max_length=500, description="One line: what happened.")
    text: str = Field("", max_length=20_000, description="A few sentences: what a reader should know.")
    kind: str = Field("notice", max_length=50, description="What caused it: alert, case, sla, digest, test, ...")
    severity: Severity | None = None
    url: str | None = Field(None, max_length=2_000, description="Where to act (the alert or case page).")
    fields: dict[str, str] = Field(
        default_factory=dict, description="Short labelled facts, in order (e.g. observed, expected, query)."
    )

    @classmethod
    def parse(cls, payload: dict[str, Any]) -> Notification:
        try:
            return cls.model_validate(payload)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'payload'}: {e['msg']}" for e in exc.errors()
            )
            raise NotificationInvalid(f"the notification payload is not valid: {problems}") from None

    def plain_text(self) -> str:
        """The notification as plain text (e-mail body, Slack fallback)."""
        lines = [f"[{self.severity.upper()}] {self.title}" if self.severity else self.title]
        if self.text:
            lines += ["", self.text]
        if self.fields:
            lines.append("")
            lines += [f"{label}: {value}" for label, value in self.fields.items()]
        if self.url:
            lines += ["", self.url]
        return "\n".join(lines)
