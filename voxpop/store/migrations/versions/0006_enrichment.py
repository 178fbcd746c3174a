"""enrichment results a query or a count reads: sentiment, spam flag and duplicate cluster on each mention; users' sentiment corrections

Revision ID: 0006_enrichment
Revises: 0005_outbox
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa
import voxpop.store.types


revision = '0006_enrichment'
down_revision = '0005_outbox'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sentiment', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('spam', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('cluster_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True))
        # partial: new mentions arrive without a cluster, so imports pay nothing for this index
        batch_op.create_index(batch_op.f('ix_mentions_cluster_id'), ['cluster_id'], unique=False,
                              sqlite_where=sa.text('cluster_id IS NOT NULL'),
                              postgresql_where=sa.text('cluster_id IS NOT NULL'))

    op.create_table('sentiment_corrections',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('mention_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('lang', sa.String(length=10), nullable=True),
    sa.Column('label', sa.String(length=10), nullable=False),
    sa.Column('corrected_by', sa.String(length=200), nullable=True),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_sentiment_corrections_mention_id_mentions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sentiment_corrections'))
    )


def downgrade() -> None:
    op.drop_table('sentiment_corrections')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_cluster_id'))
        batch_op.drop_column('cluster_id')
        batch_op.drop_column('spam')
        batch_op.drop_column('sentiment')
