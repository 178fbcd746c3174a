"""Repository of users and access: users and their roles, team membership, web sessions, API
tokens and login attempts. Secrets never reach this module in a form worth stealing: passwords
arrive hashed (argon2, by voxpop.web.auth) and session ids and tokens arrive as SHA-256 digests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.tables import api_tokens, login_attempts, team_members, teams, users, web_sessions

#: Roles in increasing power: a viewer reads; an editor also changes sources and queries; an admin
#: also manages users and tokens.
ROLES = ("viewer", "editor", "admin")


class UserNotFound(LookupError):
    pass


class UserExists(ValueError):
    pass


class TokenNotFound(LookupError):
    pass


class LastAdmin(ValueError):
    """The change would leave the workspace without an active admin."""


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    created_at: datetime
    last_login_at: datetime | None
    password_hash: str  # argon2 encoded; never leaves the server (public() leaves it out)

    def can(self, role: str) -> bool:
        """Whether this user has at least ``role``."""
        return self.active and ROLES.index(self.role) >= ROLES.index(role)

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "display_name": self.display_name,
                "role": self.role, "active": self.active, "created_at": self.created_at.isoformat(),
                "last_login_at": self.last_login_at.isoformat() if self.last_login_at else None}


@dataclass(frozen=True, slots=True)
class TokenRow:
    id: int
    user_id: int
    username: str
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > datetime.now(UTC))

    def public(self) -> dict[str, Any]:
        def iso(v: datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {"id": self.id, "username": self.username, "name": self.name, "prefix": self.prefix,
                "created_at": self.created_at.isoformat(), "last_used_at": iso(self.last_used_at),
                "expires_at": iso(self.expires_at), "revoked_at": iso(self.revoked_at), "active": self.active}


def _user(r: Any) -> UserRow:
    return UserRow(id=r.id, username=r.username, display_name=r.display_name, role=r.role, active=bool(r.active),
                   created_at=r.created_at, last_login_at=r.last_login_at, password_hash=r.password_hash)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")


# ---- users --------------------------------------------------------------------------------------


def add_user(conn: Connection, *, username: str, password_hash: str, role: str, display_name: str = "") -> UserRow:
    _check_role(role)
    if conn.execute(sa.select(users.c.id).where(users.c.username == username)).first():
        raise UserExists(f"a user named {username!r} already exists")
    now = datetime.now(UTC)
    new_id = conn.execute(
        users.insert().values(username=username, display_name=display_name, password_hash=password_hash,
                              role=role, active=True, created_at=now, updated_at=now)
        .returning(users.c.id)
    ).scalar_one()
    return get_user(conn, user_id=new_id)


def get_user(conn: Connection, *, user_id: int | None = None, username: str | None = None) -> UserRow:
    where = users.c.id == user_id if user_id is not None else users.c.username == username
    row = conn.execute(sa.select(users).where(where)).first()
    if row is None:
        raise UserNotFound(f"no user {username or user_id!r}; 'voxpop user list' shows them")
    return _user(row)


def find_user(conn: Connection, *, username: str) -> UserRow | None:
    try:
        return get_user(conn, username=username)
    except UserNotFound:
        return None


def list_users(conn: Connection) -> list[UserRow]:
    return [_user(r) for r in conn.execute(sa.select(users).order_by(users.c.username))]


def count_users(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one())


def _active_admins(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(users)
                            .where(users.c.role == "admin", users.c.active.is_(True))).scalar_one())


def update_user(conn: Connection, *, user_id: int, role: str | None = None, active: bool | None = None,
                display_name: str | None = None, password_hash: str | None = None) -> UserRow:
    """Change a user. Demoting or deactivating the last active admin is refused (LastAdmin)."""
    current = get_user(conn, user_id=user_id)
    values: dict[str, Any] = {"updated_at": datetime.now(UTC)}
    if role is not None:
        _check_role(role)
        values["role"] = role
    if active is not None:
        values["active"] = active
    if display_name is not None:
        values["display_name"] = display_name
    if password_hash is not None:
        values["password_hash"] = password_hash
    loses_admin = current.role == "admin" and current.active and (
        (role is not None and role != "admin") or active is False)
    if loses_admin and _active_admins(conn) <= 1:
        raise LastAdmin(f"{current.username} is the last active admin; make another admin first")
    conn.execute(users.update().where(users.c.id == user_id).values(**values))
    if password_hash is not None or active is False:
        # a new password or a deactivation ends every session the old state opened
        conn.execute(web_sessions.delete().where(web_sessions.c.user_id == user_id))
    return get_user(conn, user_id=user_id)


def remove_user(conn: Connection, *, user_id: int) -> None:
    """Delete a user with their sessions and tokens (cascade). The last active admin stays."""
    current = get_user(conn, user_id=user_id)
    if current.role == "admin" and current.active and _active_admins(conn) <= 1:
        raise LastAdmin(f"{current.username} is the last active admin; make another admin first")
    conn.execute(users.delete().where(users.c.id == user_id))


def record_login(conn: Connection, *, user_id: int) -> None:
    conn.execute(users.update().where(users.c.id == user_id).values(last_login_at=datetime.now(UTC)))


# ---- teams ---------------------------------------------------------------------------------------


def add_team(conn: Connection, *, name: str) -> int:
    existing = conn.execute(sa.select(teams.c.id).where(teams.c.name == name)).scalar()
    if existing is not None:
        return int(existing)
    return int(conn.execute(teams.insert().values(name=name, created_at=datetime.now(UTC))
                            .returning(teams.c.id)).scalar_one())


def list_teams(conn: Connection) -> list[dict[str, Any]]:
    return [{"id": r.id, "name": r.name} for r in conn.execute(sa.select(teams).order_by(teams.c.name))]


def add_member(conn: Connection, *, team_id: int, user_id: int) -> None:
    present = conn.execute(sa.select(team_members.c.team_id).where(
        team_members.c.team_id == team_id, team_members.c.user_id == user_id)).first()
    if present is None:
        conn.execute(team_members.insert().values(team_id=team_id, user_id=user_id))


def remove_member(conn: Connection, *, team_id: int, user_id: int) -> None:
    conn.execute(team_members.delete().where(team_members.c.team_id == team_id, team_members.c.user_id == user_id))


def user_teams(conn: Connection, *, user_id: int) -> list[str]:
    rows = conn.execute(sa.select(teams.c.name).join(team_members, team_members.c.team_id == teams.c.id)
                        .where(team_members.c.user_id == user_id).order_by(teams.c.name))
    return [r[0] for r in rows]


# ---- web sessions --------------------------------------------------------------------------------


def add_session(conn: Connection, *, id_hash: str, user_id: int, csrf_token: str, max_age_s: int) -> None:
    now = datetime.now(UTC)
    # expired sessions are swept as new ones start, so the table stays the size of live use
    conn.execute(web_sessions.delete().where(web_sessions.c.expires_at < now))
    conn.execute(web_sessions.insert().values(id_hash=id_hash, user_id=user_id, csrf_token=csrf_token,
                                              created_at=now, expires_at=now + timedelta(seconds=max_age_s)))


def session_user(conn: Connection, *, id_hash: str) -> tuple[UserRow, str] | None:
    """The active user of a live session and the session's CSRF token, or None."""
    row = conn.execute(
        sa.select(users, web_sessions.c.csrf_token).join(web_sessions, web_sessions.c.user_id == users.c.id)
        .where(web_sessions.c.id_hash == id_hash, web_sessions.c.expires_at > datetime.now(UTC),
               users.c.active.is_(True))
    ).first()
    return (_user(row), row.csrf_token) if row is not None else None


