"""stable keys for articles and for every question

A question-bank export restored twice duplicated every question without a key (generated ones)
and left articles out. Articles get a key, and keyless articles and questions get one now.

Revision ID: 8e4f1a2b3c75
Revises: 7c3d9e1f2a64
Create Date: 2026-12-04 22:20:00.000000

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8e4f1a2b3c75'
down_revision = '7c3d9e1f2a64'
branch_labels = None
depends_on = None


def _fill(table: str, prefix: str) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id FROM {table} WHERE key IS NULL")).all()
    for (row_id,) in rows:
        connection.execute(
            sa.text(f"UPDATE {table} SET key = :key WHERE id = :id"),
            {"key": f"{prefix}-{secrets.token_hex(5)}", "id": row_id},
        )


def upgrade():
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sa.String(length=40), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_articles_key'), ['key'])
    _fill('articles', 'a')
    _fill('questions', 'q')


def downgrade():
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_articles_key'), type_='unique')
        batch_op.drop_column('key')
