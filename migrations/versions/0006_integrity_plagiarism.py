"""plagiarism detection (issue 14)

Fingerprinted submissions (`integrity_documents`), the fingerprint index
(`integrity_fingerprints`: exercise + hash -> document) and the pairs staff decide
(`integrity_pairs`).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 03:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

from school101.models._base import UTCDateTime

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "integrity_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("piscine_id", sa.Integer(), nullable=True),
        sa.Column("exercise", sa.String(length=80), nullable=False),
        sa.Column("day_id", sa.String(length=40), nullable=False),
        sa.Column("owner", sa.String(length=24), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("token_count", sa.Integer(), nullable=False),
        sa.Column("own_tokens", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_integrity_documents_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["piscine_id"],
            ["piscines.id"],
            name=op.f("fk_integrity_documents_piscine_id_piscines"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_integrity_documents_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["rush_teams.id"],
            name=op.f("fk_integrity_documents_team_id_rush_teams"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrity_documents")),
        sa.UniqueConstraint("submission_id", name=op.f("uq_integrity_documents_submission_id")),
    )
    with op.batch_alter_table("integrity_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_integrity_documents_lookup", ["exercise", "piscine_id", "current"]
        )
        batch_op.create_index(batch_op.f("ix_integrity_documents_owner"), ["owner"])
        batch_op.create_index(batch_op.f("ix_integrity_documents_piscine_id"), ["piscine_id"])

    op.create_table(
        "integrity_fingerprints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("piscine_id", sa.Integer(), nullable=True),
        sa.Column("exercise", sa.String(length=80), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["integrity_documents.id"],
            name=op.f("fk_integrity_fingerprints_document_id_integrity_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["piscine_id"],
            ["piscines.id"],
            name=op.f("fk_integrity_fingerprints_piscine_id_piscines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrity_fingerprints")),
    )
    with op.batch_alter_table("integrity_fingerprints", schema=None) as batch_op:
        batch_op.create_index("ix_integrity_fingerprints_hash", ["exercise", "hash"])
        batch_op.create_index(batch_op.f("ix_integrity_fingerprints_document_id"), ["document_id"])

    op.create_table(
        "integrity_pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("piscine_id", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(length=80), nullable=False),
        sa.Column("day_id", sa.String(length=40), nullable=False),
        sa.Column("owner_a", sa.String(length=24), nullable=False),
        sa.Column("owner_b", sa.String(length=24), nullable=False),
        sa.Column("user_a_id", sa.Integer(), nullable=True),
        sa.Column("user_b_id", sa.Integer(), nullable=True),
        sa.Column("team_a_id", sa.Integer(), nullable=True),
        sa.Column("team_b_id", sa.Integer(), nullable=True),
        sa.Column("document_a_id", sa.Integer(), nullable=True),
        sa.Column("document_b_id", sa.Integer(), nullable=True),
        sa.Column("earlier", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("shared", sa.Integer(), nullable=False),
        sa.Column("tokens", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["piscine_id"],
            ["piscines.id"],
            name=op.f("fk_integrity_pairs_piscine_id_piscines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_a_id"],
            ["users.id"],
            name=op.f("fk_integrity_pairs_user_a_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_b_id"],
            ["users.id"],
            name=op.f("fk_integrity_pairs_user_b_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_a_id"],
            ["rush_teams.id"],
            name=op.f("fk_integrity_pairs_team_a_id_rush_teams"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_b_id"],
            ["rush_teams.id"],
            name=op.f("fk_integrity_pairs_team_b_id_rush_teams"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["document_a_id"],
            ["integrity_documents.id"],
            name=op.f("fk_integrity_pairs_document_a_id_integrity_documents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["document_b_id"],
            ["integrity_documents.id"],
            name=op.f("fk_integrity_pairs_document_b_id_integrity_documents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_integrity_pairs_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrity_pairs")),
        sa.UniqueConstraint(
            "piscine_id", "exercise", "owner_a", "owner_b", name="uq_integrity_pair"
        ),
    )
    with op.batch_alter_table("integrity_pairs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_integrity_pairs_piscine_id"), ["piscine_id"])
        batch_op.create_index(batch_op.f("ix_integrity_pairs_day_id"), ["day_id"])
        batch_op.create_index(batch_op.f("ix_integrity_pairs_user_a_id"), ["user_a_id"])
        batch_op.create_index(batch_op.f("ix_integrity_pairs_user_b_id"), ["user_b_id"])
        batch_op.create_index(batch_op.f("ix_integrity_pairs_score"), ["score"])
        batch_op.create_index(batch_op.f("ix_integrity_pairs_status"), ["status"])


def downgrade():
    op.drop_table("integrity_pairs")
    op.drop_table("integrity_fingerprints")
    op.drop_table("integrity_documents")
