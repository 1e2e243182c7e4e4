"""The data-processing notice candidates agree to, and the consents given to it.

The notice is translatable template text (candidate/_privacy_notice.html). Each consent records
the notice version (CONSENT_VERSION, bumped by hand whenever the words change), the language,
and the SHA-256 of the exact text shown, rendered in that language; the text itself is kept
once per hash in consent_texts, so the words agreed to can be shown again later.
tests/unit/test_consent_notice.py pins the hashes of each version: changing the notice
without bumping CONSENT_VERSION fails the tests.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from html.parser import HTMLParser

from flask import render_template, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from school101.core import audit
from school101.core.errors import Conflict, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import Consent, ConsentText
from school101.models._base import utcnow

CONSENT_VERSION = "2026-05-v1"
NOTICE_TEMPLATE = "candidate/_privacy_notice.html"
NOTICE_LOCALES = ("fr", "en")
RETENTION_MONTHS_DEFAULT = 3
RETENTION_YEARS_KEEP = 2


@dataclass(frozen=True)
class Notice:
    """The notice as shown in one language: its HTML, its plain text and that text's SHA-256."""

    version: str
    locale: str
    html: Markup
    text: str
    sha256: str


def render_notice(locale: str) -> Notice:
    """The current notice rendered in `locale` (French when unknown); pages show `html` and
    consents record `sha256`, so what is hashed is what was shown."""
    locale = locale if locale in NOTICE_LOCALES else "fr"
    with force_locale(locale):
        html = render_template(NOTICE_TEMPLATE, consent_version=CONSENT_VERSION)
    text = notice_text(html)
    return Notice(
        CONSENT_VERSION,
        locale,
        Markup(html),  # our own template, trusted
        text,
        hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "div", "br"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.paragraphs.append([])

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.paragraphs.append([])

    def handle_data(self, data):
        self.paragraphs[-1].append(data)


def notice_text(html: str) -> str:
    """The words of a notice fragment: one line per paragraph, spaces collapsed, no markup."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join("".join(parts).split()) for parts in parser.paragraphs)
    return "\n".join(line for line in lines if line) + "\n"


def keep_notice(notice: Notice) -> ConsentText:
    """The stored text of `notice`, inserted the first time it is agreed to (race-free: a
    concurrent insert of the same hash is caught and the stored row used)."""
    row = db.session.get(ConsentText, notice.sha256)
    if row is not None:
        return row
    try:
        with db.session.begin_nested():
            row = ConsentText(
                sha256=notice.sha256, version=notice.version, locale=notice.locale, text=notice.text
            )
            db.session.add(row)
    except IntegrityError:
        row = db.session.get(ConsentText, notice.sha256)
    return row


def current_consent(user) -> Consent | None:
    """The user's latest consent that has not been withdrawn."""
    return db.session.scalars(
        db.select(Consent)
        .where(Consent.user_id == user.id, Consent.withdrawn_at.is_(None))
        .order_by(Consent.id.desc())
    ).first()


def give_consent(
    user, *, keep_two_years: bool, locale: str = "fr", shown_sha256: str | None = None
) -> Consent:
    """Record consent to the current notice in `locale` (the caller commits). `shown_sha256`,
    when the page sent it, must be the hash of the current notice: a notice that changed while
    the person was reading is a Conflict (they read it again)."""
    notice = render_notice(locale)
    if shown_sha256 and shown_sha256 != notice.sha256:
        message = _l("The notice changed while you were reading it: please read it again.")
        raise Conflict(message, fields={"consent": message}, code="notice_changed")
    keep_notice(notice)
    ip = ""
    with contextlib.suppress(RuntimeError):
        ip = request.remote_addr or ""
    consent = Consent(
        user_id=user.id,
        text_version=notice.version,
        text_sha256=notice.sha256,
        locale=notice.locale,
        keep_two_years=bool(keep_two_years),
        ip=ip,
    )
    db.session.add(consent)
    audit.record(
        "consent.given",
        actor=user,
        target=user,
        after={
            "version": notice.version,
            "locale": notice.locale,
            "sha256": notice.sha256,
            "keep_two_years": bool(keep_two_years),
        },
    )
    return consent


def agree(
    user, *, consent, keep_two_years: bool, locale: str = "fr", shown_sha256: str | None = None
) -> Consent:
    """Record the person's agreement to the current notice with their retention choice (the
    consent page and PUT /api/v1/me/consent); anything but an explicit yes is refused."""
    if consent is not True:
        message = _l("You must agree to the processing of your data to apply.")
        raise ValidationFailed(message, fields={"consent": message}, code="consent_required")
    return give_consent(
        user, keep_two_years=keep_two_years, locale=locale, shown_sha256=shown_sha256
    )


def needs_consent(user) -> bool:
    """True when the user has no consent to the current version."""
    consent = current_consent(user)
    return consent is None or consent.text_version != CONSENT_VERSION


def consents_of(user) -> list[Consent]:
    """The user's consents, oldest first, with the texts agreed to loaded."""
    return list(
        db.session.scalars(
            db.select(Consent)
            .where(Consent.user_id == user.id)
            .order_by(Consent.given_at, Consent.id)
            .options(selectinload(Consent.notice))
        )
    )


def consent_json(consent: Consent) -> dict:
    """A consent as the person's export and the staff pages show it, with the text agreed to."""
    return {
        "text_version": consent.text_version,
        "locale": consent.locale,
        "text_sha256": consent.text_sha256,
        "text": consent.notice.text if consent.notice is not None else None,
        "keep_two_years": consent.keep_two_years,
        "given_at": consent.given_at.isoformat() if consent.given_at else None,
        "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
    }


def stored_notice(sha256: str) -> ConsentText:
    """A kept notice text by its hash, or NotFound."""
    row = db.session.get(ConsentText, (sha256 or "")[:64].lower())
    if row is None:
        raise NotFound(_l("No such notice text."))
    return row


def withdraw_keep_two_years(user) -> Consent:
    """Withdraw the optional agreement to keep the data two years (the caller commits).

    The consent holding it is marked withdrawn and a new consent to the same notice, without
    the option, takes its place, so the agreement to the processing itself stands and the
    retention job (which reads the latest consent) applies the three-month rule again. A
    person with no such agreement gets a Conflict and nothing changes."""
    consent = current_consent(user)
    if consent is None or not consent.keep_two_years:
        raise Conflict(_l("You have not agreed to keep your data for two years."), code="not_given")
    now = utcnow()
    consent.withdrawn_at = now
    ip = ""
    with contextlib.suppress(RuntimeError):
        ip = request.remote_addr or ""
    replacement = Consent(
        user_id=user.id,
        text_version=consent.text_version,
        text_sha256=consent.text_sha256,
        locale=consent.locale,
        keep_two_years=False,
        given_at=now,
        ip=ip,
    )
    db.session.add(replacement)
    audit.record(
        "consent.withdrawn",
        actor=user,
        target=user,
        before={"keep_two_years": True},
        after={"consent": "keep_two_years", "keep_two_years": False},
    )
    return replacement
