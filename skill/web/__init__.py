"""The web seam: HTTP and Lambda transports, request verification, one log line per request (docs/architecture.md)."""
