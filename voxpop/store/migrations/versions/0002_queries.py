"""saved queries, their matches, pipeline cursors, queue of edited mentions per stage, workspace settings, source failure count

Revision ID: 0002_queries
Revises: 0001_initial
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa
import voxpop.store.types


revision = '0002_queries'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failures', sa.Integer(), server_default='0', nullable=False))

    op.create_table('pipeline_cursors',
    sa.Column('stage', sa.String(length=50), nullable=False),
    sa.Column('position', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('stage', name=op.f('pk_pipeline_cursors'))
    )
    op.create_table('queries',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('enabled', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('revision', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queries')),
    sa.UniqueConstraint('name', name=op.f('uq_queries_name'))
    )
    op.create_table('query_matches',
    sa.Column('query_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('mention_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('matched_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_query_matches_mention_id_mentions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['query_id'], ['queries.id'], name=op.f('fk_query_matches_query_id_queries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('query_id', 'mention_id', name=op.f('pk_query_matches'))
    )
    with op.batch_alter_table('query_matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_query_matches_mention_id'), ['mention_id'], unique=False)

    op.create_table('workspace_settings',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_workspace_settings'))
    )
    op.create_table('stage_queue',
    sa.Column('stage', sa.String(length=50), nullable=False),
    sa.Column('mention_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('queued_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_stage_queue_mention_id_mentions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('stage', 'mention_id', name=op.f('pk_stage_queue'))
    )



def downgrade() -> None:
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_column('failures')

    op.drop_table('stage_queue')
    op.drop_table('workspace_settings')
    with op.batch_alter_table('query_matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_query_matches_mention_id'))

    op.drop_table('query_matches')
    op.drop_table('queries')
    op.drop_table('pipeline_cursors')

