"""notifications: destinations and the outbox (one row per event and destination, leased by the deliverer)

Revision ID: 0005_outbox
Revises: 0004_users
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa
import voxpop.store.types


revision = '0005_outbox'
down_revision = '0004_users'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('notify_destinations',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=50), nullable=False),
    sa.Column('config', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('enabled', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notify_destinations')),
    sa.UniqueConstraint('name', name=op.f('uq_notify_destinations_name'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('idempotency_key', sa.String(length=80), nullable=False),
    sa.Column('event_key', sa.String(length=300), nullable=False),
    sa.Column('destination_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('payload', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('state', sa.String(length=10), server_default='pending', nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('next_attempt_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lease_owner', sa.String(length=64), nullable=True),
    sa.Column('lease_until', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('dead_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['destination_id'], ['notify_destinations.id'], name=op.f('fk_outbox_destination_id_notify_destinations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_outbox_idempotency_key'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_state_next_attempt_at'), ['state', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_destination_id'), ['destination_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_event_key'), ['event_key'], unique=False)


def downgrade() -> None:
    op.drop_table('outbox')
    op.drop_table('notify_destinations')