def remove_session(conn: Connection, *, id_hash: str) -> None:
    conn.execute(web_sessions.delete().where(web_sessions.c.id_hash == id_hash))


# ---- API tokens ----------------------------------------------------------------------------------


def _token(r: Any) -> TokenRow:
    return TokenRow(id=r.id, user_id=r.user_id, username=r.username, name=r.name, prefix=r.prefix,
                    created_at=r.created_at, last_used_at=r.last_used_at, expires_at=r.expires_at,
                    revoked_at=r.revoked_at)


def _tokens_query() -> sa.Select[Any]:
    return sa.select(api_tokens, users.c.username).join(users, users.c.id == api_tokens.c.user_id)


def add_token(conn: Connection, *, user_id: int, name: str, prefix: str, token_hash: str,
              expires_at: datetime | None = None) -> TokenRow:
    new_id = conn.execute(
        api_tokens.insert().values(user_id=user_id, name=name, prefix=prefix, token_hash=token_hash,
                                   created_at=datetime.now(UTC), expires_at=expires_at)
        .returning(api_tokens.c.id)
    ).scalar_one()
    return get_token(conn, token_id=new_id)


def get_token(conn: Connection, *, token_id: int) -> TokenRow:
    row = conn.execute(_tokens_query().where(api_tokens.c.id == token_id)).first()
    if row is None:
        raise TokenNotFound(f"no token {token_id}; 'voxpop token list' shows them")
    return _token(row)


