"""routing: team settings (intents, business hours, time zone, first-response target, lead), routing rules, cases with their mentions and history, intent corrections

Revision ID: 0007_routing
Revises: 0006_enrichment
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa
import voxpop.store.types


revision = '0007_routing'
down_revision = '0006_enrichment'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('route_rules',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('query_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('conditions', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('priority', sa.String(length=10), server_default='normal', nullable=False),
    sa.Column('tags', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('enabled', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['query_id'], ['queries.id'], name=op.f('fk_route_rules_query_id_queries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_route_rules')),
    sa.UniqueConstraint('name', name=op.f('uq_route_rules_name'))
    )
    op.create_table('team_settings',
    sa.Column('team_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('intents', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('timezone', sa.String(length=64), server_default='UTC', nullable=False),
    sa.Column('business_hours', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('first_response_s', sa.Integer(), nullable=True),
    sa.Column('lead_destination_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['lead_destination_id'], ['notify_destinations.id'], name=op.f('fk_team_settings_lead_destination_id_notify_destinations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_team_settings_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('team_id', name=op.f('pk_team_settings'))
    )
    op.create_table('cases',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('team_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('mention_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('cluster_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('status', sa.String(length=10), server_default='new', nullable=False),
    sa.Column('priority', sa.String(length=10), server_default='normal', nullable=False),
    sa.Column('assignee_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('tags', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('intent', sa.String(length=20), nullable=True),
    sa.Column('origin', sa.String(length=10), nullable=False),
    sa.Column('reason', voxpop.store.types.JSONValue(), nullable=False),
    sa.Column('opened_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('due_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_response_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('response_business_s', sa.Integer(), nullable=True),
    sa.Column('breached_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], name=op.f('fk_cases_assignee_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_cases_mention_id_mentions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_cases_team_id_teams'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_opened_at'), ['opened_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_status_due_at'), ['status', 'due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_team_id_status'), ['team_id', 'status'], unique=False)

    op.create_table('intent_corrections',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('mention_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('lang', sa.String(length=10), nullable=True),
    sa.Column('label', sa.String(length=20), nullable=False),
    sa.Column('corrected_by', sa.String(length=200), nullable=True),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_intent_corrections_mention_id_mentions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intent_corrections'))
    )
    op.create_table('route_rule_teams',
    sa.Column('rule_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('team_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['rule_id'], ['route_rules.id'], name=op.f('fk_route_rule_teams_rule_id_route_rules'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_route_rule_teams_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rule_id', 'team_id', name=op.f('pk_route_rule_teams'))
    )
    with op.batch_alter_table('route_rule_teams', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_route_rule_teams_team_id'), ['team_id'], unique=False)

    op.create_table('case_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('created_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_events_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events'))
    )
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_events_case_id_id'), ['case_id', 'id'], unique=False)

    op.create_table('case_mentions',
    sa.Column('case_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('mention_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('added_at', voxpop.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_mentions_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_case_mentions_mention_id_mentions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'mention_id', name=op.f('pk_case_mentions'))
    )
    with op.batch_alter_table('case_mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_mentions_mention_id'), ['mention_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('case_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_mentions_mention_id'))

    op.drop_table('case_mentions')
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_events_case_id_id'))

    op.drop_table('case_events')
    with op.batch_alter_table('route_rule_teams', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_route_rule_teams_team_id'))

    op.drop_table('route_rule_teams')
    op.drop_table('intent_corrections')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_team_id_status'))
        batch_op.drop_index(batch_op.f('ix_cases_status_due_at'))
        batch_op.drop_index(batch_op.f('ix_cases_opened_at'))
        batch_op.drop_index(batch_op.f('ix_cases_cluster_id'))

    op.drop_table('cases')
    op.drop_table('team_settings')
    op.drop_table('route_rules')
