"""mail delivery status; consent texts kept by SHA-256

Outbox mails get a delivery status (pending/sent/failed), an attempt count, the time of the
last attempt and the lease of a running attempt (locked_until); existing rows are marked from
what they recorded (sent_at set: sent; an error: failed). Consents get the SHA-256 of the
notice text shown, pointing at consent_texts, which keeps each text once; consents given
before this revision keep no hash (the text they saw was not recorded).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 21:39:37.541994

"""

import sqlalchemy as sa
from alembic import op

import school101.models._base

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "consent_texts",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("locale", sa.String(length=5), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_at", school101.models._base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_consent_texts")),
    )
    with op.batch_alter_table("consent_texts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_texts_version"), ["version"], unique=False)

    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_sha256", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_consents_text_sha256"), ["text_sha256"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_consents_text_sha256_consent_texts"),
            "consent_texts",
            ["text_sha256"],
            ["sha256"],
        )

    # Existing rows need values before the columns become NOT NULL without a default.
    with op.batch_alter_table("outbox_mails", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=10), nullable=False, server_default="pending")
        )
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("last_attempt_at", school101.models._base.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("locked_until", school101.models._base.UTCDateTime(), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_outbox_mails_status"), ["status"], unique=False)
    op.execute(
        "UPDATE outbox_mails SET status = CASE WHEN sent_at IS NOT NULL THEN 'sent' "
        "WHEN error <> '' THEN 'failed' ELSE 'pending' END, "
        "attempts = CASE WHEN transport = 'smtp' THEN 1 ELSE 0 END"
    )
    with op.batch_alter_table("outbox_mails", schema=None) as batch_op:
        batch_op.alter_column("status", server_default=None)
        batch_op.alter_column("attempts", server_default=None)


def downgrade():
    with op.batch_alter_table("outbox_mails", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_mails_status"))
        batch_op.drop_column("locked_until")
        batch_op.drop_column("last_attempt_at")
        batch_op.drop_column("attempts")
        batch_op.drop_column("status")

    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_consents_text_sha256_consent_texts"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_consents_text_sha256"))
        batch_op.drop_column("text_sha256")

    with op.batch_alter_table("consent_texts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_texts_version"))

    op.drop_table("consent_texts")
