"""The mention store: idempotent upsert by (source, external id), edits with history, reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from voxpop.records import MentionDraft
from voxpop.store import Store
from voxpop.store.mentions import (
    MentionFilter,
    count_by,
    count_mentions,
    get_raw,
    history,
    iter_mentions,
    list_mentions,
    upsert_mentions,
)
from voxpop.store.sources import add_source, get_source, remove_source, save_cursor
from voxpop.store.tables import mention_history, mentions

T0 = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


def draft(i: int, **changes: object) -> MentionDraft:
    base = MentionDraft(
        external_id=f"ext-{i}", channel="mastodon", text=f"Post number {i} about Acme ☕ Øresund",
        published_at=T0 + timedelta(minutes=i), collected_at=T0 + timedelta(days=1),
        raw=f'{{"id": "ext-{i}"}}'.encode(), url=f"https://social.example/@bob/{i}", author="bob",
        links=("https://acme.example/",), hashtags=("Acme",), handles=("carol@host.social",), lang="da",
        likes=i,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def source_id(store: Store) -> int:
    with store.write() as conn:
        return add_source(conn, name="s1", kind="file", config={"path": "/x"}).id


def upsert(store: Store, source_id: int, drafts: list[MentionDraft]):  # type: ignore[no-untyped-def]
    with store.write() as conn:
        return upsert_mentions(conn, source_id=source_id, drafts=drafts)


def test_insert_then_same_items_again_adds_nothing(store: Store, source_id: int) -> None:
    first = upsert(store, source_id, [draft(i) for i in range(50)])
    again = upsert(store, source_id, [draft(i) for i in range(50)])
    assert (first.inserted, first.updated, first.unchanged) == (50, 0, 0)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 50)
    with store.read() as conn:
        assert count_mentions(conn) == 50


def test_stored_mention_round_trips_every_field(store: Store, source_id: int) -> None:
    upsert(store, source_id, [draft(3, country="DK", source_sentiment="negative", title="Ti\u0301tle")])
    with store.read() as conn:
        (m,) = list_mentions(conn)
        assert m.external_id == "ext-3" and m.text.endswith("Øresund") and m.title == "Ti\u0301tle"
        assert m.published_at == T0 + timedelta(minutes=3)
        assert m.published_at.tzinfo is not None and m.published_at.utcoffset() == timedelta(0)
        assert m.links == ("https://acme.example/",) and m.hashtags == ("Acme",)
        assert m.handles == ("carol@host.social",)
        assert (m.lang, m.country, m.source_sentiment, m.likes, m.version) == ("da", "DK", "negative", 3, 1)
        assert m.source_name == "s1"
        assert get_raw(conn, mention_id=m.id) == b'{"id": "ext-3"}'
        stored = conn.execute(sa.select(mentions.c.raw)).scalar_one()
        assert stored != b'{"id": "ext-3"}'  # compressed at rest


def test_edit_updates_in_place_and_keeps_history(store: Store, source_id: int) -> None:
    upsert(store, source_id, [draft(1)])
    counts = upsert(store, source_id, [draft(1, text="Edited: Acme fixed it", raw=b'{"v": 2}')])
    assert (counts.inserted, counts.updated) == (0, 1)
    with store.read() as conn:
        (m,) = list_mentions(conn)
        assert m.text == "Edited: Acme fixed it" and m.version == 2
        (old,) = history(conn, mention_id=m.id)
        assert old["text"].startswith("Post number 1") and old["version"] == 1
        assert old["raw"] == b'{"id": "ext-1"}'
        assert count_mentions(conn) == 1


def test_changed_counts_update_without_history(store: Store, source_id: int) -> None:
    upsert(store, source_id, [draft(1)])
    counts = upsert(store, source_id, [draft(1, likes=99, views=1000)])
    assert counts.updated == 1
    with store.read() as conn:
        (m,) = list_mentions(conn)
        assert (m.likes, m.views, m.version) == (99, 1000, 1)
        assert conn.execute(sa.select(sa.func.count()).select_from(mention_history)).scalar_one() == 0


def test_repeated_id_within_one_batch_keeps_last_and_history(store: Store, source_id: int) -> None:
    counts = upsert(store, source_id, [draft(1), draft(2), draft(1, text="second version")])
    assert counts.inserted == 2 and counts.updated == 1
    with store.read() as conn:
        assert count_mentions(conn) == 2
        m = next(x for x in iter_mentions(conn) if x.external_id == "ext-1")
        assert m.text == "second version" and len(history(conn, mention_id=m.id)) == 1


def test_same_external_id_in_two_sources_are_two_mentions(store: Store, source_id: int) -> None:
    with store.write() as conn:
        other = add_source(conn, name="s2", kind="file", config={"path": "/y"}).id
    upsert(store, source_id, [draft(1)])
    upsert(store, other, [draft(1)])
    with store.read() as conn:
        assert count_mentions(conn) == 2
        assert count_mentions(conn, filters=MentionFilter(source="s2")) == 1


def test_filters_and_counts(store: Store, source_id: int) -> None:
    upsert(store, source_id, [draft(i, lang="sv" if i % 2 else "da",
                                     channel="reddit" if i < 3 else "mastodon") for i in range(10)])
    with store.read() as conn:
        assert count_mentions(conn, filters=MentionFilter(lang="sv")) == 5
        assert count_mentions(conn, filters=MentionFilter(channel="reddit")) == 3
        assert count_mentions(conn, filters=MentionFilter(since=T0 + timedelta(minutes=5))) == 5
        assert dict(count_by(conn, "lang")) == {"da": 5, "sv": 5}
        latest = list_mentions(conn, limit=3)
        assert [m.external_id for m in latest] == ["ext-9", "ext-8", "ext-7"]
        assert len(list(iter_mentions(conn, chunk=3))) == 10


def test_removing_a_source_removes_its_mentions(store: Store, source_id: int) -> None:
    upsert(store, source_id, [draft(i) for i in range(5)])
    with store.write() as conn:
        assert remove_source(conn, name="s1") == 5
    with store.read() as conn:
        assert count_mentions(conn) == 0


def test_cursor_is_saved_with_items_or_not_at_all(store: Store, source_id: int) -> None:
    with pytest.raises(RuntimeError), store.write() as conn:
        upsert_mentions(conn, source_id=source_id, drafts=[draft(1)])
        save_cursor(conn, source_id=source_id, cursor={"offset": 10}, collected=1)
        raise RuntimeError("crash between items and commit")
    with store.read() as conn:
        assert count_mentions(conn) == 0
        assert get_source(conn, source_id=source_id).cursor == {}
