"""Destination kinds: webhook, Slack incoming webhook, e-mail. voxpop/notify/registry.py lists them."""
