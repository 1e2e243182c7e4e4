"""game answer timing and plausibility flags (issue 14)

Memory levels remember how far their sequence was revealed (`steps_revealed`) and when the
display of the last revealed step ends (`shown_until`); requests the pacing rules refused
are kept (`game_refusals`); each finished session gets a timing report with a verdict and
staff's review (`game_plausibility_reports`).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 03:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

import school101.models._base

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("game_levels", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("steps_revealed", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("shown_until", school101.models._base.UTCDateTime(), nullable=True)
        )
    op.create_table(
        "game_refusals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("elapsed_ms", sa.Integer(), nullable=False),
        sa.Column("at", school101.models._base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["game_sessions.id"],
            name=op.f("fk_game_refusals_session_id_game_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_game_refusals")),
    )
    with op.batch_alter_table("game_refusals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_game_refusals_session_id"), ["session_id"], unique=False
        )
    op.create_table(
        "game_plausibility_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("stats", sa.Text(), nullable=False),
        sa.Column("computed_at", school101.models._base.UTCDateTime(), nullable=False),
        sa.Column("review", sa.String(length=10), nullable=True),
        sa.Column("review_reason", sa.Text(), nullable=False),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", school101.models._base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["users.id"],
            name=op.f("fk_game_plausibility_reports_reviewed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["game_sessions.id"],
            name=op.f("fk_game_plausibility_reports_session_id_game_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_game_plausibility_reports")),
        sa.UniqueConstraint("session_id", name=op.f("uq_game_plausibility_reports_session_id")),
    )


def downgrade():
    op.drop_table("game_plausibility_reports")
    with op.batch_alter_table("game_refusals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_game_refusals_session_id"))
    op.drop_table("game_refusals")
    with op.batch_alter_table("game_levels", schema=None) as batch_op:
        batch_op.drop_column("shown_until")
        batch_op.drop_column("steps_revealed")
