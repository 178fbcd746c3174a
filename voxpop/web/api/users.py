"""/api/v1/users (admins only): list, add, change role/activity/password, remove."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from voxpop.store.users import LastAdmin, UserExists, UserNotFound, UserRow, get_user
from voxpop.web.auth import Admin, StoreDep
from voxpop.web.errors import ApiError
from voxpop.web.models import Id, Removed, UserCreate, UserList, UserPublic, UserUpdate
from voxpop.web.security import hash_password

router = APIRouter(prefix="/users", tags=["users"])


def user_public(row: UserRow) -> UserPublic:
    return UserPublic.model_validate(row.public())


def _get(conn: Any, user_id: int) -> UserRow:
    try:
        return get_user(conn, user_id=user_id)
    except UserNotFound:
        raise ApiError(404, f"no user {user_id}") from None


@router.get("", response_model=UserList, summary="Every user")
def list_all(_: Admin, store: StoreDep) -> UserList:
    from voxpop.store.users import list_users

    with store.read() as conn:
        return UserList(users=[user_public(u) for u in list_users(conn)])


@router.post("", response_model=UserPublic, status_code=201, summary="Add a user")
def add(body: UserCreate, _: Admin, store: StoreDep) -> UserPublic:
    from voxpop.store.users import add_user

    password_hash = hash_password(body.password)
    try:
        with store.write() as conn:
            row = add_user(conn, username=body.username, password_hash=password_hash, role=body.role,
                           display_name=body.display_name)
    except UserExists as exc:
        raise ApiError(409, str(exc)) from None
    return user_public(row)


@router.patch("/{user_id}", response_model=UserPublic,
              summary="Change a user's role, activity, name or password (a new password ends their sessions)")
def update(user_id: Id, body: UserUpdate, _: Admin, store: StoreDep) -> UserPublic:
    from voxpop.store.users import update_user

    password_hash = hash_password(body.password) if body.password is not None else None
    try:
        with store.write() as conn:
            _get(conn, user_id)
            row = update_user(conn, user_id=user_id, role=body.role, active=body.active,
                              display_name=body.display_name, password_hash=password_hash)
    except LastAdmin as exc:
        raise ApiError(409, str(exc)) from None
    return user_public(row)


@router.delete("/{user_id}", response_model=Removed, summary="Remove a user with their sessions and tokens")
def remove(user_id: Id, _: Admin, store: StoreDep) -> Removed:
    from voxpop.store.users import remove_user

    try:
        with store.write() as conn:
            row = _get(conn, user_id)
            remove_user(conn, user_id=user_id)
    except LastAdmin as exc:
        raise ApiError(409, str(exc)) from None
    return Removed(removed=row.username)
