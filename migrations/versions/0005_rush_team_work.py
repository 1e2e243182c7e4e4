"""rush team work: team submissions and one deadline grading per team

Submissions and day gradings get an optional `team_id` (a rush team): a push to a team
repository or an upload by a member is the team's submission, and the deadline grades each
team once. Existing rows are individual work (NULL).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 01:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("submissions", "day_gradings")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_team_id"), ["team_id"], unique=False)
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_team_id_rush_teams"),
                "rush_teams",
                ["team_id"],
                ["id"],
                ondelete="SET NULL",
            )


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_team_id_rush_teams"), type_="foreignkey"
            )
            batch_op.drop_index(batch_op.f(f"ix_{table}_team_id"))
            batch_op.drop_column("team_id")
