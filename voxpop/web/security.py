"""Secrets of the web app: password hashing (argon2id), API tokens and session ids (random, kept
only as SHA-256 digests), the signed session cookie, and the refusal of a default secret."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeSerializer

from voxpop.settings import Settings

TOKEN_PREFIX = "vxp_"  # noqa: S105 (a marker that tells voxpop tokens apart, not a secret)
#: Values people paste from examples; a secret equal to one of them is no secret.
KNOWN_DEFAULT_SECRETS = frozenset({"", "secret", "changeme", "change-me", "default", "voxpop", "dev",
                                   "development", "please-change-me", "your-secret-key"})
MIN_SECRET_LENGTH = 32

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


class InsecureSecret(ValueError):
    """The secret key is missing, short or a well-known default."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


#: Verified against when the username does not exist, so a miss costs as much time as a wrong
#: password and timing does not tell which usernames exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def burn_time_like_a_password_check(password: str) -> None:
    verify_password(_DUMMY_HASH, password)


def digest(value: str) -> str:
    """SHA-256 of a high-entropy random secret (token, session id): enough, unlike for passwords."""
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class NewToken:
    secret: str  # shown once, never stored
    prefix: str  # stored, shown in lists to tell tokens apart
    digest: str  # stored


def new_token() -> NewToken:
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return NewToken(secret=secret, prefix=secret[: len(TOKEN_PREFIX) + 6], digest=digest(secret))


def mask(secret: str) -> str:
    """What may appear in logs and lists in place of a secret."""
    return secret[: len(TOKEN_PREFIX) + 6] + "…" if secret.startswith(TOKEN_PREFIX) else "***"


def check_secret(settings: Settings) -> str:
    """The secret key to sign sessions with, or InsecureSecret. The demo may run without one: it
    gets a random key for this process (its logins end when it stops)."""
    key = settings.secret_key or ""
    if settings.environment in ("demo", "test") and not key:
        return secrets.token_urlsafe(48)
    if key.strip().lower() in KNOWN_DEFAULT_SECRETS or len(key) < MIN_SECRET_LENGTH:
        raise InsecureSecret(
            "VOXPOP_SECRET_KEY must be set to at least 32 random characters (not an example value) "
            "to serve; e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    return key


class SessionSigner:
    """Signs the session id carried in the cookie with the secret key, so a forged or altered
    cookie is refused before the database is asked."""

    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeSerializer(secret_key, salt="voxpop-session")

    def dumps(self, session_id: str) -> str:
        return self._serializer.dumps(session_id)

    def loads(self, cookie: str) -> str | None:
        try:
            value = self._serializer.loads(cookie)
        except BadSignature:
            return None
        return value if isinstance(value, str) else None


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_secret(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
