"""Foundations every layer may use: settings and the per-request record (docs/architecture.md)."""
