"""quizzes.purpose: assessment, section check or practice

Until now a quiz's purpose was read from its slug: "practice" was the hidden quiz that
"Practice my mistakes" attempts belong to, and "check-<section slug>" the "Check your
understanding" quiz of that explainer section. Existing rows get the purpose those slugs gave
them; every other quiz is an assessment.

Revision ID: 556203527548
Revises: 3c1f7a2d9e41
Create Date: 2026-12-04 21:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '556203527548'
down_revision = '3c1f7a2d9e41'
branch_labels = None
depends_on = None

quizzes = sa.table('quizzes', sa.column('slug', sa.String), sa.column('purpose', sa.String))
topics = sa.table('topics', sa.column('slug', sa.String))


def upgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('purpose', sa.String(length=16), server_default='assessment', nullable=False)
        )

    op.execute(quizzes.update().where(quizzes.c.slug == 'practice').values(purpose='practice'))
    section_check = sa.exists().where(sa.literal('check-') + topics.c.slug == quizzes.c.slug)
    op.execute(quizzes.update().where(section_check).values(purpose='section_check'))


def downgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.drop_column('purpose')
