"""attempts submitted before they started: a quiz closed mid-attempt stamped its close date

Before this version, moving a quiz's close date into the past while a student was taking it
closed the attempt with the close date as its submission time, earlier than its start
("Time taken: -5974 min"). Such attempts now read as submitted at their last saved answer,
or at their start when nothing was saved: the last moment the student was seen working,
which is the time the app now gives such an attempt. Data only; nothing to undo.

Revision ID: c7e1a9d4f2b6
Revises: b4d2e8f1c3a7
Create Date: 2026-12-05 10:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c7e1a9d4f2b6'
down_revision = 'b4d2e8f1c3a7'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        """
        UPDATE attempts SET submitted_at = COALESCE(
            (SELECT MAX(attempt_items.answered_at) FROM attempt_items
             WHERE attempt_items.attempt_id = attempts.id
               AND attempt_items.answered_at > attempts.started_at),
            attempts.started_at)
        WHERE attempts.submitted_at IS NOT NULL AND attempts.submitted_at < attempts.started_at
        """
    )


def downgrade():
    pass  # the wrong times are not worth restoring
