"""questions.use (graded | check | both) and question_never_with pairs

A section check ("Check your understanding") can be taken without limit and shows its answers,
so it must not draw the questions graded quizzes draw. Every existing question becomes
"graded", except the seeded bank's section-check questions (the keys below, marked
`use = "check"` in quizapp/content/questions), so an upgraded database splits the bank as a
fresh `flask seed` does. Teachers can mark any question "check" or "both" afterwards.

question_never_with holds the pairs a teacher said never to draw onto one paper, each pair once
with the lower id first.

Revision ID: 72d2d555e714
Revises: f87d53e8d1b4
Create Date: 2026-12-05 00:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '72d2d555e714'
down_revision = 'f87d53e8d1b4'
branch_labels = None
depends_on = None

# Frozen here on purpose: a migration must not change when the content files do.
SEEDED_CHECK_KEYS = (
    'ar-acronyms-match',
    'ar-nearly-four',
    'ar-never-lived-there',
    'ar-por-purpose',
    'ar-refugee-defined',
    'ar-registration-year',
    'ar-repatriation',
    'ar-waves-order',
    'dl-afghan-arguments',
    'dl-demarcation',
    'dl-durand-role',
    'dl-fence-year',
    'dl-october-closures',
    'dl-pakistan-view',
    'dl-timeline',
    'dl-torkham-name',
    'pt-civil-war',
    'pt-fall-2001',
    'pt-from-the-west',
    'pt-history-order',
    'pt-isi-name',
    'pt-kabul-year',
    'pt-recognition-widespread',
    'pt-why-frayed',
    'rp-bagram-order',
    'rp-envoy-summoned',
    'rp-joint-statement',
    'rp-kashmir-why',
    'rp-mediator-word',
    'rp-october-claims',
    'rp-trump-demand',
    'rp-us-left-year',
    'tb-allegiance',
    'tb-aps',
    'tb-bla-goal',
    'tb-bla-targets',
    'tb-events-order',
    'tb-groups-match',
    'tb-separatist',
    'tb-ttp-founded',
    'wh-event-order',
    'wh-islamabad-bombing',
    'wh-ispr-name',
    'wh-million-returned',
    'wh-open-war-author',
    'wh-questions-to-ask',
    'wh-return-year',
    'wh-soldiers-claim-verified',
)

questions = sa.table('questions', sa.column('key', sa.String), sa.column('use', sa.String))


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('use', sa.String(length=8), server_default='graded', nullable=False)
        )
    op.execute(
        questions.update().where(questions.c.key.in_(SEEDED_CHECK_KEYS)).values(use='check')
    )
    op.create_table(
        'question_never_with',
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('other_id', sa.Integer(), nullable=False),
        sa.CheckConstraint(
            'question_id < other_id', name=op.f('ck_question_never_with_ordered_pair')
        ),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_question_never_with_question_id_questions'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['other_id'], ['questions.id'],
            name=op.f('fk_question_never_with_other_id_questions'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('question_id', 'other_id', name=op.f('pk_question_never_with')),
    )
    op.create_index(
        op.f('ix_question_never_with_other_id'), 'question_never_with', ['other_id'], unique=False
    )


def downgrade():
    op.drop_index(op.f('ix_question_never_with_other_id'), table_name='question_never_with')
    op.drop_table('question_never_with')
    if op.get_bind().dialect.name == 'sqlite':
        # A batch copy of `questions` would drop a table others point at, which foreign_keys=ON
        # refuses; SQLite 3.35+ drops the column in place.
        op.execute('ALTER TABLE questions DROP COLUMN "use"')
    else:
        op.drop_column('questions', 'use')
