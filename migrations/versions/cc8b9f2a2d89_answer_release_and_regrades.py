"""when answers are released, and the regrade log

`quizzes.release_mode` (immediate | after_close | manual) and `answers_released_at` decide
when a submitted attempt's review shows the keys; `regrades` records each attempt whose score
a regrade changed (who, when, old and new score).

Revision ID: cc8b9f2a2d89
Revises: e94af54066a3
Create Date: 2026-12-05 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cc8b9f2a2d89'
down_revision = 'e94af54066a3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'release_mode', sa.String(length=16), server_default='immediate', nullable=False
            )
        )
        batch_op.add_column(sa.Column('answers_released_at', sa.DateTime(), nullable=True))
    op.create_table(
        'regrades',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=True),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('old_score', sa.Float(), nullable=False),
        sa.Column('new_score', sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ['attempt_id'], ['attempts.id'],
            name=op.f('fk_regrades_attempt_id_attempts'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['by_id'], ['users.id'], name=op.f('fk_regrades_by_id_users'), ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_regrades_question_id_questions'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_regrades')),
    )
    with op.batch_alter_table('regrades', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regrades_attempt_id'), ['attempt_id'], unique=False)
        batch_op.create_index(
            batch_op.f('ix_regrades_question_id'), ['question_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('regrades', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regrades_question_id'))
        batch_op.drop_index(batch_op.f('ix_regrades_attempt_id'))
    op.drop_table('regrades')
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy would drop and recreate
    # quizzes, which attempts refer to, and SQLite's foreign keys refuse that.
    op.drop_column('quizzes', 'answers_released_at')
    op.drop_column('quizzes', 'release_mode')
