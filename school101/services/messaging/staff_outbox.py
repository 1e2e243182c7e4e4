"""The outbox as staff read it (never the mails of staff and admins to non-admins, and never a
working secret link: see shown_body)."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_

from school101.core.errors import NotFound
from school101.core.paging import (
    PER_PAGE_DEFAULT,
    SEARCH_MAX,
    Page,
    contains_text,
    paginate,
    parse_page,
)
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import (
    OutboxMail,
    User,
    UserRole,
)
from school101.models.user import MAIL_STATUSES
from school101.services.messaging.links import LINK_MARK

# Secret links written into bodies before they were kept out (revision 0003) are masked too.
_SECRET_URL = re.compile(r"\S*/auth/(?:reset|confirm|invitation)/\S+")


def _privileged_user_ids():
    return db.select(UserRole.user_id).where(UserRole.role.in_(("staff", "admin")))


def outbox_query(actor):
    """Mails staff may read: admins see all; staff do not see mails to staff or admin
    accounts (their password-reset links would let them take those accounts over)."""
    ensure_staff(actor)
    query = db.select(OutboxMail)
    if not actor.has_role("admin"):
        privileged = db.select(User.email).where(User.id.in_(_privileged_user_ids()))
        query = query.where(
            or_(OutboxMail.user_id.is_(None), OutboxMail.user_id.not_in(_privileged_user_ids())),
            OutboxMail.to.not_in(privileged),
        )
    return query


def outbox(
    *, actor, page: Any = 1, per_page: Any = PER_PAGE_DEFAULT, to: str = "", status: str = ""
) -> Page:
    """The outbox, newest first, optionally filtered on the recipient and the delivery status."""
    page, per_page = parse_page(page, per_page)
    query = outbox_query(actor)
    to = (to or "").strip()
    if to:
        query = query.where(contains_text(OutboxMail.to, to[:SEARCH_MAX]))
    if status in MAIL_STATUSES:
        query = query.where(OutboxMail.status == status)
    return paginate(
        query.order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc()), page, per_page
    )


def outbox_mail(mail_id: Any, *, actor) -> OutboxMail:
    try:
        mail_id = int(mail_id)
    except (TypeError, ValueError):
        mail_id = 0
    mail = db.session.scalars(outbox_query(actor).where(OutboxMail.id == mail_id)).first()
    if mail is None:
        raise NotFound(_l("No such mail."))
    return mail


def shown_body(mail: OutboxMail) -> str:
    """The body as staff and admins see it: a secret link (reset, confirmation, invitation)
    reads "[link hidden]" in the reader's language; the mail delivered has the working one."""
    hidden = _("[link hidden]")
    return _SECRET_URL.sub(hidden, (mail.body or "").replace(LINK_MARK, hidden))
