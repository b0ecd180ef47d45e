"""attempt seeds hold 128 random bits (hex text, not a 31-bit integer)

Paper seeds of 31 bits could be searched from what a question page shows; seeds are now
secrets.token_hex(16). Existing seeds are kept as their decimal text.

Revision ID: 7c3d9e1f2a64
Revises: 5b7e2c9d4f10
Create Date: 2026-12-04 22:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3d9e1f2a64'
down_revision = '5b7e2c9d4f10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.alter_column(
            'seed',
            existing_type=sa.Integer(),
            type_=sa.String(length=32),
            existing_nullable=False,
            postgresql_using='seed::varchar(32)',
        )


def downgrade():
    # A 128-bit seed does not fit an integer; seeds only record how a paper was drawn.
    op.execute(
        "UPDATE attempts SET seed = '0' WHERE length(seed) > 9"
    )
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.alter_column(
            'seed',
            existing_type=sa.String(length=32),
            type_=sa.Integer(),
            existing_nullable=False,
            postgresql_using='seed::integer',
        )
