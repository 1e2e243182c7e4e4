"""Revision 0002 marks the existing outbox mails from what they recorded, and goes back down."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from school101.extensions import db


def test_existing_outbox_mails_get_a_delivery_status(empty_app):
    upgrade(revision="0001")
    insert = text(
        'INSERT INTO outbox_mails (created_at, "to", kind, locale, subject, body, transport, '
        "sent_at, error) VALUES ('2026-01-05 10:00:00', :to, 'k', 'fr', 's', 'b', :transport, "
        ":sent_at, :error)"
    )
    with db.engine.begin() as conn:
        conn.execute(
            insert,
            {
                "to": "outbox@x.org",
                "transport": "outbox",
                "sent_at": "2026-01-05 10:00:00",
                "error": "",
            },
        )
        conn.execute(
            insert,
            {
                "to": "smtp-ok@x.org",
                "transport": "smtp",
                "sent_at": "2026-01-05 10:00:01",
                "error": "",
            },
        )
        conn.execute(
            insert,
            {"to": "smtp-ko@x.org", "transport": "smtp", "sent_at": None, "error": "OSError: down"},
        )
    upgrade()
    with db.engine.connect() as conn:
        rows = conn.execute(
            text('SELECT "to", status, attempts, locked_until FROM outbox_mails ORDER BY id')
        ).all()
    assert [tuple(r) for r in rows] == [
        ("outbox@x.org", "sent", 0, None),
        ("smtp-ok@x.org", "sent", 1, None),
        ("smtp-ko@x.org", "failed", 1, None),
    ]
    downgrade(revision="0001")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outbox_mails")).scalar() == 3
