"""The receivers of notify_receivers.py as fixtures for every test in this folder."""

from notify_receivers import mailbox, receiver

__all__ = ["mailbox", "receiver"]
