"""registrations: accounts made on the registration page, by address and time

The registration page is limited per address (REGISTRATIONS_PER_IP in REGISTRATION_WINDOW),
counted from this table across workers and restarts, like the login throttle's failures. It
holds no link to the accounts, and rows older than the window are deleted as new ones come in.

Revision ID: b4d2e8f1c3a7
Revises: 29a4e6315208
Create Date: 2026-12-05 09:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4d2e8f1c3a7'
down_revision = '29a4e6315208'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'registrations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('ip', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
    )
    op.create_index('ix_registrations_ip_created', 'registrations', ['ip', 'created_at'])


def downgrade():
    op.drop_index('ix_registrations_ip_created', table_name='registrations')
    op.drop_table('registrations')
