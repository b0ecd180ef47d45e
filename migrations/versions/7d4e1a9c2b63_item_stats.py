"""item statistics maintained as attempts are submitted

Per quiz, per (quiz, question) and per (quiz, question, option text) sums over submitted
attempts, so item analysis reads a few rows per question instead of every answer. The
upgrade fills them from the attempts already there (what `flask stats rebuild` does), and
on PostgreSQL tells the planner how many answers an attempt has.

Revision ID: 7d4e1a9c2b63
Revises: 8e4f1a2b3c75
Create Date: 2026-12-04 22:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7d4e1a9c2b63'
down_revision = '8e4f1a2b3c75'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'quiz_stats',
        sa.Column('quiz_id', sa.Integer(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('scored', sa.Integer(), nullable=False),
        sa.Column('sum_percent', sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ['quiz_id'], ['quizzes.id'],
            name=op.f('fk_quiz_stats_quiz_id_quizzes'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('quiz_id', name=op.f('pk_quiz_stats')),
    )
    op.create_table(
        'item_stats',
        sa.Column('quiz_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.Column('n_right', sa.Integer(), nullable=False),
        sa.Column('answered', sa.Integer(), nullable=False),
        sa.Column('sum_x', sa.Float(), nullable=False),
        sa.Column('sum_x2', sa.Float(), nullable=False),
        sa.Column('sum_x_right', sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_item_stats_question_id_questions'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['quiz_id'], ['quizzes.id'],
            name=op.f('fk_item_stats_quiz_id_quizzes'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('quiz_id', 'question_id', name=op.f('pk_item_stats')),
    )
    with op.batch_alter_table('item_stats', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_item_stats_question_id'), ['question_id'], unique=False
        )
    op.create_table(
        'option_stats',
        sa.Column('quiz_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_option_stats_question_id_questions'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['quiz_id'], ['quizzes.id'],
            name=op.f('fk_option_stats_quiz_id_quizzes'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('quiz_id', 'question_id', 'text', name=op.f('pk_option_stats')),
    )
    with op.batch_alter_table('option_stats', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_option_stats_question_id'), ['question_id'], unique=False
        )
    _fill()
    _item_statistics()


def _item_statistics():
    """PostgreSQL samples attempt_items and guesses about 60,000 distinct attempts among ten
    million answers, so it expects 170 answers per attempt and, for a batch of a class's
    attempts, walks the whole attempts table. Papers have about ten questions: say so."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE attempt_items ALTER COLUMN attempt_id SET (n_distinct = -0.1)")
        op.execute("ANALYZE attempt_items")


REST = (
    "CASE WHEN a.max_score > 1 THEN (a.score - i.points) / (a.max_score - 1) ELSE 0.0 END"
)
RIGHT = "CASE WHEN i.is_correct THEN 1 ELSE 0 END"
PERCENT = "a.score * 100.0 / NULLIF(a.max_score, 0)"
ANSWERS = (
    "FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id "
    "WHERE a.status = 'submitted' AND i.question_id IS NOT NULL "
)


def _fill():
    """The figures of the attempts submitted so far (what `flask stats rebuild` computes).
    Plain SQL: a revision must not depend on application code that changes later."""
    bind = op.get_bind()
    bind.execute(sa.text(
        "INSERT INTO quiz_stats (quiz_id, attempts, scored, sum_percent) "
        f"SELECT a.quiz_id, COUNT(*), COUNT({PERCENT}), COALESCE(SUM({PERCENT}), 0.0) "
        "FROM attempts a WHERE a.status = 'submitted' GROUP BY a.quiz_id"
    ))
    bind.execute(sa.text(
        "INSERT INTO item_stats "
        "(quiz_id, question_id, n, n_right, answered, sum_x, sum_x2, sum_x_right) "
        f"SELECT a.quiz_id, i.question_id, COUNT(*), SUM({RIGHT}), COUNT(i.response_text), "
        f"SUM({REST}), SUM(({REST}) * ({REST})), "
        f"SUM(CASE WHEN i.is_correct THEN {REST} ELSE 0.0 END) "
        f"{ANSWERS} GROUP BY a.quiz_id, i.question_id"
    ))
    kind = (
        "i.snapshot ->> 'kind'" if bind.dialect.name == "postgresql"
        else "json_extract(i.snapshot, '$.kind')"
    )
    counts = {}
    for quiz_id, question_id, response, count in bind.execute(sa.text(
        f"SELECT a.quiz_id, i.question_id, i.response_text, COUNT(*) {ANSWERS}"
        f"AND i.response_text IS NOT NULL AND {kind} IN ('single', 'true_false', 'multiple') "
        "GROUP BY a.quiz_id, i.question_id, i.response_text"
    )):
        for label in response.split("\n") if response else ():
            key = (quiz_id, question_id, label)
            counts[key] = counts.get(key, 0) + count
    if counts:
        bind.execute(
            sa.text(
                "INSERT INTO option_stats (quiz_id, question_id, text, count) "
                "VALUES (:quiz_id, :question_id, :text, :count)"
            ),
            [
                dict(quiz_id=z, question_id=q, text=t, count=c)
                for (z, q, t), c in counts.items()
            ],
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE attempt_items ALTER COLUMN attempt_id RESET (n_distinct)")
    for table in ('option_stats', 'item_stats'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_question_id'))
        op.drop_table(table)
    op.drop_table('quiz_stats')
