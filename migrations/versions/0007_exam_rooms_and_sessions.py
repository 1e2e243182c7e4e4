"""exam rooms and single active sessions (issue 14)

Placeholder reserved so that parallel work keeps one linear chain; it is filled in with the
tables of its feature.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 03:20:00.000000

"""

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
