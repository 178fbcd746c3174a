"""The ``web`` fixture: the app on the ``store`` fixture, so each web test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from web_helpers import Web

from voxpop.store import Store
from voxpop.web import create_app


@pytest.fixture
def web(store: Store) -> Iterator[Web]:
    yield Web(create_app(store), store)
