"""attempts whose mistakes wait for the keys to join practice

`attempts.is_practice_held` marks a submitted attempt whose quiz held its answers back at
submit: its mistakes join the student's practice once the keys are shown (after the close
date, or a release by hand), and the mark is cleared then, once. Attempts held back before
this revision and not yet released are marked, so a quiz past its close date brings them in.

Revision ID: 29a4e6315208
Revises: e17d2aa5880d
Create Date: 2026-12-05 02:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '29a4e6315208'
down_revision = 'e17d2aa5880d'
branch_labels = None
depends_on = None

# Held back at submit and never released by hand (a release by hand scheduled them already):
# an after-close quiz submitted before its close date, or a manual quiz not yet released.
HELD = """
UPDATE attempts SET is_practice_held = :yes
WHERE status = 'submitted' AND quiz_id IN (
    SELECT id FROM quizzes
    WHERE answers_released_at IS NULL AND release_mode IN ('after_close', 'manual')
) AND NOT EXISTS (
    SELECT 1 FROM quizzes
    WHERE quizzes.id = attempts.quiz_id AND quizzes.release_mode = 'after_close'
      AND quizzes.closes_at IS NOT NULL AND quizzes.closes_at <= attempts.submitted_at
)
"""


def upgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('is_practice_held', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.get_bind().execute(sa.text(HELD), {'yes': True})


def downgrade():
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy would drop and recreate
    # attempts, which attempt_items refer to, and SQLite's foreign keys refuse that.
    op.drop_column('attempts', 'is_practice_held')
