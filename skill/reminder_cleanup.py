"""A reminder that outlives its account's data: deleted in Alexa with the data, or on the account's
next request when the deletion could not reach it (docs/partners.md, "Deleting by voice").

Both steps span the reminder's record (skill/store/reminders.py) and the Reminders API
(skill/alexa/reminders.py), so they live above both, beside the container that holds them.
"""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput

from skill.alexa.reminders import Outcome
from skill.services import Services
from skill.store.errors import StoreUnavailable

log = logging.getLogger("close_together.services")


def forget_reminder(services: Services, user_id: str, handler_input: HandlerInput) -> Outcome | None:
    """Before this account's data is deleted: delete its reminder in Alexa, and its record once
    Alexa confirms. None when it had none; otherwise the API's outcome (OK when it is gone). A
    reminder that could not be deleted keeps its record, marked ``left`` by the deletion, so the
    account's next request tries again (``clear_left_reminder``)."""
    try:
        record = services.reminders.get(user_id)
    except StoreUnavailable:
        return Outcome.FAILED
    if record is None or not record.alert_token:
        return None
    outcome = services.reminders_api.api(handler_input).delete(record.alert_token).outcome
    if outcome in (Outcome.OK, Outcome.NOT_FOUND):
        services.reminders.delete(user_id)
        return Outcome.OK
    log.warning("reminder not deleted with the account's data (%s)", outcome.value)
    return outcome


def clear_left_reminder(services: Services, user_id: str, handler_input: HandlerInput) -> Outcome | None:
    """On the first request of an account whose data was deleted: delete the reminder that the
    deletion could not reach (the partner's token deleted the couple; or the API failed). None
    when there was nothing to do or it must wait for another request; else what happened
    (OK: deleted; NO_PERMISSION: the couple must delete it in the Alexa app), said once."""
    record = services.reminders.get(user_id)
    if record is None or not record.left or not record.alert_token:
        return None
    outcome = services.reminders_api.api(handler_input).delete(record.alert_token).outcome
    if outcome in (Outcome.FAILED, Outcome.UNKNOWN):
        return None
    services.reminders.delete(user_id)
    return Outcome.NO_PERMISSION if outcome is Outcome.NO_PERMISSION else Outcome.OK
