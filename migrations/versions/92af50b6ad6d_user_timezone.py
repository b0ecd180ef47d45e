"""a time zone per user

Times are stored in UTC and shown in the reader's zone: the user's own (an IANA name), or the
school's APP_TIMEZONE while it is empty.

Revision ID: 92af50b6ad6d
Revises: cc8b9f2a2d89
Create Date: 2026-12-05 00:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '92af50b6ad6d'
down_revision = 'cc8b9f2a2d89'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), nullable=True))


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35+), not a batch copy: copying `users` would drop a table
    # every attempt and class points at, which SQLite's foreign keys refuse.
    op.drop_column('users', 'timezone')
