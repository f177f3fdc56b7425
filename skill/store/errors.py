"""The store's named errors: handlers react to these, never to botocore's."""


class StoreError(Exception):
    """Root of the store's errors."""


class StoreUnavailable(StoreError):
    """DynamoDB could not be reached or refused the call; nothing can be assumed saved."""


class ConflictError(StoreError):
    """Someone else changed the item first (a failed ConditionExpression)."""


class OutcomeUnknown(StoreError):
    """A write whose result is not known: an attempt reached DynamoDB (or may have) and no answer
    came back before the budget ran out, or conflicting writers used up every retry. It may or may
    not be saved; the request id makes saying it again safe (skill/store/scope.py).

    Deliberately not a StoreUnavailable: handlers that answer "not saved" must not catch it."""


class CoupleGone(StoreError):
    """The couple this request read was deleted (or unlinked) before its write landed: the write is
    refused by a condition on the couple's identity, so nothing lands in a history that is gone
    (docs/security.md, "Deletion is whole"). Not a StoreUnavailable: saying it again would not help."""
