"""initial schema: sources, mentions, history, enrichments, rejects

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa
import voxpop.store.types


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('sources',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=50), nullable=False),
    sa.Column('config', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('enabled', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('interval_s', sa.Integer(), server_default='900', nullable=False),
    sa.Column('state', sa.String(length=30), server_default='new', nullable=False),
    sa.Column('cursor', voxpop.store.types.JSONValue(), nullable=True),
    sa.Column('last_run_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_success_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('last_error_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_run_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('items_collected', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('name', name=op.f('uq_sources_name'))
    )
    op.create_table('ingest_rejects',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('source_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('location', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('excerpt', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_ingest_rejects_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ingest_rejects'))
    )
    with op.batch_alter_table('ingest_rejects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ingest_rejects_source_id_created_at'), ['source_id', 'created_at'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('source_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('external_id', sa.String(length=500), nullable=False),
    sa.Column('channel', sa.String(length=30), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('author', sa.String(length=300), nullable=True),
    sa.Column('author_name', sa.String(length=300), nullable=True),
    sa.Column('author_followers', sa.BigInteger(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('published_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('collected_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('likes', sa.BigInteger(), nullable=True),
    sa.Column('shares', sa.BigInteger(), nullable=True),
    sa.Column('replies', sa.BigInteger(), nullable=True),
    sa.Column('views', sa.BigInteger(), nullable=True),
    sa.Column('links', voxpop.store.types.JSONValue(), nullable=True),
    sa.Column('hashtags', voxpop.store.types.JSONValue(), nullable=True),
    sa.Column('handles', voxpop.store.types.JSONValue(), nullable=True),
    sa.Column('source_sentiment', sa.String(length=10), nullable=True),
    sa.Column('content_hash', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_mentions_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions')),
    sa.UniqueConstraint('source_id', 'external_id', name=op.f('uq_mentions_source_id_external_id'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_published_at'), ['published_at'], unique=False)

    op.create_table('enrichments',
    sa.Column('mention_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('step', sa.String(length=50), nullable=False),
    sa.Column('version', sa.String(length=30), nullable=False),
    sa.Column('result', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('computed_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_enrichments_mention_id_mentions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('mention_id', 'step', name=op.f('pk_enrichments'))
    )
    op.create_table('mention_history',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('mention_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=32), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('author', sa.String(length=300), nullable=True),
    sa.Column('author_name', sa.String(length=300), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.Column('collected_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('replaced_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_mention_history_mention_id_mentions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mention_history'))
    )
    with op.batch_alter_table('mention_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mention_history_mention_id'), ['mention_id'], unique=False)




def downgrade() -> None:
    
    with op.batch_alter_table('mention_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mention_history_mention_id'))

    op.drop_table('mention_history')
    op.drop_table('enrichments')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_published_at'))

    op.drop_table('mentions')
    with op.batch_alter_table('ingest_rejects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ingest_rejects_source_id_created_at'))

    op.drop_table('ingest_rejects')
    op.drop_table('sources')

