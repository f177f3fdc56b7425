"""Local tools, never shipped: `make chat` and `make replay`, the real Alexa envelopes the tests and the
bench send, local stand-ins for the Alexa APIs, and the DynamoDB Local runner.

They may import the skill; the skill never imports them (an import-linter contract in pyproject.toml).
"""
