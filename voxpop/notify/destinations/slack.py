"""Slack incoming webhook: the notification as readable Block Kit blocks (header, text, fields,
a button to act), with a plain-text fallback for notifications and screen readers.

The webhook URL is itself a secret (anyone holding it can post to the channel): it is masked in
listings and never named in error messages.
"""

from __future__ import annotations

from typing import Any, ClassVar

import orjson
from pydantic import BaseModel, ConfigDict, Field, field_validator

from voxpop.notify.destinations.base import Delivery, Destination
from voxpop.notify.destinations.http import post
from voxpop.notify.message import Notification
from voxpop.sources.fetch import parse_http_url

#: Slack's limits: header text 150 characters, section text 3,000, at most 10 fields of 2,000.
HEADER_MAX, SECTION_MAX, FIELDS_MAX, FIELD_MAX = 150, 3000, 10, 2000
SEVERITY_MARK = {"critical": ":red_circle:", "warning": ":large_orange_circle:", "info": ":large_blue_circle:"}


class SlackConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(description="The incoming webhook URL Slack gave (https://hooks.slack.com/services/...).")
    timeout_s: float = Field(10.0, gt=0, le=120, description="Time limit for one try, answer included.")

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return str(parse_http_url(value))


def escape(text: str) -> str:
    """Text for Slack's mrkdwn: &, < and > are control characters there (links, mentions)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def blocks_for(notification: Notification) -> dict[str, Any]:
    """The Slack message: ``text`` (fallback) and ``blocks``."""
    mark = SEVERITY_MARK.get(notification.severity or "", "")
    title = f"{mark} {notification.title}".strip()
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(title, HEADER_MAX), "emoji": True}}
    ]
    if notification.text:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _cut(escape(notification.text),
                                                                                   SECTION_MAX)}})
    fields = list(notification.fields.items())[:FIELDS_MAX]
    if fields:
        blocks.append({"type": "section", "fields": [
            {"type": "mrkdwn", "text": _cut(f"*{escape(label)}*\n{escape(value)}", FIELD_MAX)}
            for label, value in fields
        ]})
    if notification.url:
        blocks.append({"type": "actions", "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": "Open in voxpop"}, "url": notification.url}
        ]})
    context = f"voxpop · {notification.kind}" + (f" · {notification.severity}" if notification.severity else "")
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape(context)}]})
    return {"text": _cut(notification.plain_text(), SECTION_MAX), "blocks": blocks}


class SlackDestination(Destination):
    kind: ClassVar[str] = "slack"
    description: ClassVar[str] = "a Slack channel through an incoming webhook (Block Kit message)"
    secret_keys: ClassVar[tuple[str, ...]] = ("url",)
    Config = SlackConfig

    def send(self, delivery: Delivery) -> None:
        config: SlackConfig = self.config
        # Slack keeps no idempotency key; a repeat after a lost answer shows twice in the channel.
        post(config.url, body=orjson.dumps(blocks_for(delivery.notification)),
             headers={"Content-Type": "application/json"}, settings=self.settings, timeout_s=config.timeout_s,
             client=self._client, label=f"slack destination {self.name}")