def list_tokens(conn: Connection, *, user_id: int | None = None) -> list[TokenRow]:
    query = _tokens_query().order_by(api_tokens.c.id)
    if user_id is not None:
        query = query.where(api_tokens.c.user_id == user_id)
    return [_token(r) for r in conn.execute(query)]


def revoke_token(conn: Connection, *, token_id: int) -> TokenRow:
    get_token(conn, token_id=token_id)
    conn.execute(api_tokens.update().where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
                 .values(revoked_at=datetime.now(UTC)))
    return get_token(conn, token_id=token_id)


def token_user(conn: Connection, *, token_hash: str) -> tuple[UserRow, TokenRow] | None:
    """The active user owning a live (unrevoked, unexpired) token with this digest, or None."""
    row = conn.execute(
        _tokens_query().where(api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    token = _token(row)
    if not token.active:
        return None
    user = get_user(conn, user_id=token.user_id)
    return (user, token) if user.active else None


def touch_token(conn: Connection, *, token_id: int, every_s: int = 60) -> None:
    """Note a token's use; at most once a minute, so busy API clients do not write on every call."""
    now = datetime.now(UTC)
    conn.execute(api_tokens.update().where(
        api_tokens.c.id == token_id,
        sa.or_(api_tokens.c.last_used_at.is_(None), api_tokens.c.last_used_at < now - timedelta(seconds=every_s)),
    ).values(last_used_at=now))


# ---- login attempts ------------------------------------------------------------------------------


def record_attempt(conn: Connection, *, username: str, ip: str, succeeded: bool) -> None:
    now = datetime.now(UTC)
    conn.execute(login_attempts.insert().values(username=username[:100], ip=ip[:64], succeeded=succeeded,
                                                attempted_at=now))
    # a day is far longer than any rate-limit window; older rows only take space
    conn.execute(login_attempts.delete().where(login_attempts.c.attempted_at < now - timedelta(days=1)))


def recent_failures(conn: Connection, *, username: str, ip: str, window_s: int) -> tuple[int, int]:
    """Failed attempts within the window: (for this username since its last success, from this IP)."""
    since = datetime.now(UTC) - timedelta(seconds=window_s)
    last_success = conn.execute(
        sa.select(sa.func.max(login_attempts.c.attempted_at))
        .where(login_attempts.c.username == username, login_attempts.c.succeeded.is_(True),
               login_attempts.c.attempted_at >= since)
    ).scalar()
    user_since = max(since, last_success) if last_success else since
    per_user = conn.execute(
        sa.select(sa.func.count()).select_from(login_attempts)
        .where(login_attempts.c.username == username, login_attempts.c.succeeded.is_(False),
               login_attempts.c.attempted_at >= user_since)
    ).scalar_one()
    per_ip = conn.execute(
        sa.select(sa.func.count()).select_from(login_attempts)
        .where(login_attempts.c.ip == ip, login_attempts.c.succeeded.is_(False),
               login_attempts.c.attempted_at >= since)
    ).scalar_one()
    return int(per_user), int(per_ip)
