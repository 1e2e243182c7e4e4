"""Messaging: the outbox of e-mails, their delivery after the commit, and staff's view of it."""
