"""Settings for the reddit tests: Reddit's hosts allowed without a DNS lookup (the answers come
from httpx.MockTransport; the sandbox has no DNS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from voxpop.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(environment="test", data_dir=tmp_path / "data", fetch_timeout_s=2,
                    fetch_allowed_hosts=["www.reddit.com", "oauth.reddit.com", "127.0.0.1"])
