"""version columns on quizzes and topics

Edit forms carry the version they were opened at; a stale save is refused instead of
silently reverting someone else's change (questions already had one).

Revision ID: 5b7e2c9d4f10
Revises: 556203527548
Create Date: 2026-12-04 21:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b7e2c9d4f10'
down_revision = '556203527548'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('quizzes', 'topics'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('version', sa.Integer(), server_default='1', nullable=False)
            )


def downgrade():
    for table in ('topics', 'quizzes'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
