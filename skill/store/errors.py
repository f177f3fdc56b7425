"""The store's named errors: handlers react to these, never to botocore's."""


class StoreError(Exception):
    """Root of the store's errors."""


class StoreUnavailable(StoreError):
    """DynamoDB could not be reached or refused the call; nothing can be assumed saved."""


class ConflictError(StoreError):
    """Someone else changed the item first (a failed ConditionExpression)."""
