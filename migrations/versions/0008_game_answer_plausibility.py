"""game answer timing and plausibility flags (issue 14)

Placeholder reserved so that parallel work keeps one linear chain; it is filled in with the
tables of its feature.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 03:20:00.000000

"""

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
