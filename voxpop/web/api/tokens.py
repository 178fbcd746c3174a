"""/api/v1/tokens (admins only): create (the secret is in this one response only), list, revoke."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import APIRouter

from voxpop.store.users import TokenNotFound, TokenRow, UserNotFound
from voxpop.web.auth import Admin, StoreDep
from voxpop.web.errors import ApiError
from voxpop.web.models import Id, TokenCreate, TokenCreated, TokenList, TokenPublic
from voxpop.web.security import new_token

router = APIRouter(prefix="/tokens", tags=["tokens"])


def token_public(row: TokenRow) -> TokenPublic:
    return TokenPublic.model_validate(row.public())


@router.get("", response_model=TokenList, summary="Every API token (never the secrets)")
def list_all(_: Admin, store: StoreDep) -> TokenList:
    from voxpop.store.users import list_tokens

    with store.read() as conn:
        return TokenList(tokens=[token_public(t) for t in list_tokens(conn)])


@router.post("", response_model=TokenCreated, status_code=201,
             summary="Create a token; the response holds its secret, which is never shown again")
def create(body: TokenCreate, who: Admin, store: StoreDep) -> TokenCreated:
    from voxpop.store.users import add_token, get_user

    token = new_token()
    expires = datetime.now(UTC) + timedelta(days=body.expires_in_days) if body.expires_in_days else None
    try:
        with store.write() as conn:
            owner = get_user(conn, username=body.username) if body.username else who.user
            row = add_token(conn, user_id=owner.id, name=body.name, prefix=token.prefix, token_hash=token.digest,
                            expires_at=expires)
    except UserNotFound as exc:
        raise ApiError(404, str(exc)) from None
    return TokenCreated(**token_public(row).model_dump(), token=token.secret)


@router.delete("/{token_id}", response_model=TokenPublic, summary="Revoke a token (at once, for good)")
def revoke(token_id: Id, _: Admin, store: StoreDep) -> TokenPublic:
    from voxpop.store.users import revoke_token

    try:
        with store.write() as conn:
            return token_public(revoke_token(conn, token_id=token_id))
    except TokenNotFound:
        raise ApiError(404, f"no token {token_id}") from None
