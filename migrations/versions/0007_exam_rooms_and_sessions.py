"""exam rooms and single active sessions (issue 14)

Rooms (a name and the CIDR networks of their computers), the exam sessions staff open in a
room (a code shown on the room's screen), the connections of a candidate to an attempt (one
active: a second login ends the first), and the room session an attempt was started in
(NULL for attempts started before).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 03:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

import school101.models._base

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

UTC_DATETIME = school101.models._base.UTCDateTime


def upgrade():
    op.create_table(
        "exam_rooms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("networks", sa.String(length=2000), nullable=False),
        sa.Column("created_at", UTC_DATETIME(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_rooms")),
        sa.UniqueConstraint("name", name=op.f("uq_exam_rooms_name")),
    )
    op.create_table(
        "exam_room_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("networks", sa.String(length=2000), nullable=False),
        sa.Column("open_room_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", UTC_DATETIME(), nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", UTC_DATETIME(), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["exam_rooms.id"],
            name=op.f("fk_exam_room_sessions_room_id_exam_rooms"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["exam_id"],
            ["piscine_days.id"],
            name=op.f("fk_exam_room_sessions_exam_id_piscine_days"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["opened_by_id"],
            ["users.id"],
            name=op.f("fk_exam_room_sessions_opened_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"],
            ["users.id"],
            name=op.f("fk_exam_room_sessions_closed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_room_sessions")),
        sa.UniqueConstraint("open_room_id", name=op.f("uq_exam_room_sessions_open_room_id")),
    )
    with op.batch_alter_table("exam_room_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exam_room_sessions_room_id"), ["room_id"])
        batch_op.create_index(batch_op.f("ix_exam_room_sessions_exam_id"), ["exam_id"])
    op.create_table(
        "exam_connections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("active_attempt_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=45), nullable=False),
        sa.Column("user_agent", sa.String(length=200), nullable=False),
        sa.Column("started_at", UTC_DATETIME(), nullable=False),
        sa.Column("last_seen_at", UTC_DATETIME(), nullable=False),
        sa.Column("ended_at", UTC_DATETIME(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["exam_attempts.id"],
            name=op.f("fk_exam_connections_attempt_id_exam_attempts"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_connections")),
        sa.UniqueConstraint(
            "active_attempt_id", name=op.f("uq_exam_connections_active_attempt_id")
        ),
    )
    with op.batch_alter_table("exam_connections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exam_connections_attempt_id"), ["attempt_id"])
        batch_op.create_index(batch_op.f("ix_exam_connections_key_hash"), ["key_hash"])
    with op.batch_alter_table("exam_attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("room_session_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_exam_attempts_room_session_id"), ["room_session_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_exam_attempts_room_session_id_exam_room_sessions"),
            "exam_room_sessions",
            ["room_session_id"],
            ["id"],
            ondelete="RESTRICT",
        )


def downgrade():
    with op.batch_alter_table("exam_attempts", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_exam_attempts_room_session_id_exam_room_sessions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_exam_attempts_room_session_id"))
        batch_op.drop_column("room_session_id")
    with op.batch_alter_table("exam_connections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exam_connections_key_hash"))
        batch_op.drop_index(batch_op.f("ix_exam_connections_attempt_id"))
    op.drop_table("exam_connections")
    with op.batch_alter_table("exam_room_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exam_room_sessions_exam_id"))
        batch_op.drop_index(batch_op.f("ix_exam_room_sessions_room_id"))
    op.drop_table("exam_room_sessions")
    op.drop_table("exam_rooms")
