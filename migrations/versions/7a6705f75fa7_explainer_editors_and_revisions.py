"""explainer editors and section revisions

Only admins and teachers with `can_edit_explainer` change explainer sections, and every saved
edit is kept as a revision (who, when, the whole text) that can be compared and restored.

Revision ID: 7a6705f75fa7
Revises: 7d4e1a9c2b63
Create Date: 2026-12-05 00:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a6705f75fa7'
down_revision = '7d4e1a9c2b63'
branch_labels = None
depends_on = None


def upgrade():
    # In place (ALTER TABLE ADD COLUMN), not a batch copy: on SQLite a copy of `users` would
    # break the foreign keys that point at it.
    op.add_column(
        'users',
        sa.Column('can_edit_explainer', sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        'topic_revisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('topic_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('summary', sa.String(length=500), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('reverted_from', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['author_id'], ['users.id'],
            name=op.f('fk_topic_revisions_author_id_users'), ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['topic_id'], ['topics.id'],
            name=op.f('fk_topic_revisions_topic_id_topics'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_topic_revisions')),
        sa.UniqueConstraint('topic_id', 'number', name=op.f('uq_topic_revisions_topic_id_number')),
    )


def downgrade():
    op.drop_table('topic_revisions')
    # In place, not a batch copy: copying `users` breaks the foreign keys that point at it.
    op.drop_column('users', 'can_edit_explainer')
