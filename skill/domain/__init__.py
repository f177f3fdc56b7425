"""The couple as plain typed objects and pure functions: no I/O, no Alexa, no DynamoDB (docs/architecture.md)."""
