"""`voxpop source …` and `voxpop collect` end to end: a feed served on 127.0.0.1, a real workspace."""

from __future__ import annotations

import json

from click.testing import CliRunner

from voxpop.cli import main


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_add_run_list_collect_remove_a_feed(db_env, monkeypatch, server, fixture_bytes) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("VOXPOP_FETCH_ALLOWED_HOSTS", '["127.0.0.1"]')
    from voxpop.settings import get_settings

    get_settings.cache_clear()
    url = server.add("/feed.xml", body=fixture_bytes("rss", "feed__rss2.xml"),
                     content_type="application/rss+xml", etag='"v1"')
    code, out = cli("source", "add", "acme", "--kind", "rss", "--set", f"url={url}", "--json")
    assert code == 0 and json.loads(out)["kind"] == "rss"
    code, out = cli("source", "add", "acme", "--kind", "rss", "--set", f"url={url}")
    assert code == 2 and "already exists" in out

    code, out = cli("source", "run", "acme", "--json")
    first = json.loads(out)
    assert code in (0, 3) and first["inserted"] > 0 and first["state"] == "ok"

    code, out = cli("collect", "--all", "--json")  # the feed answers 304 now
    (again,) = json.loads(out)
    assert again["inserted"] == 0 and again["state"] == "ok"
    assert server.hits("/feed.xml")[-1].headers.get("if-none-match") == '"v1"'

    code, out = cli("source", "list", "--json")
    (row,) = json.loads(out)
    assert row["state"] == "ok" and row["items_collected"] == first["inserted"] and row["last_success_at"]

    code, out = cli("mentions", "list", "--source", "acme", "--json")
    assert code == 0 and len(json.loads(out)) == min(first["inserted"], 20)

    code, out = cli("source", "remove", "acme", "--yes")
    assert code == 0 and f"{first['inserted']:,} mentions" in out
    code, out = cli("source", "list", "--json")
    assert json.loads(out) == []


def test_a_failing_feed_is_reported_and_marked(db_env, monkeypatch, server) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("VOXPOP_FETCH_ALLOWED_HOSTS", '["127.0.0.1"]')
    from voxpop.settings import get_settings

    get_settings.cache_clear()
    url = server.add("/gone.xml", status=410)
    cli("source", "add", "old", "--kind", "rss", "--set", f"url={url}")
    code, out = cli("source", "run", "old", "--json")
    report = json.loads(out)
    assert code == 1 and report["state"] == "disabled" and report["error"]
    code, out = cli("source", "list", "--json")
    (row,) = json.loads(out)
    assert row["enabled"] is False and row["last_error"]


def test_private_addresses_are_refused_without_the_setting(db_env, server, fixture_bytes) -> None:  # type: ignore[no-untyped-def]
    url = server.add("/feed.xml", body=fixture_bytes("rss", "feed__rss2.xml"), content_type="application/rss+xml")
    cli("source", "add", "local", "--kind", "rss", "--set", f"url={url}")
    code, out = cli("source", "run", "local", "--json")
    assert code == 1 and "127.0.0.1" in json.loads(out)["error"]
    assert server.hits("/feed.xml") == []


def test_bad_source_configs_are_usage_errors(db_env) -> None:  # type: ignore[no-untyped-def]
    code, out = cli("source", "add", "x", "--kind", "myspace")
    assert code == 2 and "unknown source kind" in out
    code, out = cli("source", "add", "x", "--kind", "rss", "--set", "url=ftp://example.com/feed")
    assert code == 2
    code, out = cli("source", "add", "x", "--kind", "rss", "--set", "nonsense")
    assert code == 2 and "KEY=VALUE" in out
    code, out = cli("source", "run", "missing")
    assert code == 2 and "no source" in out
