"""search index: the query-language keys of each mention (mention_terms), with a full-text index over them

SQLite: an FTS5 table whose content is mention_terms, kept in step by the search stage that
writes mention_terms (no triggers: an FTS5 insert from a trigger costs four times as much, and
the mentions table itself has none, so imports pay nothing). PostgreSQL: a GIN index over
the keys as a tsvector built without parsing (array_to_tsvector), so both databases index exactly
the keys the query matcher uses.

Revision ID: 0003_search
Revises: 0002_queries
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa


revision = '0003_search'
down_revision = '0002_queries'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mention_terms',
    sa.Column('mention_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_mention_terms_mention_id_mentions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('mention_id', name=op.f('pk_mention_terms'))
    )
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("CREATE VIRTUAL TABLE mention_terms_fts USING fts5(terms, content='mention_terms', "
                   "content_rowid='mention_id', tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\", "
                   "detail=none)")
    else:
        op.execute("CREATE INDEX ix_mention_terms_keys ON mention_terms "
                   "USING gin (array_to_tsvector(string_to_array(terms, ' ')))")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TABLE mention_terms_fts")
    op.drop_table('mention_terms')
