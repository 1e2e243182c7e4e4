"""token lifecycle (expiry, scopes, revocation by session version); secret links of mails

API tokens get scopes ("api", "git" or "api git"), an expiry date and the owner's session
version at creation (a password change, a role change or an erasure bumps it and so ends the
token). Existing tokens were used both for the API and as git passwords: they keep both scopes,
the owner's current version, and expire 90 days after their creation (already past: at once).
Outbox mails get `link_ref`, what signs a secret link at delivery time; existing bodies are
left as they were.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

import school101.models._base

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows need values before the columns become NOT NULL without a default.
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scopes", sa.String(length=20), nullable=False, server_default="api git")
        )
        batch_op.add_column(
            sa.Column("user_version", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("expires_at", school101.models._base.UTCDateTime(), nullable=True)
        )
    op.execute(
        "UPDATE api_tokens SET user_version = "
        "(SELECT users.session_version FROM users WHERE users.id = api_tokens.user_id)"
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("UPDATE api_tokens SET expires_at = created_at + INTERVAL '90 days'")
    else:
        op.execute("UPDATE api_tokens SET expires_at = datetime(created_at, '+90 days')")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.alter_column("scopes", server_default=None)
        batch_op.alter_column("user_version", server_default=None)

    with op.batch_alter_table("outbox_mails", schema=None) as batch_op:
        batch_op.add_column(sa.Column("link_ref", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("outbox_mails", schema=None) as batch_op:
        batch_op.drop_column("link_ref")

    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
        batch_op.drop_column("user_version")
        batch_op.drop_column("scopes")
