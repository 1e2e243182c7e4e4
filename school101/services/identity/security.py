"""Password hashing (argon2id), bearer tokens and signed links."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

# OWASP's first argon2id setting (19 MiB, 2 passes, 1 lane): about 20 ms of one core, so two
# cores absorb a campaign opening of 2,500 registrations a minute (docs/decisions.md, "Password
# hashing sized for the campaign opening"). Hashes made with other parameters keep verifying
# (argon2 stores them in the hash) and are re-hashed at the next login (authenticate).
PASSWORD_HASH_PARAMETERS = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}
_hasher = PasswordHasher(**PASSWORD_HASH_PARAMETERS)
# A fixed hash checked when the account does not exist, so both paths cost the same time.
_DUMMY_HASH = _hasher.hash("not-a-real-password-0123456789")

TOKEN_PREFIX = "s101_"


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant-effort password check; False for a missing hash."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    """True when a hash was made with other parameters than today's (an older setting)."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return False


def new_token() -> tuple[str, str]:
    """A new bearer token and its SHA-256 (only the hash is stored)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    """SHA-256 hex of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def sign(payload, salt: str) -> str:
    """A signed, timestamped token for links in e-mails."""
    return _serializer(salt).dumps(payload)


def unsign(token: str, salt: str, max_age: int):
    """The payload of a signed link, or None when forged or expired."""
    try:
        return _serializer(salt).loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
