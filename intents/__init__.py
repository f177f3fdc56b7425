"""Conversation handlers, one module per conversation."""
