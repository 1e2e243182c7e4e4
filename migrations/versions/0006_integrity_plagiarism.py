"""plagiarism detection (issue 14)

Placeholder reserved so that parallel work keeps one linear chain; it is filled in with the
tables of its feature.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 03:20:00.000000

"""

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
