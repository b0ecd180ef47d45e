"""index questions.updated_at

The history page's state (checked before a kept page is answered again) takes
max(questions.updated_at): without an index that reads every question row.

Revision ID: 3c1f7a2d9e41
Revises: 98a327be5d70
Create Date: 2026-11-24 17:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '3c1f7a2d9e41'
down_revision = '98a327be5d70'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index('ix_questions_updated_at', ['updated_at'], unique=False)


def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index('ix_questions_updated_at')
