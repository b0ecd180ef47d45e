"""quiz_slots (hand-picked questions and extra random draws) and quizzes.audience

A quiz's paper was only a draw from its pool. It can now also hold hand-picked questions and
further random draws, one row each in quiz_slots. A quiz's own pool settings stay its main
random draw, so every existing quiz draws exactly the papers it drew before and gets no slot.
quizzes.audience says who sees a published quiz: "all" students (every existing quiz) or only
the "classes" it is assigned to.

Revision ID: 6fa0700c0e29
Revises: 92af50b6ad6d
Create Date: 2026-12-05 00:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6fa0700c0e29'
down_revision = '92af50b6ad6d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'quiz_slots',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('quiz_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=True),
        sa.Column('topic_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=16), nullable=True),
        sa.Column('difficulty', sa.Integer(), nullable=True),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_quiz_slots_question_id_questions'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['quiz_id'], ['quizzes.id'],
            name=op.f('fk_quiz_slots_quiz_id_quizzes'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['topic_id'], ['topics.id'],
            name=op.f('fk_quiz_slots_topic_id_topics'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_slots')),
    )
    with op.batch_alter_table('quiz_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_slots_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quiz_slots_quiz_id'), ['quiz_id'], unique=False)

    # In place (ALTER TABLE ADD COLUMN), not a batch copy: on SQLite a copy of `quizzes` would
    # break the foreign keys that point at it once attempts exist.
    op.add_column(
        'quizzes', sa.Column('audience', sa.String(length=16), server_default='all', nullable=False)
    )


def downgrade():
    op.drop_column('quizzes', 'audience')
    with op.batch_alter_table('quiz_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_slots_quiz_id'))
        batch_op.drop_index(batch_op.f('ix_quiz_slots_question_id'))
    op.drop_table('quiz_slots')
