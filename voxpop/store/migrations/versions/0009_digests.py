"""digests: daily and weekly digest subscriptions (with their last sent period) and their saved queries

Revision ID: 0009_digests
Revises: 0008_alerts
Create Date: 2026-11-26
"""

from alembic import op
import sqlalchemy as sa
import voxpop.store.types


revision = '0009_digests'
down_revision = '0008_alerts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('digest_subscriptions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('all_queries', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('weekday', sa.Integer(), server_default='0', nullable=False),
    sa.Column('at', sa.String(length=5), nullable=False),
    sa.Column('destination_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('via_destination_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('enabled', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('last_period_end', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['destination_id'], ['notify_destinations.id'], name=op.f('fk_digest_subscriptions_destination_id_notify_destinations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digest_subscriptions_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['via_destination_id'], ['notify_destinations.id'], name=op.f('fk_digest_subscriptions_via_destination_id_notify_destinations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_subscriptions'))
    )
    op.create_table('digest_queries',
    sa.Column('subscription_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('query_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['query_id'], ['queries.id'], name=op.f('fk_digest_queries_query_id_queries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subscription_id'], ['digest_subscriptions.id'], name=op.f('fk_digest_queries_subscription_id_digest_subscriptions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('subscription_id', 'query_id', name=op.f('pk_digest_queries'))
    )
    with op.batch_alter_table('digest_queries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_queries_query_id'), ['query_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('digest_queries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_queries_query_id'))

    op.drop_table('digest_queries')
    op.drop_table('digest_subscriptions')
