"""Deployment and local tooling: the DynamoDB Local runner, the model generator and the terminal chat.

Each runs as a script; tests and the bench import them.
"""
