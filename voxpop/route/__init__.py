"""Routing: teams, rules and the intent classifier send mentions to teams as cases in an inbox,
with a history of every change and a service-level clock in each team's business hours."""
