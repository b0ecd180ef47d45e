"""who changed which question through an import

One row per question an import overwrote: the question, who (null from the command line),
when, through what, and the names of the changed fields.

Revision ID: e94af54066a3
Revises: 72d2d555e714
Create Date: 2026-12-05 00:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e94af54066a3'
down_revision = '72d2d555e714'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'question_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('changed_by_id', sa.Integer(), nullable=True),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.Column('source', sa.String(length=200), nullable=False),
        sa.Column('fields', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_question_changes_question_id_questions'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['changed_by_id'], ['users.id'],
            name=op.f('fk_question_changes_changed_by_id_users'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question_changes')),
    )
    with op.batch_alter_table('question_changes', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_question_changes_question_id'), ['question_id'], unique=False
        )
        batch_op.create_index(
            batch_op.f('ix_question_changes_changed_by_id'), ['changed_by_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('question_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_changes_changed_by_id'))
        batch_op.drop_index(batch_op.f('ix_question_changes_question_id'))
    op.drop_table('question_changes')
