"""The command line as a user meets it: help texts, workspace set-up, export round trips, settings."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from voxpop.cli import main
from voxpop.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "voxpop" / "sources" / "file" / "fixtures"


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += all_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("command", all_commands(main), ids=lambda c: " ".join(c) or "voxpop")
def test_every_command_has_help(command: tuple[str, ...]) -> None:
    code, out = cli(*command, "--help")
    assert code == 0 and "Usage:" in out
    leaf = main
    for name in command:
        leaf = leaf.commands[name]  # type: ignore[attr-defined]
    assert leaf.help and len(leaf.help) > 20
    assert "Example" in out, f"voxpop {' '.join(command)} --help shows no example"


def test_init_and_db_commands(db_env: dict[str, str]) -> None:
    code, out = cli("init", "--json")
    assert code == 0 and json.loads(out)["revision"]
    assert (Path(db_env["VOXPOP_DATA_DIR"]) / "voxpop.db").exists()
    code, out = cli("db", "upgrade")
    assert code == 0 and "already at" in out
    code, out = cli("db", "current")
    assert code == 0 and "needed" in out


def test_export_round_trips_through_import(
    db_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("import", str(FIXTURES / "export__interchange.ndjson"))
    cli("import", str(FIXTURES / "export__interchange.csv"))
    for fmt in ("ndjson", "csv", "parquet"):
        code, out = cli("export", "--format", fmt, "-o", str(tmp_path / f"all.{fmt}"), "--json")
        assert code == 0 and json.loads(out)["mentions"] == 8
    table = pq.read_table(tmp_path / "all.parquet")
    assert table.num_rows == 8 and str(table.schema.field("published_at").type) == "timestamp[us, tz=UTC]"

    original = {json.loads(line)["id"]: json.loads(line) for line in (tmp_path / "all.ndjson").read_text().splitlines()}
    for fmt in ("ndjson", "csv"):
        monkeypatch.setenv("VOXPOP_DATA_DIR", str(tmp_path / f"second-{fmt}"))
        from voxpop.settings import get_settings

        get_settings.cache_clear()
        code, out = cli("import", str(tmp_path / f"all.{fmt}"), "--json")
        assert code == 0 and json.loads(out)["inserted"] == 8, out
        code, out = cli("export", "--format", "ndjson")
        again = {json.loads(line)["id"]: json.loads(line) for line in out.splitlines()}
        for key in ("text", "title", "published_at", "lang", "channel", "author", "url", "sentiment", "likes"):
            assert {i: r[key] for i, r in again.items()} == {i: r[key] for i, r in original.items()}, (fmt, key)


def test_export_filters(db_env: dict[str, str]) -> None:
    cli("import", str(FIXTURES / "export__interchange.ndjson"))
    code, out = cli("export", "--channel", "reddit")
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == ["m2"]
    code, out = cli("export", "--format", "parquet")
    assert code == 2 and "--output" in out


def test_production_refuses_a_missing_secret(db_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="VOXPOP_SECRET_KEY"):
        Settings(environment="production")
    Settings(environment="production", secret_key="x" * 40)
    monkeypatch.setenv("VOXPOP_ENVIRONMENT", "production")
    from voxpop.settings import get_settings

    get_settings.cache_clear()
    code, out = cli("init")
    assert code == 1 and "VOXPOP_SECRET_KEY" in out


def test_bad_settings_are_reported_not_raised(db_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOXPOP_NAIVE_TIMEZONE", "Mars/Olympus")
    from voxpop.settings import get_settings

    get_settings.cache_clear()
    code, out = cli("mentions", "list")
    assert code == 1 and "unknown time zone" in out


def test_demo_builds_a_workspace_and_a_second_run_adds_nothing(db_env: dict[str, str]) -> None:
    code, out = cli("demo", "--no-serve", "--count", "600", "--json")
    assert code == 0, out
    summary = json.loads(out)
    assert summary["mentions"] == 600 and summary["import"]["inserted"] == 600
    assert {"da", "sv", "nb", "fi", "en", "de", "fr", "es", "it"} <= set(summary["languages"])
    assert len(summary["queries"]) >= 6 and sum(summary["queries"].values()) > 0
    assert summary["latest"] and summary["crises"] and summary["campaign"]
    code, out = cli("demo", "--no-serve", "--count", "600", "--json")
    again = json.loads(out)
    assert code == 0 and again["mentions"] == 600 and again["import"]["inserted"] == 0
    assert again["queries"] == summary["queries"]
