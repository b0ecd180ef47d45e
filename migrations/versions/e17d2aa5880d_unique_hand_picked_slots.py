"""A quiz holds a hand-picked question once: a unique index on quiz_slots

(quiz_id, question_id) is unique; random draws have no question_id, and both databases count
NULLs as distinct in a unique index, so any number of draws may share a quiz. A
duplicate left by an older version (the editor refused them, a hand-edited backup did not) is
dropped first, keeping the earliest slot, so every paper is drawn as before. The index is made
in place on both databases, never by a batch copy of a table.

Revision ID: e17d2aa5880d
Revises: 6fa0700c0e29
Create Date: 2026-12-05 02:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e17d2aa5880d'
down_revision = '6fa0700c0e29'
branch_labels = None
depends_on = None

def upgrade():
    op.execute(
        'DELETE FROM quiz_slots WHERE question_id IS NOT NULL AND id NOT IN ('
        ' SELECT keep FROM (SELECT MIN(id) AS keep FROM quiz_slots'
        ' WHERE question_id IS NOT NULL GROUP BY quiz_id, question_id) AS kept)'
    )
    op.create_index(
        'uq_quiz_slots_quiz_id_question_id',
        'quiz_slots',
        ['quiz_id', 'question_id'],
        unique=True,
    )


def downgrade():
    op.drop_index('uq_quiz_slots_quiz_id_question_id', table_name='quiz_slots')
