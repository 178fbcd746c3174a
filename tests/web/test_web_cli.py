"""The web app's commands: the first user becomes an admin, tokens are printed once and work
against the API, and 'voxpop serve' refuses to start without a real secret."""

from __future__ import annotations

from click.testing import CliRunner
from fastapi.testclient import TestClient

from voxpop.cli import main


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def test_user_add_makes_the_first_user_an_admin_and_token_create_prints_a_working_token(db_env) -> None:  # type: ignore[no-untyped-def]
    code, out = run("user", "add", "alice", "--password-stdin", stdin="a long password\n")
    assert code == 0 and "alice (admin)" in out
    code, out = run("user", "add", "bob", "--password-stdin", stdin="another long one\n")
    assert code == 0 and "bob (viewer)" in out
    assert run("user", "add", "carol", "--password-stdin", stdin="short\n")[0] == 2
    code, out = run("token", "create", "script", "--user", "bob")
    assert code == 0
    secret = out.strip().splitlines()[-1]
    assert secret.startswith("vxp_")
    code, listed = run("token", "list")
    assert code == 0 and secret not in listed and secret[:10] in listed

    from voxpop.cli import open_workspace
    from voxpop.web import create_app

    app = create_app(open_workspace())
    client = TestClient(app)
    assert client.get("/api/v1/queries", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert run("token", "revoke", "1")[0] == 0
    assert client.get("/api/v1/queries", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert run("user", "remove", "alice", "--yes")[0] == 2  # the last admin stays
    assert run("user", "passwd", "bob", "--password-stdin", stdin="a new long password\n")[0] == 0


def test_serve_refuses_a_missing_or_default_secret(db_env, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from voxpop.settings import get_settings

    monkeypatch.setenv("VOXPOP_ENVIRONMENT", "development")
    get_settings.cache_clear()
    code, out = run("serve")
    assert code == 1 and "VOXPOP_SECRET_KEY" in out
    monkeypatch.setenv("VOXPOP_SECRET_KEY", "changeme")
    get_settings.cache_clear()
    code, out = run("serve")
    assert code == 1 and "VOXPOP_SECRET_KEY" in out
