"""Secret links in mails (password reset, e-mail confirmation, invitation): the stored body keeps
LINK_MARK where the link goes and the row's `link_ref` keeps what signs it, so nobody reading
the outbox sees a working link; the link is signed when the mail is delivered."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from flask import current_app

from school101.models import OutboxMail

LINK_MARK = "[[link]]"
TOKEN_SLOT = "__signed_token__"


@dataclass(frozen=True)
class SecretLink:
    """A link signed at delivery: `url` holds TOKEN_SLOT where the token goes; the token is
    itsdangerous' URLSafeTimedSerializer(SECRET_KEY, salt).dumps(payload), exactly what
    services.identity.security.sign makes (messaging sits below identity, so it signs alike)."""

    url: str
    salt: str
    payload: Any


def sign_link(link_ref: str, secret_key: str) -> str:
    """The working URL of a mail's `link_ref`, signed now."""
    from itsdangerous import URLSafeTimedSerializer

    ref = json.loads(link_ref)
    token = URLSafeTimedSerializer(secret_key, salt=ref["salt"]).dumps(ref["payload"])
    return ref["url"].replace(TOKEN_SLOT, token)


def delivered_body(mail: OutboxMail, secret_key: str | None = None) -> str:
    """The body as the recipient gets it: LINK_MARK replaced by the link, signed now."""
    if not mail.link_ref:
        return mail.body
    key = secret_key or current_app.config["SECRET_KEY"]
    return mail.body.replace(LINK_MARK, sign_link(mail.link_ref, key))
