"""alerts: per-query minute rollups, detector state per query, threshold rules, stored alerts and their history, alert subscriptions

Revision ID: 0008_alerts
Revises: 0007_routing
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa
import voxpop.store.types


revision = '0008_alerts'
down_revision = '0007_routing'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alert_query_state',
    sa.Column('query_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('decided_minute', sa.BigInteger(), nullable=True),
    sa.Column('rollups_dirty', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['query_id'], ['queries.id'], name=op.f('fk_alert_query_state_query_id_queries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('query_id', name=op.f('pk_alert_query_state'))
    )
    op.create_table('alert_subscriptions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('query_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('min_severity', sa.String(length=10), server_default='low', nullable=False),
    sa.Column('destination_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('via_destination_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['destination_id'], ['notify_destinations.id'], name=op.f('fk_alert_subscriptions_destination_id_notify_destinations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['query_id'], ['queries.id'], name=op.f('fk_alert_subscriptions_query_id_queries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_alert_subscriptions_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['via_destination_id'], ['notify_destinations.id'], name=op.f('fk_alert_subscriptions_via_destination_id_notify_destinations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_subscriptions'))
    )
    with op.batch_alter_table('alert_subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_subscriptions_query_id'), ['query_id'], unique=False)

    op.create_table('alert_thresholds',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('query_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('metric', sa.String(length=20), nullable=False),
    sa.Column('above', sa.Float(), nullable=False),
    sa.Column('window_minutes', sa.Integer(), nullable=False),
    sa.Column('min_mentions', sa.Integer(), server_default='0', nullable=False),
    sa.Column('severity', sa.String(length=10), server_default='medium', nullable=False),
    sa.Column('enabled', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['query_id'], ['queries.id'], name=op.f('fk_alert_thresholds_query_id_queries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_thresholds'))
    )
    with op.batch_alter_table('alert_thresholds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_thresholds_query_id'), ['query_id'], unique=False)

    op.create_table('query_rollups',
    sa.Column('query_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('minute', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('volume', sa.Integer(), nullable=False),
    sa.Column('negatives', sa.Integer(), nullable=False),
    sa.Column('channels', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('langs', voxpop.store.types.JSONValue(), nullable=False),
    sa.ForeignKeyConstraint(['query_id'], ['queries.id'], name=op.f('fk_query_rollups_query_id_queries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('query_id', 'minute', name=op.f('pk_query_rollups'))
    )
    op.create_table('alerts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('query_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('threshold_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('state', sa.String(length=15), server_default='open', nullable=False),
    sa.Column('started_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('fired_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('observed', sa.Float(), nullable=False),
    sa.Column('expected', sa.Float(), nullable=False),
    sa.Column('drivers', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('summary', sa.Text(), server_default='', nullable=False),
    sa.Column('top_mention_ids', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('detail', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('acknowledged_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=200), nullable=True),
    sa.Column('resolved_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_by', sa.String(length=200), nullable=True),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['query_id'], ['queries.id'], name=op.f('fk_alerts_query_id_queries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['threshold_id'], ['alert_thresholds.id'], name=op.f('fk_alerts_threshold_id_alert_thresholds'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alerts'))
    )
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alerts_query_id_kind_ended_at'), ['query_id', 'kind', 'ended_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_alerts_state_fired_at'), ['state', 'fired_at'], unique=False)

    op.create_table('alert_history',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('alert_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('old_state', sa.String(length=15), nullable=True),
    sa.Column('new_state', sa.String(length=15), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alerts.id'], name=op.f('fk_alert_history_alert_id_alerts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_history'))
    )
    with op.batch_alter_table('alert_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_history_alert_id_id'), ['alert_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('alert_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_history_alert_id_id'))

    op.drop_table('alert_history')
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alerts_state_fired_at'))
        batch_op.drop_index(batch_op.f('ix_alerts_query_id_kind_ended_at'))

    op.drop_table('alerts')
    op.drop_table('query_rollups')
    with op.batch_alter_table('alert_thresholds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_thresholds_query_id'))

    op.drop_table('alert_thresholds')
    with op.batch_alter_table('alert_subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_subscriptions_query_id'))

    op.drop_table('alert_subscriptions')
    op.drop_table('alert_query_state')
