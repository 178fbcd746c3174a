"""Commands for the web app: ``voxpop serve``, ``voxpop user add/list/remove/passwd`` and
``voxpop token create/list/revoke``. Registered on the main group in voxpop/cli.py."""

from __future__ import annotations

import sys
from typing import Any

import click

from voxpop.cli import EXIT_USAGE, emit_json, err, fail, load_settings, open_workspace, out


def serve_app(store: Any, *, host: str, port: int, secret_key: str | None = None) -> None:
    """Run the web app on host:port until interrupted."""
    import uvicorn

    from voxpop.web import create_app
    from voxpop.web.security import InsecureSecret

    try:
        app = create_app(store, secret_key=secret_key)
    except InsecureSecret as exc:
        fail(str(exc))
    # access logs show paths, never headers: tokens and cookies stay out of the log
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False)


@click.command()
@click.option("--host", default=None, help="Address to listen on (default: VOXPOP_WEB_HOST, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default: VOXPOP_WEB_PORT, 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the web app and the API (/docs lists the API) until Ctrl-C.

    Needs VOXPOP_SECRET_KEY (32+ random characters) and a first admin ('voxpop user add').

    \b
    Example:  VOXPOP_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(48))') voxpop serve
    """
    from voxpop.store.users import count_users
    from voxpop.web.security import InsecureSecret, check_secret

    settings = load_settings()
    try:
        check_secret(settings)
    except InsecureSecret as exc:
        fail(str(exc))
    store = open_workspace()
    with store.read() as conn:
        if count_users(conn) == 0:
            err.print("no users yet: create the first admin with 'voxpop user add NAME --role admin'")
    host, port = host or settings.web_host, port or settings.web_port
    out.print(f"voxpop is serving on http://{host}:{port}/ (Ctrl-C stops it)")
    serve_app(store, host=host, port=port)


def _password(prompt: bool, value: str | None) -> str:
    if value is None:
        if not prompt:
            fail("give --password-stdin or run in a terminal to be asked", EXIT_USAGE)
        value = click.prompt("password", hide_input=True, confirmation_prompt=True)
    if len(value) < 10:
        fail("a password needs at least 10 characters", EXIT_USAGE)
    return value


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return _password(False, sys.stdin.readline().rstrip("\n"))
    return _password(sys.stdin.isatty(), None)


@click.group()
def user() -> None:
    """People who may use the web app and the API, with a role: viewer, editor or admin.

    \b
    Example:  voxpop user add alice --role admin
    """


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["viewer", "editor", "admin"]), default=None,
              help="Default: admin for the first user, viewer after that.")
@click.option("--name", "display_name", default="", help="Display name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def user_add(username: str, role: str | None, display_name: str, password_stdin: bool) -> None:
    """Add a user (the first one becomes an admin); asks for the password.

    \b
    Example:  voxpop user add alice --role admin
              printf '%s\\n' "$PW" | voxpop user add bot --role viewer --password-stdin
    """
    from voxpop.store.users import UserExists, add_user, count_users
    from voxpop.web.models import UserCreate
    from voxpop.web.security import hash_password

    try:
        UserCreate.model_validate({"username": username, "password": "x" * 10, "role": role or "viewer"})
    except ValueError:
        fail("a username is letters, digits and _ . @ - (at most 100)", EXIT_USAGE)
    password = _read_password(password_stdin)
    store = open_workspace()
    try:
        with store.write() as conn:
            chosen = role or ("admin" if count_users(conn) == 0 else "viewer")
            row = add_user(conn, username=username, password_hash=hash_password(password), role=chosen,
                           display_name=display_name)
    except UserExists as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"added {row.username} ({row.role})")


@user.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the users as JSON.")
def user_list(as_json: bool) -> None:
    """Every user with role and last sign-in.

    \b
    Example:  voxpop user list --json
    """
    from voxpop.store.users import list_users

    store = open_workspace()
    with store.read() as conn:
        rows = list_users(conn)
    if as_json:
        emit_json([r.public() for r in rows])
        return
    if not rows:
        out.print("no users yet; add the first admin with 'voxpop user add NAME'")
    for r in rows:
        last = r.last_login_at.strftime("%Y-%m-%d %H:%M") if r.last_login_at else "never"
        out.print(f"{r.username:20} {r.role:7} {'active' if r.active else 'inactive':9} last sign-in {last}",
                  markup=False)


@user.command("remove")
@click.argument("username")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def user_remove(username: str, yes: bool) -> None:
    """Remove a user with their sessions and API tokens (never the last admin).

    \b
    Example:  voxpop user remove bob --yes
    """
    from voxpop.store.users import LastAdmin, UserNotFound, get_user, remove_user

    store = open_workspace()
    if not yes and not click.confirm(f"Remove {username} and their tokens?"):
        return
    try:
        with store.write() as conn:
            remove_user(conn, user_id=get_user(conn, username=username).id)
    except (UserNotFound, LastAdmin) as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"removed {username}")


@user.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def user_passwd(username: str, password_stdin: bool) -> None:
    """Set a user's password (their web sessions end).

    \b
    Example:  voxpop user passwd alice
    """
    from voxpop.store.users import UserNotFound, get_user, update_user
    from voxpop.web.security import hash_password

    password = _read_password(password_stdin)
    store = open_workspace()
    try:
        with store.write() as conn:
            update_user(conn, user_id=get_user(conn, username=username).id, password_hash=hash_password(password))
    except UserNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"password of {username} changed; their sessions have ended")


@click.group()
def token() -> None:
    """API tokens ('Authorization: Bearer <token>'): shown once, stored hashed, revocable.

    \b
    Example:  voxpop token create reporting --user alice
    """


@token.command("create")
@click.argument("name")
@click.option("--user", "username", required=True, help="Whose token: it acts with that user's role.")
@click.option("--days", type=click.IntRange(1, 3650), default=None, help="Expire after this many days.")
@click.option("--json", "as_json", is_flag=True, help="Print the token and its record as JSON.")
def token_create(name: str, username: str, days: int | None, as_json: bool) -> None:
    """Create a token and print it, this once (only its hash is kept).

    \b
    Example:  voxpop token create grafana --user alice --days 90
    """
    from datetime import UTC, datetime, timedelta

    from voxpop.store.users import UserNotFound, add_token, get_user
    from voxpop.web.security import new_token

    secret = new_token()
    expires = datetime.now(UTC) + timedelta(days=days) if days else None
    store = open_workspace()
    try:
        with store.write() as conn:
            owner = get_user(conn, username=username)
            row = add_token(conn, user_id=owner.id, name=name, prefix=secret.prefix, token_hash=secret.digest,
                            expires_at=expires)
    except UserNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json({**row.public(), "token": secret.secret})
        return
    err.print(f"token {row.id} '{row.name}' for {username} ({owner.role}); copy it now, it is not shown again:")
    click.echo(secret.secret)


@token.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the tokens as JSON.")
def token_list(as_json: bool) -> None:
    """Every token: id, name, owner, first characters, last use (never the secret).

    \b
    Example:  voxpop token list
    """
    from voxpop.store.users import list_tokens

    store = open_workspace()
    with store.read() as conn:
        rows = list_tokens(conn)
    if as_json:
        emit_json([r.public() for r in rows])
        return
    if not rows:
        out.print("no tokens")
    for r in rows:
        state = "active" if r.active else ("revoked" if r.revoked_at else "expired")
        used = r.last_used_at.strftime("%Y-%m-%d %H:%M") if r.last_used_at else "never used"
        out.print(f"{r.id:4} {r.name:24} {r.username:16} {r.prefix}… {state:8} {used}", markup=False)


@token.command("revoke")
@click.argument("token_id", type=int)
def token_revoke(token_id: int) -> None:
    """Revoke a token at once (by the id 'voxpop token list' shows).

    \b
    Example:  voxpop token revoke 3
    """
    from voxpop.store.users import TokenNotFound, revoke_token

    store = open_workspace()
    try:
        with store.write() as conn:
            row = revoke_token(conn, token_id=token_id)
    except TokenNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"revoked token {row.id} '{row.name}' of {row.username}")


COMMANDS = (serve, user, token)

DEMO_USER = "demo"


def serve_demo(store: Any, settings: Any) -> None:
    """The end of 'voxpop demo': a demo admin with a fresh random password, printed with the
    address, then the web app until Ctrl-C. Signed with a random key unless one is set (the demo
    may run without one; its logins end when it stops)."""
    import secrets

    from voxpop.store.users import add_user, find_user, update_user
    from voxpop.web.security import hash_password

    password = secrets.token_urlsafe(12)
    with store.write() as conn:
        existing = find_user(conn, username=DEMO_USER)
        if existing is None:
            add_user(conn, username=DEMO_USER, password_hash=hash_password(password), role="admin",
                     display_name="Demo")
        else:
            update_user(conn, user_id=existing.id, password_hash=hash_password(password), active=True)
    host, port = settings.web_host, settings.web_port
    out.print(f"\n[bold]Open http://{host}:{port}/ and sign in as {DEMO_USER} / {password}[/]  (Ctrl-C stops it)",
              markup=True)
    serve_app(store, host=host, port=port, secret_key=settings.secret_key or secrets.token_urlsafe(48))
