"""one-time login codes, the reset log and per-student extra time

A teacher or admin gives a student a one-time code (stored hashed, with an expiry) that
signs them in once and demands a new password; every such reset is logged. A class
membership carries the student's extra-time accommodation.

Revision ID: f87d53e8d1b4
Revises: 7a6705f75fa7
Create Date: 2026-12-05 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f87d53e8d1b4'
down_revision = '7a6705f75fa7'
branch_labels = None
depends_on = None


def upgrade():
    # In place (ALTER TABLE ADD COLUMN), not a batch copy: on SQLite a copy of `users` would
    # break the foreign keys that point at it.
    op.add_column('users', sa.Column('login_code_hash', sa.String(length=255), nullable=True))
    op.add_column('users', sa.Column('login_code_expires_at', sa.DateTime(), nullable=True))
    op.add_column(
        'users',
        sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('extra_time', sa.String(length=16), server_default='none', nullable=False)
        )
        batch_op.add_column(sa.Column('extra_minutes', sa.Integer(), nullable=True))
    op.create_table(
        'password_resets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'],
            name=op.f('fk_password_resets_user_id_users'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['by_id'], ['users.id'],
            name=op.f('fk_password_resets_by_id_users'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_password_resets')),
    )
    with op.batch_alter_table('password_resets', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_password_resets_user_id'), ['user_id'], unique=False
        )
        batch_op.create_index(
            batch_op.f('ix_password_resets_created_at'), ['created_at'], unique=False
        )


def downgrade():
    op.drop_table('password_resets')
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_column('extra_minutes')
        batch_op.drop_column('extra_time')
    # In place, not a batch copy: copying `users` breaks the foreign keys that point at it.
    op.drop_column('users', 'must_change_password')
    op.drop_column('users', 'login_code_expires_at')
    op.drop_column('users', 'login_code_hash')
